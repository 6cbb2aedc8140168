import type { Expr } from 'ztlint/model/expr';

/** An expression's shape, ranges left out: calls as `name(args)`, references as `target:name`. */
export function shape(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return JSON.stringify(expr.value);
    case 'ref':
      return `${expr.target}:${expr.name}`;
    case 'call':
      return `${expr.namespace ? `${expr.namespace}.` : ''}${expr.name}(${expr.args.map(shape).join(', ')})`;
    case 'member':
      return `${shape(expr.object)}${expr.optional ? '.?' : '.'}${expr.property}`;
    case 'index':
      return `${shape(expr.object)}[${expr.optional ? '?' : ''}${shape(expr.index)}]`;
    case 'conditional':
      return `(${shape(expr.test)} ? ${shape(expr.then)} : ${shape(expr.else)})`;
    case 'object':
      return `{${expr.entries.map((e) => (e.kind === 'spread' ? `...${shape(e.value)}` : `${e.key}: ${shape(e.value)}`)).join(', ')}}`;
    case 'array':
      return `[${expr.items.map((i) => (i.kind === 'spread' ? `...${shape(i.value)}` : shape(i))).join(', ')}]`;
    case 'for':
      return `[for ${expr.itemName ?? ''},${expr.indexName ?? ''} in ${shape(expr.source)}: ${expr.condition ? `if ${shape(expr.condition)} ` : ''}${shape(expr.body)}]`;
    case 'lambda':
      return `(${expr.parameters.join(', ')}) => ${shape(expr.body)}`;
    case 'invalid':
      return `invalid(${expr.reason})`;
  }
}
