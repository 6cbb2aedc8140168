import type { Output, Parameter, Resource, Template } from '../model/template';
import type { ArrayValue, ObjectValue, PropertyValue, Value } from '../model/value';

/**
 * A fix as a rule describes it: a change to the model. The writer of each format (Bicep, JSON, YAML) is the only
 * code that knows how to turn it into text, keeping indentation, quoting and comments.
 */
export type FixIntent = ReplaceValue | AddProperty | RemoveProperty | AddItem | AddResource | AddParameter | MakeSecure;

/** Replace the text that produced `value` (where it is written: a literal, perhaps a parameter default). */
export interface ReplaceValue {
  readonly kind: 'replace-value';
  readonly value: Value;
  readonly with: NewValue;
}

/** Add `path` below `container` (creating the objects on the way) with `value` at its end. */
export interface AddProperty {
  readonly kind: 'add-property';
  readonly container: ObjectValue;
  /** the keys to add, outermost first: `['networkAcls', 'defaultAction']` */
  readonly path: readonly string[];
  readonly value: NewValue;
}

export interface RemoveProperty {
  readonly kind: 'remove-property';
  readonly property: PropertyValue;
}

export interface AddItem {
  readonly kind: 'add-item';
  readonly array: ArrayValue;
  readonly item: NewValue;
}

/** Declare a new resource in `template`, after its last resource. */
export interface AddResource {
  readonly kind: 'add-resource';
  readonly template: Template;
  /** Bicep symbolic name; ARM templates with symbolic names use it too */
  readonly symbolicName: string;
  readonly type: string;
  readonly apiVersion: string;
  /** `name`, `scope`, `properties`... as they would be written in the resource's body */
  readonly body: { readonly [key: string]: NewValue };
}

/** Declare a new parameter in `template`, after its last parameter. */
export interface AddParameter {
  readonly kind: 'add-parameter';
  readonly template: Template;
  readonly name: string;
  readonly type: 'string' | 'bool' | 'int' | 'object' | 'array';
  /** `@secure()` in Bicep, `securestring`/`secureObject` in ARM */
  readonly secure: boolean;
  readonly description?: string;
  readonly defaultValue?: NewValue;
}

/** Mark a parameter or output secure: Bicep `@secure()`, ARM `securestring` / `secureObject`. */
export interface MakeSecure {
  readonly kind: 'make-secure';
  readonly declaration: Parameter | Output;
  readonly template: Template;
}

/** A value a fix writes: JSON, or a reference that each template language spells its own way. */
export type NewValue = string | number | boolean | null | readonly NewValue[] | NewObject | TemplateReference;

export interface NewObject {
  readonly [key: string]: NewValue;
}

export type ReferenceSpec =
  /** Bicep `name`, ARM `[parameters('name')]` */
  | { readonly kind: 'parameter'; readonly name: string }
  /** Bicep `vault.id`, ARM `[resourceId('Microsoft.KeyVault/vaults', ...)]` */
  | { readonly kind: 'resource-id'; readonly resource: Resource }
  /** Bicep `vault` (as a `scope` or `parent`), ARM the resource id as ARM expects it there */
  | { readonly kind: 'resource'; readonly resource: Resource }
  /** Bicep `vault.properties.x`, ARM `[reference(...).x]`: `path` is relative to the resource's `properties` */
  | { readonly kind: 'resource-property'; readonly resource: Resource; readonly path: readonly string[] }
  /** An expression written out in each language (`guid(...)` has no JSON form); the ARM text with or without `[...]` */
  | { readonly kind: 'expression'; readonly bicep: string; readonly arm: string };

/** Marks a reference among plain JSON values; writers test for it with `instanceof`. */
export class TemplateReference {
  constructor(readonly spec: ReferenceSpec) {}
}

/** The builders a rule uses for references (rules get them from their context, not by import). */
export interface NewValueFactory {
  parameter(name: string): TemplateReference;
  resourceId(resource: Resource): TemplateReference;
  resource(resource: Resource): TemplateReference;
  resourceProperty(resource: Resource, path: readonly string[]): TemplateReference;
  expression(bicep: string, arm: string): TemplateReference;
}

export const newValues: NewValueFactory = {
  parameter: (name) => new TemplateReference({ kind: 'parameter', name }),
  resourceId: (resource) => new TemplateReference({ kind: 'resource-id', resource }),
  resource: (resource) => new TemplateReference({ kind: 'resource', resource }),
  resourceProperty: (resource, path) => new TemplateReference({ kind: 'resource-property', resource, path }),
  expression: (bicep, arm) => new TemplateReference({ kind: 'expression', bicep, arm }),
};
