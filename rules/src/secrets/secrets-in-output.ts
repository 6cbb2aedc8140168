import type { Rule } from 'ztlint/lint/ruleApi';
import type { Output, Template } from 'ztlint/model/template';
import { embeddedSecrets, secretOrigin } from './connectionStrings';
import { stringsIn } from './deployedStrings';
import { secretNameKind } from './secretNames';
import { secretSource, type SecretSource } from './secretSources';

function describeSource(source: SecretSource): string {
  return source.kind === 'secure parameter' ? `the value of secure parameter \`${source.name}\`` : `a result of \`${source.name}()\``;
}

/** How to mark the output secure in the template's own language. */
function markSecure(output: Output, template: Template): string {
  if (template.language === 'bicep') return 'mark it `@secure()`';
  return `declare it \`${output.type.toLowerCase() === 'object' ? 'secureObject' : 'securestring'}\``;
}

export const secretsInOutput: Rule = {
  id: 'secrets-in-output',
  title: 'A deployment output returns a secret in plain text',
  severity: 'error',
  area: 'secrets',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const template of context.templates) {
      for (const output of template.outputs) {
        if (output.secure) continue;
        const leak = (what: string) =>
          context.report({
            message: `Output \`${output.name}\` returns ${what}: outputs are kept in plain text in the deployment history, which anyone who can read the resource group can see; do not return it (let whoever needs it read it with a managed identity), or ${markSecure(output, template)}`,
            at: output.nameRange,
            // Not safe: whoever reads the output today gets nothing once it is secure.
            fix: { title: `Make output ${output.name} secure`, safe: false, intents: [{ kind: 'make-secure', declaration: output, template }] },
          });
        const source = secretSource(output.value, template);
        if (source) {
          leak(describeSource(source));
          continue;
        }
        // A secret written out is secrets-literal-password's or secrets-connection-string's: it leaks anyway.
        const strings = stringsIn(context.evaluate(output.value, template), output.name);
        const computed = strings.flatMap((site) => embeddedSecrets(site.value)).find((secret) => secret.computed);
        if (computed) {
          leak(`a connection string that embeds ${computed.what} ${secretOrigin(computed, context.mask)}`);
          continue;
        }
        const kind = secretNameKind(output.name);
        if (kind === undefined) continue;
        for (const site of strings) {
          if (site.value.kind === 'unknown' && !site.value.fragments) context.cannotVerify(site.value, `whether output \`${output.name}\` returns a ${kind}`);
        }
      }
    }
  },
};
