import { findParameter, findVariable, nameScope } from 'ztlint/lint/ruleApi';
import type { Expr } from 'ztlint/model/expr';
import type { Template, Variable } from 'ztlint/model/template';
import { secretNameKind } from './secretNames';

/** What makes an expression's result a secret. */
export type SecretSource = { readonly kind: 'secure parameter'; readonly name: string } | { readonly kind: 'list function'; readonly name: string };

/** Functions whose result carries their arguments' text: a secret passed in comes out. */
const PASS_THROUGH = new Set([
  'concat', 'format', 'string', 'tolower', 'toupper', 'trim', 'replace', 'base64', 'base64tostring', 'datauri', 'datauritostring', 'json',
  'union', 'createobject', 'createarray', 'array', 'first', 'last', 'coalesce', 'skip', 'take', 'substring', 'padleft', 'split', 'join',
  'uri', 'uricomponent', 'uricomponenttostring', 'items', 'shallowmerge',
]);

/** `listKeys().keys[0].value` and `.primaryConnectionString` are secrets; `.keys[0].keyName` is not. */
function revealsSecret(property: string): boolean {
  const lower = property.toLowerCase();
  return lower === 'value' || lower === 'keys' || secretNameKind(property) !== undefined;
}

function firstOf(exprs: readonly Expr[], template: Template, seen: Set<Variable>): SecretSource | undefined {
  for (const expr of exprs) {
    const source = secretSource(expr, template, seen);
    if (source) return source;
  }
  return undefined;
}

/** At most this many variables are followed (like the evaluator's depth limit), so a long chain stops. */
const MAX_VARIABLES_FOLLOWED = 256;

/**
 * What in an expression returns a secret: the value of a secure parameter or a `list*()` result (`listKeys`,
 * `listSecrets`, `listConnectionStrings`...), directly or through variables and functions that pass text on.
 * `length(password)` or `uniqueString(key)` do not reveal it.
 */
export function secretSource(expr: Expr, template: Template, seen = new Set<Variable>(), outermost = true): SecretSource | undefined {
  switch (expr.kind) {
    case 'ref': {
      if (expr.target === 'parameter') {
        const parameter = findParameter(nameScope(template), expr.name);
        return parameter?.secure ? { kind: 'secure parameter', name: parameter.name } : undefined;
      }
      const variable = expr.target === 'variable' ? findVariable(nameScope(template), expr.name) : undefined;
      if (!variable || seen.has(variable) || seen.size >= MAX_VARIABLES_FOLLOWED) return undefined;
      seen.add(variable);
      return secretSource(variable.value, nameScope(template), seen);
    }
    case 'call': {
      const name = expr.name.toLowerCase();
      if (name.startsWith('list')) return { kind: 'list function', name: expr.name };
      if (name === 'if') return firstOf(expr.args.slice(1), template, seen);
      return PASS_THROUGH.has(name) ? firstOf(expr.args, template, seen) : undefined;
    }
    case 'member':
    case 'index': {
      const inner = secretSource(expr.object, template, seen, false);
      const property = expr.kind === 'member' ? expr.property : expr.index.kind === 'literal' && typeof expr.index.value === 'string' ? expr.index.value : undefined;
      // Only the last property read decides: `.keys[0].value` is a key, `.keys[0].keyName` its name.
      return inner && outermost && property !== undefined && !revealsSecret(property) ? undefined : inner;
    }
    case 'conditional':
      return firstOf([expr.then, expr.else], template, seen);
    case 'object':
      return firstOf(expr.entries.map((e) => e.value), template, seen);
    case 'array':
      return firstOf(expr.items.map((i) => (i.kind === 'spread' ? i.value : i)), template, seen);
    case 'for':
      return secretSource(expr.body, template, seen);
    default:
      return undefined;
  }
}
