import type { KubernetesObject, PodTemplate } from 'ztlint/model/kubernetes';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { ObjectValue, PropertyValue } from 'ztlint/model/value';

/** How messages name an object: Deployment `web` */
export function describeObject(object: KubernetesObject): string {
  return object.name === undefined ? object.kind : `${object.kind} \`${object.name}\``;
}

/** A label of the pod a workload runs (a Pod's own, a Deployment's `spec.template`...). */
export function podLabel(pod: PodTemplate, key: string): Lookup {
  return lookup(pod.value, ['metadata', 'labels', key]);
}

export interface Container {
  readonly name?: string;
  readonly value: ObjectValue;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

export function containersOf(pod: PodTemplate): Container[] {
  const result: Container[] = [];
  for (const list of CONTAINER_LISTS) {
    const found = lookup(pod.value, ['spec', list]);
    if (found.state !== 'known' || found.value.kind !== 'array') continue;
    for (const item of found.value.items) {
      if (item.kind !== 'object') continue;
      const name = lookup(item, 'name');
      result.push({ value: item, ...(name.state === 'known' && name.value.kind === 'string' && { name: name.value.value }) });
    }
  }
  return result;
}

/** A container's `env` entry: its `name` property and the entry. */
export interface EnvVar {
  readonly name: string;
  readonly nameProperty: PropertyValue;
  readonly entry: ObjectValue;
}

export function envOf(container: Container): EnvVar[] {
  const env = lookup(container.value, 'env');
  if (env.state !== 'known' || env.value.kind !== 'array') return [];
  const result: EnvVar[] = [];
  for (const entry of env.value.items) {
    if (entry.kind !== 'object') continue;
    const name = entry.properties.find((p) => p.key === 'name');
    if (name?.value.kind === 'string') result.push({ name: name.value.value, nameProperty: name, entry });
  }
  return result;
}
