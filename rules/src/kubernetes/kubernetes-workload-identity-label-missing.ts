import type { Rule } from 'ztlint/lint/ruleApi';
import { clientIdOf, relatedAccount, serviceAccountFacts, serviceAccountOf, serviceAccountsFor } from './serviceAccounts';
import { USE_LABEL } from './workloadIdentity';
import { describeObject, podLabel } from './workloads';

export const kubernetesWorkloadIdentityLabelMissing: Rule = {
  id: 'kubernetes-workload-identity-label-missing',
  title: 'Pod runs as a workload identity ServiceAccount without the azure.workload.identity/use label',
  severity: 'error',
  area: 'kubernetes',
  principle: 'verify-explicitly',
  targets: ['kubernetes'],
  fixable: true,
  workspaceFacts: [serviceAccountFacts],
  check(context) {
    for (const workload of context.kubernetesObjects) {
      const pod = workload.podTemplate;
      if (!pod) continue;
      const label = podLabel(pod, USE_LABEL);
      const account = serviceAccountOf(pod);
      const annotated = serviceAccountsFor(context, workload, account.name)
        .map((declared) => ({ declared, clientId: clientIdOf(declared) }))
        .find(({ clientId }) => clientId !== undefined);
      const related = annotated ? [relatedAccount(annotated.declared, `ServiceAccount \`${account.name}\` names its client id here`, annotated.clientId)] : [];
      if (label.state === 'known' && label.value.kind === 'boolean' && label.value.value) {
        // What YAML makes of an unquoted `true`: the API server rejects the whole object.
        context.report({
          message: `${describeObject(workload)} sets the label \`${USE_LABEL}\` to the boolean true, which the API server rejects: label values are strings, write "true"`,
          at: label,
          related,
          fix: { title: 'Quote the label value: "true"', safe: true, intents: [{ kind: 'replace-value', value: label.value, with: 'true' }] },
        });
      } else if (label.state === 'absent' && annotated) {
        context.report({
          message: `${describeObject(workload)} runs as ServiceAccount \`${account.name}\`, which is set up for workload identity, but its pods lack the label \`${USE_LABEL}: "true"\`: the webhook leaves them without a token`,
          at: account.property ?? workload,
          related,
          fix: { title: `Add the label ${USE_LABEL}: "true"`, safe: true, intents: [{ kind: 'add-property', container: label.container, path: label.missing, value: 'true' }] },
        });
      }
    }
  },
};
