import { otherFiles, type Place, type Related, type RuleContext, type WorkspaceFacts } from 'ztlint/lint/ruleApi';
import type { KubernetesObject, PodTemplate } from 'ztlint/model/kubernetes';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { PropertyValue } from 'ztlint/model/value';
import type { Range } from 'ztlint/text/range';
import { CLIENT_ID_ANNOTATION } from './workloadIdentity';

/** The ServiceAccount a workload's pods run as: `spec.serviceAccountName`, its deprecated alias, else `default`. */
export function serviceAccountOf(pod: PodTemplate): { readonly name: string; readonly property?: PropertyValue } {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const found = lookup(pod.value, ['spec', key]);
    if (found.state === 'known' && found.value.kind === 'string' && found.value.value !== '') return { name: found.value.value, ...(found.property && { property: found.property }) };
  }
  return { name: 'default' };
}

const SERVICE_ACCOUNT = 'ServiceAccount';

/** A `v1` ServiceAccount of another file, as the rules of a workload need it. */
export type ServiceAccountFact = {
  readonly name: string;
  readonly namespace: string | null;
  /** where it is declared */
  readonly at: Range;
  /** where it names its client id for workload identity, when it does */
  readonly clientId: Range | null;
};

/** A ServiceAccount a workload may run as: in the file being linted, or in another file. */
export type DeclaredServiceAccount = { readonly object: KubernetesObject; readonly file?: undefined } | { readonly fact: ServiceAccountFact; readonly file: string };

const isAccount = (object: KubernetesObject) => object.kind === SERVICE_ACCOUNT && object.apiVersion === 'v1';

/** The client id annotation of a ServiceAccount of this file, there or not (a fix adds it). */
export function clientIdAnnotation(object: KubernetesObject): Lookup {
  return lookup(object.value, ['metadata', 'annotations', CLIENT_ID_ANNOTATION]);
}

/** Where a ServiceAccount names its client id, when it does. */
export function clientIdOf(account: DeclaredServiceAccount): Place | undefined {
  if (account.file !== undefined) return account.fact.clientId ?? undefined;
  const found = clientIdAnnotation(account.object);
  return found.state === 'absent' ? undefined : found;
}

export const serviceAccountFacts: WorkspaceFacts<ServiceAccountFact> = {
  name: 'kubernetes/service-accounts',
  collect: (context) =>
    context.kubernetesObjects.flatMap((object) => {
      if (!isAccount(object) || object.name === undefined) return [];
      const clientId = clientIdOf({ object });
      return [{ name: object.name, namespace: object.namespace ?? null, at: context.rangeOf(object), clientId: clientId ? context.rangeOf(clientId) : null }];
    }),
};

/** A file's `v1` ServiceAccounts by name, found once per file: every workload of a manifest asks. */
const accountsByFile = new WeakMap<readonly KubernetesObject[], ReadonlyMap<string | undefined, readonly KubernetesObject[]>>();

function ownAccounts(objects: readonly KubernetesObject[]): ReadonlyMap<string | undefined, readonly KubernetesObject[]> {
  let byName = accountsByFile.get(objects);
  if (!byName) {
    const index = new Map<string | undefined, KubernetesObject[]>();
    for (const object of objects) {
      if (!isAccount(object)) continue;
      const list = index.get(object.name);
      if (list) list.push(object);
      else index.set(object.name, [object]);
    }
    accountsByFile.set(objects, (byName = index));
  }
  return byName;
}

const namespaceOf = (account: DeclaredServiceAccount) => (account.file !== undefined ? (account.fact.namespace ?? undefined) : account.object.namespace);

/**
 * The ServiceAccounts named `name` in a workload's namespace, from this file and the rest of the workspace.
 * Objects without a namespace go wherever they are applied (`kubectl -n`, kustomize), so they match any; exact
 * matches come first, and this file before the others.
 */
export function serviceAccountsFor(context: RuleContext, workload: KubernetesObject, name: string): DeclaredServiceAccount[] {
  const named: DeclaredServiceAccount[] = [
    ...(ownAccounts(context.kubernetesObjects).get(name) ?? []).map((object) => ({ object })),
    ...otherFiles(context, serviceAccountFacts).flatMap(({ fact, file }) => (fact.name === name ? [{ fact, file }] : [])),
  ];
  const exact = named.filter((account) => namespaceOf(account) === workload.namespace);
  const loose = named.filter((account) => namespaceOf(account) !== workload.namespace && (namespaceOf(account) === undefined || workload.namespace === undefined));
  return [...exact, ...loose];
}

/** A related location on a ServiceAccount, in its own file when that is another. */
export function relatedAccount(account: DeclaredServiceAccount, message: string, at: Place = account.file !== undefined ? account.fact.at : account.object): Related {
  return { message, at, ...(account.file !== undefined && { file: account.file }) };
}
