import type { Rule } from 'ztlint/lint/ruleApi';
import { stringsIn } from './deployedStrings';
import { isPlaceholder } from './secretValues';

export const secretsSecureParameterDefault: Rule = {
  id: 'secrets-secure-parameter-default',
  title: 'A secure parameter has a default written in the template',
  severity: 'error',
  area: 'secrets',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: false,
  check(context) {
    for (const template of context.templates) {
      for (const parameter of template.parameters) {
        if (!parameter.secure || !parameter.defaultValue) continue;
        // An expression (`newGuid()`) is computed at deployment and an empty default means "not given"; a
        // default taken from another parameter is that parameter's.
        const written = stringsIn(context.evaluate(parameter.defaultValue, template), parameter.name).flatMap(({ value }) =>
          value.kind === 'string' && !isPlaceholder(value.value) && value.via.every((hop) => hop.kind === 'variable') ? [value] : [],
        );
        for (const value of written) {
          context.report({
            message: `Secure parameter \`${parameter.name}\` has a default written in the template (${context.mask(value.value)}): anyone who can read the repository knows it, and every deployment that does not override it uses it; remove the default and supply the value from Key Vault at deployment`,
            at: value,
          });
        }
      }
    }
  },
};
