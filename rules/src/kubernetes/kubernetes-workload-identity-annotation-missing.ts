import type { Rule } from 'ztlint/lint/ruleApi';
import type { UnknownValue } from 'ztlint/model/value';
import { clientIdAnnotation, clientIdOf, relatedAccount, serviceAccountFacts, serviceAccountOf, serviceAccountsFor } from './serviceAccounts';
import { CLIENT_ID_ANNOTATION, USE_LABEL } from './workloadIdentity';
import { containersOf, describeObject, envOf, podLabel } from './workloads';

/** What the fix writes: a person replaces it with the managed identity's client id. */
const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

export const kubernetesWorkloadIdentityAnnotationMissing: Rule = {
  id: 'kubernetes-workload-identity-annotation-missing',
  title: 'Pod uses workload identity but its ServiceAccount names no client id',
  severity: 'warning',
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
      if (label.state !== 'known') continue;
      const wanted = label.value.kind === 'boolean' ? label.value.value : label.value.kind === 'string' && label.value.value === 'true';
      if (!wanted) continue;
      // The client id can come from the pod's own environment instead of the annotation.
      const containers = containersOf(pod);
      if (containers.some((c) => envOf(c).some((v) => v.name === 'AZURE_CLIENT_ID'))) continue;
      const account = serviceAccountOf(pod);
      const cannotVerify = (reason: string) => {
        const unknown: UnknownValue = { kind: 'unknown', reason, range: label.value.range, via: [] };
        context.cannotVerify(unknown, `that ${describeObject(workload)} gets a client id for workload identity`);
      };
      if (containers.some((c) => c.value.properties.some((p) => p.key === 'envFrom'))) {
        cannotVerify('`envFrom` may set `AZURE_CLIENT_ID`');
        continue;
      }
      const accounts = serviceAccountsFor(context, workload, account.name);
      if (accounts.some((declared) => clientIdOf(declared) !== undefined)) continue;
      const subject = `${describeObject(workload)} asks for workload identity (\`${USE_LABEL}\`)`;
      const [declared] = accounts;
      if (!declared) {
        if (account.name !== 'default') {
          cannotVerify(`ServiceAccount \`${account.name}\` is not declared in this file or the workspace`);
          continue;
        }
        context.report({
          message: `${subject} but runs as the namespace's \`default\` ServiceAccount, which has no \`${CLIENT_ID_ANNOTATION}\` annotation: the pods get no client id; run them as a ServiceAccount of their own`,
          at: label,
        });
        continue;
      }
      const clientId = declared.file === undefined ? clientIdAnnotation(declared.object) : undefined;
      context.report({
        message: `${subject} but its ServiceAccount \`${account.name}\` has no \`${CLIENT_ID_ANNOTATION}\` annotation: the pods get no client id`,
        at: label,
        related: [relatedAccount(declared, `ServiceAccount \`${account.name}\` is declared here`)],
        // A fix edits this file only; the client id is a placeholder for a person to replace.
        ...(clientId?.state === 'absent' && {
            fix: {
              title: `Add the ${CLIENT_ID_ANNOTATION} annotation with a placeholder client id`,
              safe: false,
              intents: [{ kind: 'add-property', container: clientId.container, path: clientId.missing, value: PLACEHOLDER_CLIENT_ID }],
            },
          }),
      });
    }
  },
};
