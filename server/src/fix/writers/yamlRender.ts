import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { composeDocuments, parseTokens } from '../../kubernetes/yamlDocuments';
import type { NewValue } from '../intent';
import { FixNotWritable } from '../textEdit';
import type { Layout } from './layout';
import { shapeOf, type Shape } from './newValue';

/** How a string scalar is quoted: kept from the scalar it replaces, else plain when YAML reads that back as the string. */
export type ScalarStyle = 'plain' | 'single' | 'double';

/** Whether the text is in a flow collection (`{a: 1}`, `[x]`), where `,[]{}` end a plain scalar. */
export type YamlContext = 'block' | 'flow';

/**
 * The first node YAML reads from `text` as Kubernetes does (YAML 1.1: `yes`, `on`, `0644` are not strings), or
 * `undefined` when the text does not parse cleanly.
 */
function readBack(text: string): Node | undefined {
  const [document, extra] = Array.from(composeDocuments(parseTokens(text)));
  if (!document || extra || document.errors.length > 0) return undefined;
  return document.contents ?? undefined;
}

/** Whether `text` written as a plain scalar (a value, or a key) reads back as exactly that string. */
function plainReadsBack(text: string, context: YamlContext, asKey: boolean): boolean {
  if (text === '' || /[\r\n\t]/.test(text)) return false;
  const container = readBack(context === 'flow' ? (asKey ? `{${text}: x}` : `[${text}]`) : asKey ? `${text}: x\n` : `k: ${text}\n`);
  let node: unknown;
  if (asKey) node = isMap(container) ? container.items[0]?.key : undefined;
  else if (context === 'flow') node = isSeq(container) ? container.items[0] : undefined;
  else node = isMap(container) ? container.items[0]?.value : undefined;
  return isScalar(node) && node.type === 'PLAIN' && node.value === text;
}

function quoted(text: string, style: 'single' | 'double'): string {
  // single quotes cannot escape line breaks or control characters
  if (style === 'single' && !/[\x00-\x1f\x7f]/.test(text)) return `'${text.replace(/'/g, "''")}'`;
  // a JSON string is a valid YAML double-quoted scalar
  return JSON.stringify(text);
}

function yamlString(text: string, style: ScalarStyle, context: YamlContext): string {
  if (style !== 'plain') return quoted(text, style);
  return plainReadsBack(text, context, false) ? text : quoted(text, 'double');
}

function yamlKey(key: string, context: YamlContext): string {
  return plainReadsBack(key, context, true) ? key : quoted(key, 'double');
}

function plainShape(value: NewValue): Exclude<Shape, { kind: 'reference' }> {
  const shape = shapeOf(value);
  if (shape.kind === 'reference') throw new FixNotWritable('a Kubernetes manifest cannot refer to template parameters or resources');
  return shape;
}

/**
 * Whether block sequences under a key are indented (`key:\n  - a`) or level with it (`key:\n- a`), as the first
 * such sequence in the file has it; indented when the file has none.
 */
function sequenceIndent(text: string, unit: string): string {
  const lines = text.split(/\r?\n/).filter((line) => !/^\s*(#.*)?$/.test(line));
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = /^( *)(- )?[^\s#][^:]*:\s*(#.*)?$/.exec(lines[i]);
    const dash = /^( *)- /.exec(lines[i + 1]);
    if (!key || !dash) continue;
    const keyColumn = key[1].length + (key[2] ? 2 : 0);
    return dash[1].length <= keyColumn ? '' : ' '.repeat(dash[1].length - keyColumn);
  }
  return unit;
}

/** New values written as YAML: block mappings and sequences laid out like the file, flow ones inside flow collections. */
export class YamlRenderer {
  /** what nested mappings are indented by (YAML forbids tabs) */
  private readonly unit: string;
  private readonly sequenceIndent: string;

  constructor(private readonly layout: Layout) {
    this.unit = layout.unit.startsWith('\t') ? '  ' : layout.unit;
    this.sequenceIndent = sequenceIndent(layout.text, this.unit);
  }

  /** Where the lines of a mapping or sequence go under a key at `keyIndent`. */
  nestedIndent(kind: 'mapping' | 'sequence', keyIndent: string): string {
    return keyIndent + (kind === 'mapping' ? this.unit : this.sequenceIndent);
  }

  /** A string in `style` where it reads back as the string; any other scalar as YAML writes it. */
  scalar(value: string | number | boolean | null, style: ScalarStyle, context: YamlContext): string {
    return typeof value === 'string' ? yamlString(value, style, context) : String(value);
  }

  /** A value in flow style: `{a: 1, b: [x, y]}`. */
  flow(value: NewValue): string {
    const shape = plainShape(value);
    switch (shape.kind) {
      case 'scalar':
        return this.scalar(shape.value, 'plain', 'flow');
      case 'array':
        return `[${shape.items.map((item) => this.flow(item)).join(', ')}]`;
      case 'object':
        return `{${shape.entries.map(([key, item]) => this.flowEntry(key, item)).join(', ')}}`;
    }
  }

  flowEntry(key: string, value: NewValue): string {
    return `${yamlKey(key, 'flow')}: ${this.flow(value)}`;
  }

  /**
   * `key: value` in a block mapping whose keys are at `indent`: a scalar or empty collection on the key's line, a
   * mapping or sequence on the lines below. The first line has no indentation (it goes where the key goes).
   */
  entry(key: string, value: NewValue, indent: string): string {
    const shape = plainShape(value);
    const head = `${yamlKey(key, 'block')}:`;
    if (shape.kind === 'object' && shape.entries.length > 0) return head + this.layout.eol + this.mapping(shape.entries, this.nestedIndent('mapping', indent));
    if (shape.kind === 'array' && shape.items.length > 0) return head + this.layout.eol + this.sequence(shape.items, this.nestedIndent('sequence', indent));
    return `${head} ${this.flow(value)}`;
  }

  /** `- value` in a block sequence whose dashes are at `indent`; the first line has no indentation. */
  item(value: NewValue, indent: string): string {
    const shape = plainShape(value);
    // a mapping or sequence item starts on the dash's line, its other lines two columns in
    const inner = indent + '  ';
    if (shape.kind === 'object' && shape.entries.length > 0) return `- ${this.mapping(shape.entries, inner).slice(inner.length)}`;
    if (shape.kind === 'array' && shape.items.length > 0) return `- ${this.sequence(shape.items, inner).slice(inner.length)}`;
    return `- ${this.flow(value)}`;
  }

  /** A block mapping, every line indented. */
  mapping(entries: readonly (readonly [string, NewValue])[], indent: string): string {
    return entries.map(([key, item]) => indent + this.entry(key, item, indent)).join(this.layout.eol);
  }

  /** A block sequence, every line indented. */
  sequence(items: readonly NewValue[], indent: string): string {
    return items.map((item) => indent + this.item(item, indent)).join(this.layout.eol);
  }
}
