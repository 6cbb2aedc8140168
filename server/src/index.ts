export * from './text/range';
export * from './model/expr';
export * from './model/template';
export * from './model/value';
export * from './model/kubernetes';
