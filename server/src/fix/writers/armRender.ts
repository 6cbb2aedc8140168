import { readRawString } from '../../arm/jsonString';
import type { Resource } from '../../model/template';
import type { NewValue, ReferenceSpec } from '../intent';
import { FixNotWritable } from '../textEdit';
import { renderBraced, type Placement } from './braced';
import type { Layout } from './layout';
import { shapeOf, singleInstance } from './newValue';

/**
 * New values written as ARM JSON: plain JSON, with references as template expressions (`"[parameters('x')]"`),
 * or as an expression's own syntax when the spot is inside an expression string.
 */

/** The content of a JSON string token for `value` (no quotes). */
export function jsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** An ARM expression string literal: single quotes, a quote doubled. */
function armString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function access(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${armString(name)}]`;
}

/** The text of an expression the template already holds, decoded from the JSON string it is written in. */
function expressionText(text: string, start: number, end: number): string {
  return readRawString(`"${text.slice(start, end)}"`, 0).value;
}

export class ArmRenderer {
  /**
   * @param templateStrings whether strings are read as template expressions (templates, not parameter files):
   * a literal string that looks like one is then escaped as `[[...]`
   */
  constructor(
    private readonly layout: Layout,
    private readonly templateStrings: boolean,
  ) {}

  value(value: NewValue, at: Placement): string {
    const shape = shapeOf(value);
    switch (shape.kind) {
      case 'scalar': {
        const scalar = shape.value;
        if (typeof scalar === 'string' && this.templateStrings && scalar.startsWith('[') && scalar.endsWith(']')) return JSON.stringify(`[${scalar}`);
        return JSON.stringify(scalar);
      }
      case 'reference':
        return JSON.stringify(`[${this.reference(shape.spec)}]`);
      case 'array':
        return renderBraced(this.layout, '[]', shape.items.map((item) => (p: Placement) => this.value(item, p)), at, ',', '');
      case 'object':
        return renderBraced(this.layout, '{}', shape.entries.map(([key, item]) => (p: Placement) => this.property(key, item, p)), at, ',', ' ');
    }
  }

  property(key: string, value: NewValue, at: Placement): string {
    return `${JSON.stringify(key)}: ${this.value(value, at)}`;
  }

  /** A value inside a template expression: `'Deny'`, `true`, `createArray(...)`, `parameters('x')`. */
  expression(value: NewValue): string {
    const shape = shapeOf(value);
    switch (shape.kind) {
      case 'scalar': {
        const scalar = shape.value;
        if (typeof scalar === 'string') return armString(scalar);
        if (scalar === null) return 'null()';
        // expression literals are integers; json() reads any other number
        if (typeof scalar === 'number' && !Number.isInteger(scalar)) return `json('${scalar}')`;
        return String(scalar);
      }
      case 'reference':
        return this.reference(shape.spec);
      case 'array':
        return `createArray(${shape.items.map((item) => this.expression(item)).join(', ')})`;
      case 'object':
        return `createObject(${shape.entries.map(([key, item]) => `${armString(key)}, ${this.expression(item)}`).join(', ')})`;
    }
  }

  reference(spec: ReferenceSpec): string {
    if (!this.templateStrings) throw new FixNotWritable('a parameter file holds plain values: it cannot refer to parameters or resources');
    switch (spec.kind) {
      case 'parameter':
        return `parameters(${armString(spec.name)})`;
      case 'resource-id':
      case 'resource':
        return this.resourceId(spec.resource);
      case 'resource-property':
        return `reference(${this.resourceId(spec.resource)})${spec.path.map(access).join('')}`;
      case 'expression': {
        // the expression is given without its brackets; one given with them is unwrapped (no ARM expression starts with `[`)
        const arm = spec.arm.trim();
        return arm.startsWith('[') && arm.endsWith(']') ? arm.slice(1, -1) : arm;
      }
    }
  }

  /** `resourceId('type', name segments...)`: a literal `kv/secret` name is split, a child's name follows its parent's. */
  resourceId(resource: Resource): string {
    const segments = this.nameSegments(singleInstance(resource));
    const expected = resource.type.split('/').length - 1;
    if (segments.length !== expected) {
      throw new FixNotWritable(`the name of ${resource.type} resource \`${this.layout.text.slice(resource.name.range.start, resource.name.range.end)}\` cannot be split into its ${expected} segments`);
    }
    return `resourceId(${[armString(resource.type), ...segments].join(', ')})`;
  }

  private nameSegments(resource: Resource): string[] {
    const name = resource.name;
    if (name.kind === 'invalid') throw new FixNotWritable(`${resource.type} resource has no name to build its resource id from`);
    const own =
      name.kind === 'literal' && typeof name.value === 'string'
        ? name.value.split('/').map(armString)
        : [expressionText(this.layout.text, name.range.start, name.range.end)];
    // an ARM child in its parent's `resources` has a name relative to the parent's (its full name composes them)
    const relative = resource.parent !== undefined && resource.fullName !== resource.name;
    return relative ? [...this.nameSegments(resource.parent), ...own] : own;
  }
}
