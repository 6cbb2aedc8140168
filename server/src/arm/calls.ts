import type { Expr } from '../model/expr';
import type { Range } from '../text/range';
import { literalString } from './access';
import { call, conditional, lambda, literal, reference } from './nodes';

/**
 * Lowers one ARM function call to the format-neutral model: the calls that name something (`parameters('x')`,
 * `variables('x')`, `lambdaVariables('x')`) become references, `if` a conditional, `lambda` a lambda and the
 * constant functions literals. Every other call is kept under its name as written.
 */
export function lowerCall(name: string, namespace: string | undefined, args: Expr[], range: Range, nameRange: Range): Expr {
  if (namespace === undefined) {
    switch (name.toLowerCase()) {
      case 'parameters':
        return referenceCall('parameter', args, range) ?? call(name, namespace, args, range, nameRange);
      case 'variables':
        return referenceCall('variable', args, range) ?? call(name, namespace, args, range, nameRange);
      case 'lambdavariables':
        return referenceCall('local', args, range) ?? call(name, namespace, args, range, nameRange);
      case 'if':
        if (args.length === 3) return conditional(args[0], args[1], args[2], range);
        break;
      case 'lambda':
        return lambdaCall(args, range) ?? call(name, namespace, args, range, nameRange);
      case 'true':
        if (args.length === 0) return literal(true, range);
        break;
      case 'false':
        if (args.length === 0) return literal(false, range);
        break;
      case 'null':
        if (args.length === 0) return literal(null, range);
        break;
    }
  }
  return call(name, namespace, args, range, nameRange);
}

/** `parameters('x')` and its kin name their target with one literal string; anything computed stays a call. */
function referenceCall(target: 'parameter' | 'variable' | 'local', args: Expr[], range: Range): Expr | undefined {
  const name = args.length === 1 ? literalString(args[0]) : undefined;
  return name === undefined ? undefined : reference(target, name, range);
}

/** `lambda('a', 'b', body)`: literal parameter names, then the body. */
function lambdaCall(args: Expr[], range: Range): Expr | undefined {
  if (args.length < 1) return undefined;
  const parameters: string[] = [];
  for (let i = 0; i < args.length - 1; i++) {
    const name = literalString(args[i]);
    if (name === undefined) return undefined;
    parameters.push(name);
  }
  return lambda(parameters, args[args.length - 1], range);
}
