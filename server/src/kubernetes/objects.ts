import type { KubernetesObject } from '../model/kubernetes';
import type { Value } from '../model/value';
import { podTemplateOf } from './podTemplates';
import { stringAt, valueAt } from './valuePath';

/**
 * The Kubernetes objects a document holds: the document itself when it has string `apiVersion` and `kind`, or
 * the items of a `List` (`kind: List`, `ConfigMapList`...), which kubectl applies one by one.
 */
export function kubernetesObjects(value: Value, documentIndex: number): KubernetesObject[] {
  const object = asKubernetesObject(value, documentIndex);
  if (!object) return [];
  const items = object.kind.endsWith('List') ? valueAt(object.value, ['items']) : undefined;
  if (items?.kind !== 'array') return [object];
  const objects: KubernetesObject[] = [];
  for (const item of items.items) {
    const itemObject = asKubernetesObject(item, documentIndex);
    if (itemObject) objects.push(itemObject);
  }
  return objects;
}

function asKubernetesObject(value: Value, documentIndex: number): KubernetesObject | undefined {
  if (value.kind !== 'object') return undefined;
  const apiVersion = stringAt(value, ['apiVersion']);
  const kind = stringAt(value, ['kind']);
  if (apiVersion === undefined || kind === undefined) return undefined;
  const name = stringAt(value, ['metadata', 'name']);
  const namespace = stringAt(value, ['metadata', 'namespace']);
  const podTemplate = podTemplateOf(apiVersion, kind, value);
  return {
    apiVersion,
    kind,
    ...(name !== undefined && { name }),
    ...(namespace !== undefined && { namespace }),
    value,
    ...(podTemplate && { podTemplate }),
    documentIndex,
    range: value.range,
  };
}
