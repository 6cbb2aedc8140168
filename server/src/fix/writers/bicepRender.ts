import type { NewValue, ReferenceSpec } from '../intent';
import type { Resource } from '../../model/template';
import { renderBraced, type Placement } from './braced';
import type { Layout } from './layout';
import { shapeOf, singleInstance } from './newValue';
import { FixNotWritable } from '../textEdit';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A Bicep single-quoted string: `\\`, `\'`, `\${` and control characters escaped. */
export function bicepString(value: string): string {
  return `'${value.replace(/[\\'\n\r\t]|\$\{/g, (match) => ESCAPES[match] ?? '\\${')}'`;
}

/** An object key: bare when it is an identifier, else quoted (`'azure.workload.identity/use'`). */
export function bicepKey(key: string): string {
  return IDENTIFIER.test(key) ? key : bicepString(key);
}

/** `.name`, or `['a-b']` for a name that is not an identifier. */
function access(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${bicepString(name)}]`;
}

/** New values written as Bicep, laid out like the file around them. */
export class BicepRenderer {
  constructor(private readonly layout: Layout) {}

  value(value: NewValue, at: Placement): string {
    const shape = shapeOf(value);
    switch (shape.kind) {
      case 'scalar':
        return scalar(shape.value);
      case 'reference':
        return reference(shape.spec);
      case 'array':
        return renderBraced(this.layout, '[]', shape.items.map((item) => (p: Placement) => this.value(item, p)), at, '', '');
      case 'object':
        return renderBraced(this.layout, '{}', shape.entries.map(([key, item]) => (p: Placement) => this.property(key, item, p)), at, '', ' ');
    }
  }

  property(key: string, value: NewValue, at: Placement): string {
    return `${bicepKey(key)}: ${this.value(value, at)}`;
  }
}

function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') return bicepString(value);
  // Bicep has integer literals only; anything else goes through json()
  if (typeof value === 'number' && !Number.isInteger(value)) return `json('${value}')`;
  return String(value);
}

function symbol(resource: Resource): string {
  const name = singleInstance(resource).symbolicName;
  if (name === undefined) throw new FixNotWritable(`resource ${resource.type} has no symbolic name to refer to it by`);
  return name;
}

function reference(spec: ReferenceSpec): string {
  switch (spec.kind) {
    case 'parameter':
      return spec.name;
    case 'resource-id':
      return `${symbol(spec.resource)}.id`;
    case 'resource':
      return symbol(spec.resource);
    case 'resource-property':
      // the path is below the resource's `properties`, as ARM's reference() reads it
      return `${symbol(spec.resource)}.properties${spec.path.map(access).join('')}`;
    case 'expression':
      return spec.bicep;
  }
}
