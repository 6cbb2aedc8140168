import type { KubernetesObject } from '../model/kubernetes';
import type { Hop, PropertyValue, Value } from '../model/value';
import { shifted as shift } from '../text/range';

/**
 * A copy of objects read from part of a text, as if read `delta` characters further on and `documents` YAML
 * documents later. Values an alias shares stay shared, and a pod template stays part of its object's value.
 */
export function shiftObjects(objects: readonly KubernetesObject[], delta: number, documents: number): KubernetesObject[] {
  const copies = new Map<Value, Value>();
  const hop = (h: Hop): Hop => ({ ...h, referenceRange: shift(h.referenceRange, delta), declarationRange: shift(h.declarationRange, delta) });
  const property = (p: PropertyValue): PropertyValue => ({ ...p, keyRange: shift(p.keyRange, delta), range: shift(p.range, delta), value: value(p.value) });
  const value = (v: Value): Value => {
    const done = copies.get(v);
    if (done) return done;
    const base = { range: shift(v.range, delta), via: v.via.length === 0 ? v.via : v.via.map(hop) };
    let copy: Value;
    switch (v.kind) {
      case 'object':
        copy = { ...v, ...base, properties: v.properties.map(property) };
        break;
      case 'array':
        copy = { ...v, ...base, items: v.items.map(value) };
        break;
      case 'unknown':
        copy = { ...v, ...base, ...(v.fragments ? { fragments: v.fragments.map((f) => value(f) as typeof f) } : {}) };
        break;
      default:
        copy = { ...v, ...base };
    }
    copies.set(v, copy);
    return copy;
  };
  return objects.map((object) => {
    const moved = value(object.value) as KubernetesObject['value'];
    return {
      ...object,
      value: moved,
      range: shift(object.range, delta),
      documentIndex: object.documentIndex + documents,
      // the pod template is a part of the object's value: its copy is the one made above
      ...(object.podTemplate ? { podTemplate: { ...object.podTemplate, value: value(object.podTemplate.value) as KubernetesObject['value'] } } : {}),
    };
  });
}
