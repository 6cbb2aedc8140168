import type { Fix, RuleContext } from 'ztlint/lint/ruleApi';
import type { Template } from 'ztlint/model/template';
import type { Value } from 'ztlint/model/value';
import { nameWords } from './secretNames';

/** `API_KEY` → `apiKey`, `db-password` → `dbPassword`: a name Bicep and ARM both accept. */
function parameterName(hint: string | undefined, fallback: string): string {
  const words = hint === undefined ? [] : nameWords(hint);
  const name = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
  return /^[a-z][A-Za-z0-9]*$/.test(name) ? name : fallback;
}

/** Bicep parameters, variables, resources and modules share one namespace; ARM names ignore case. */
function unusedName(template: Template, base: string): string {
  const taken = new Set(
    [...template.parameters, ...template.variables, ...template.modules.map((m) => ({ name: m.symbolicName })), ...template.resources.map((r) => ({ name: r.symbolicName ?? '' }))].map((d) => d.name.toLowerCase()),
  );
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
  return name;
}

/**
 * The fix for a secret written in a template: declare a secure parameter and use it where the literal was. Only
 * for a plain literal written in the template itself or a variable: a parameter default or a parameter file is
 * where a secret is supplied, and moving it again would not help. Not safe: the deployment now needs the value.
 */
export function moveToSecureParameter(context: RuleContext, template: Template, value: Value, hint: string | undefined, fallback: string): Fix | undefined {
  if (value.kind !== 'string' || !value.literal || template.parentDeployment || value.via.some((hop) => hop.kind !== 'variable')) return undefined;
  const name = unusedName(template, parameterName(hint, fallback));
  return {
    title: `Move the secret into a new secure parameter \`${name}\``,
    safe: false,
    intents: [
      { kind: 'add-parameter', template, name, type: 'string', secure: true },
      { kind: 'replace-value', value, with: context.values.parameter(name) },
    ],
  };
}
