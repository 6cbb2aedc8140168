import type { Expr } from 'ztlint/model/expr';

/** A compact, unambiguous rendering of an expression tree, so tests can state expected shapes in one line. */
export function show(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return JSON.stringify(expr.value);
    case 'ref':
      return `${expr.target}:${expr.name}`;
    case 'call':
      return `${expr.namespace === undefined ? '' : `${expr.namespace}.`}${expr.name}(${expr.args.map(show).join(', ')})`;
    case 'member':
      return `${show(expr.object)}.${expr.property}`;
    case 'index':
      return `${show(expr.object)}[${show(expr.index)}]`;
    case 'conditional':
      return `(${show(expr.test)} ? ${show(expr.then)} : ${show(expr.else)})`;
    case 'lambda':
      return `(${expr.parameters.join(', ')}) => ${show(expr.body)}`;
    case 'for':
      return `for(${show(expr.source)}: ${show(expr.body)})`;
    case 'object':
      return `{${expr.entries.map((e) => (e.kind === 'property' ? `${e.key}: ${show(e.value)}` : `...${show(e.value)}`)).join(', ')}}`;
    case 'array':
      return `[${expr.items.map((i) => (i.kind === 'spread' ? `...${show(i.value)}` : show(i))).join(', ')}]`;
    case 'invalid':
      return `invalid(${expr.reason})`;
  }
}
