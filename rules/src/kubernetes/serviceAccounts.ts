import type { Related, RuleContext } from 'ztlint/lint/ruleApi';
import type { KubernetesObject, PodTemplate } from 'ztlint/model/kubernetes';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { PropertyValue } from 'ztlint/model/value';

/** A ServiceAccount a workload may run as, and the file declaring it when it is not the one being linted. */
export interface DeclaredServiceAccount {
  readonly object: KubernetesObject;
  readonly file?: string;
}

/** The ServiceAccount a workload's pods run as: `spec.serviceAccountName`, its deprecated alias, else `default`. */
export function serviceAccountOf(pod: PodTemplate): { readonly name: string; readonly property?: PropertyValue } {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const found = lookup(pod.value, ['spec', key]);
    if (found.state === 'known' && found.value.kind === 'string' && found.value.value !== '') return { name: found.value.value, ...(found.property && { property: found.property }) };
  }
  return { name: 'default' };
}

const SERVICE_ACCOUNT = 'ServiceAccount';

/** A file's `v1` ServiceAccounts by name, found once per file: every workload of a manifest asks. */
const accountsByFile = new WeakMap<readonly KubernetesObject[], ReadonlyMap<string | undefined, readonly KubernetesObject[]>>();

function ownAccounts(objects: readonly KubernetesObject[]): ReadonlyMap<string | undefined, readonly KubernetesObject[]> {
  let byName = accountsByFile.get(objects);
  if (!byName) {
    const index = new Map<string | undefined, KubernetesObject[]>();
    for (const object of objects) {
      if (object.kind !== SERVICE_ACCOUNT || object.apiVersion !== 'v1') continue;
      const list = index.get(object.name);
      if (list) list.push(object);
      else index.set(object.name, [object]);
    }
    accountsByFile.set(objects, (byName = index));
  }
  return byName;
}

/**
 * The ServiceAccounts named `name` in a workload's namespace, from this file and the rest of the workspace.
 * Objects without a namespace go wherever they are applied (`kubectl -n`, kustomize), so they match any; exact
 * matches come first, and this file before the others.
 */
export function serviceAccountsFor(context: RuleContext, workload: KubernetesObject, name: string): DeclaredServiceAccount[] {
  const isAccount = (object: KubernetesObject) => object.apiVersion === 'v1' && object.name === name;
  const named: DeclaredServiceAccount[] = [
    ...(ownAccounts(context.kubernetesObjects).get(name) ?? []).map((object) => ({ object })),
    ...context.workspace.kubernetesObjects(SERVICE_ACCOUNT).flatMap(({ object, file }) => (isAccount(object) ? [{ object, file }] : [])),
  ];
  const exact = named.filter(({ object }) => object.namespace === workload.namespace);
  const loose = named.filter(({ object }) => object.namespace !== workload.namespace && (object.namespace === undefined || workload.namespace === undefined));
  return [...exact, ...loose];
}

export function annotation(account: DeclaredServiceAccount, key: string): Lookup {
  return lookup(account.object.value, ['metadata', 'annotations', key]);
}

/** A related location on a ServiceAccount, in its own file when that is another. */
export function relatedAccount(account: DeclaredServiceAccount, message: string, at: Related['at'] = account.object): Related {
  return { message, at, ...(account.file !== undefined && { file: account.file }) };
}
