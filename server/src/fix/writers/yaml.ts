import { isAlias, isCollection, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { AnalyzedDocument } from '../../engine/document';
import { composeDocuments, parseTokens } from '../../kubernetes/yamlDocuments';
import type { ArrayValue, ObjectValue, PropertyValue, Value } from '../../model/value';
import type { Range } from '../../text/range';
import type { NewValue } from '../intent';
import { FixNotWritable, type TextEdit } from '../textEdit';
import { deletion, insertEntry, insertion, removeEntry, type Braced, type RenderEntry } from './braced';
import { formatWriter, type FormatEditor } from './editor';
import { Layout } from './layout';
import { shapeOf } from './newValue';
import { YamlRenderer, type ScalarStyle, type YamlContext } from './yamlRender';

/** A node on the way down from a document's root, with the mapping entry it is the value of. */
interface Step {
  readonly node: Node;
  readonly pair?: Pair<unknown, unknown>;
}

type YamlRange = readonly [number, number, number];

function rangeOf(node: unknown): YamlRange | undefined {
  return (node as Node | null)?.range ?? undefined;
}

function contains(outer: YamlRange, inner: Range): boolean {
  return outer[0] <= inner.start && inner.end <= outer[1];
}

function replacement(start: number, end: number, newText: string): TextEdit {
  return { range: { start, end }, newText };
}

/** Writes fixes into Kubernetes manifests. */
export const yamlWriter = formatWriter((document) => new YamlEditor(document));

class YamlEditor implements FormatEditor {
  private readonly layout: Layout;
  private readonly render: YamlRenderer;
  private readonly roots: Node[];

  constructor(document: AnalyzedDocument) {
    this.layout = new Layout(document.text, document.comments);
    this.render = new YamlRenderer(this.layout);
    // composed as the loader composes them, so that node ranges are the model's ranges
    this.roots = Array.from(composeDocuments(parseTokens(document.text))).flatMap((d) => (d.contents ? [d.contents as Node] : []));
  }

  /**
   * A scalar keeps its quoting when it stays a string. A block mapping or sequence is replaced by one laid out the
   * same way, or by a value on its key's line; anything else is written in flow style.
   */
  replaceValue(value: Value, replacementValue: NewValue): TextEdit[] {
    const path = this.locate(value.range);
    const node = path?.at(-1)?.node;
    if (!path || !node || !isLiteralOf(node, value)) throw new FixNotWritable(`${this.layout.excerpt(value.range)} is not a literal of the value`);
    if (isScalar(node) && node.tag) throw new FixNotWritable(`${this.layout.excerpt(value.range)} has an explicit tag`);
    const shape = shapeOf(replacementValue);
    const start = value.range.start;
    // a block collection's range runs to the next line: only its text is replaced
    const end = this.layout.trimEnd(value.range.end, start);
    if (isCollection(node) && !node.flow) {
      const indent = ' '.repeat(this.layout.column(start));
      if (shape.kind === 'object' && shape.entries.length > 0) return [replacement(start, end, this.render.mapping(shape.entries, indent).slice(indent.length))];
      if (shape.kind === 'array' && shape.items.length > 0) return [replacement(start, end, this.render.sequence(shape.items, indent).slice(indent.length))];
      const before = this.layout.trimEnd(start);
      if (this.layout.text[before - 1] === ':') return [replacement(before, end, ` ${this.render.flow(replacementValue)}`)];
    }
    if (shape.kind !== 'scalar') return [replacement(start, end, this.render.flow(replacementValue))];
    const style: ScalarStyle = isScalar(node) && node.type === 'QUOTE_SINGLE' ? 'single' : isScalar(node) && node.type === 'QUOTE_DOUBLE' ? 'double' : 'plain';
    const text = this.render.scalar(shape.value, typeof shape.value === 'string' ? style : 'plain', contextOf(path.slice(0, -1)));
    return [replacement(start, end, text)];
  }

  addProperty(container: ObjectValue, key: string, value: NewValue): TextEdit[] {
    const path = this.locate(container.range);
    const map = path?.at(-1)?.node;
    if (!path || !isMap(map)) throw new FixNotWritable(`${this.layout.excerpt(container.range)} is not a mapping written here`);
    if (map.flow) {
      return this.addToFlow(path, map, () => this.render.flowEntry(key, value), 'mapping', (indent) => this.render.mapping([[key, value]], indent));
    }
    const indent = this.entryIndentation(map);
    return [this.appendLine(map, indent + this.render.entry(key, value, indent))];
  }

  removeProperty(property: PropertyValue): TextEdit[] {
    const { map, index } = this.locateEntry(property);
    if (map.flow) return removeEntry(this.layout, this.braced(map, map.items.map(pairRange)), index);
    const pair = map.items[index];
    const keyStart = pairRange(pair).start;
    const end = this.contentEnd(pair);
    if (map.items.length === 1) {
      // an emptied mapping stays a mapping: `securityContext: {}`, `- {}`
      const before = this.layout.trimEnd(rangeOf(map)![0]);
      return this.layout.text[before - 1] === ':' ? [replacement(before, end, ' {}')] : [replacement(keyStart, end, '{}')];
    }
    if (this.layout.firstOnLine(keyStart)) {
      const lineEnd = this.layout.endOfLineAfter(end) ?? this.layout.lineEnd(end);
      return [deletion(this.layout.lineStart(keyStart), this.layout.nextLineStart(lineEnd))];
    }
    // the first entry of a sequence item (`- name: x`): the next entry moves up onto the dash's line
    const next = map.items[index + 1];
    if (!next) throw new FixNotWritable(`cannot remove \`${property.key}\` from where it is written`);
    return [deletion(keyStart, pairRange(next).start)];
  }

  addItem(array: ArrayValue, item: NewValue): TextEdit[] {
    const path = this.locate(array.range);
    const seq = path?.at(-1)?.node;
    if (!path || !isSeq(seq)) throw new FixNotWritable(`${this.layout.excerpt(array.range)} is not a sequence written here`);
    if (seq.flow) return this.addToFlow(path, seq, () => this.render.flow(item), 'sequence', (indent) => this.render.sequence([item], indent));
    const indent = ' '.repeat(this.layout.column(rangeOf(seq)![0]));
    return [this.appendLine(seq, indent + this.render.item(item, indent))];
  }

  addResource(): TextEdit[] {
    throw new FixNotWritable('a Kubernetes manifest has no template resources');
  }

  addParameter(): TextEdit[] {
    throw new FixNotWritable('a Kubernetes manifest has no template parameters');
  }

  makeSecure(): TextEdit[] {
    throw new FixNotWritable('a Kubernetes manifest has no template parameters');
  }

  /** A new last line of a block collection, after the last entry's content (and the comment ending its line). */
  private appendLine(collection: YAMLMap | YAMLSeq, line: string): TextEdit {
    const last = collection.items.at(-1);
    const end = isSeq(collection) ? this.layout.trimEnd(rangeOf(last)![1]) : this.contentEnd(last as Pair<unknown, unknown>);
    return insertion(this.layout.endOfLineAfter(end) ?? end, this.layout.eol + line);
  }

  /**
   * Adds to a flow collection. An empty one that is the value of a block mapping entry (`env: {}`) or a block
   * sequence item (`- []`) becomes a block collection; otherwise the entry is added inline.
   */
  private addToFlow(path: readonly Step[], collection: YAMLMap | YAMLSeq, entry: RenderEntry, kind: 'mapping' | 'sequence', block: (indent: string) => string): TextEdit[] {
    const [start, end] = rangeOf(collection)!;
    if (collection.items.length === 0 && contextOf(path.slice(0, -1)) === 'block') {
      const before = this.layout.trimEnd(start);
      const keyStart = rangeOf(path.at(-1)?.pair?.key)?.[0];
      if (this.layout.text[before - 1] === ':' && keyStart !== undefined) {
        const keyIndent = ' '.repeat(this.layout.column(keyStart));
        return [replacement(before, end, this.layout.eol + block(this.render.nestedIndent(kind, keyIndent)))];
      }
      if (this.layout.text[before - 1] === '-') {
        const indent = ' '.repeat(this.layout.column(start));
        return [replacement(start, end, block(indent).slice(indent.length))];
      }
    }
    const entries = isMap(collection) ? collection.items.map(pairRange) : collection.items.map((item) => toRange(rangeOf(item)!));
    return insertEntry(this.layout, this.braced(collection, entries), entry);
  }

  private braced(collection: YAMLMap | YAMLSeq, entries: readonly Range[]): Braced {
    const [start, end] = rangeOf(collection)!;
    return { open: start, close: end - 1, entries, separator: 'comma', padding: '', opensUp: false };
  }

  /** The column of a block mapping's keys, as spaces (`- name:` puts them after the dash). */
  private entryIndentation(map: YAMLMap): string {
    return ' '.repeat(this.layout.column(pairRange(map.items[0]).start));
  }

  /** Where an entry's text ends: after its value, before any comment or the line break. */
  private contentEnd(pair: Pair<unknown, unknown>): number {
    return this.layout.trimEnd(pairRange(pair).end);
  }

  /** The nodes from a document's root down to the value written exactly at `range`. */
  private locate(range: Range): Step[] | undefined {
    for (const root of this.roots) {
      const path: Step[] = [];
      for (let step: Step | undefined = { node: root }; step; step = childContaining(step.node, range)) {
        path.push(step);
        const [start, end] = rangeOf(step.node)!;
        if (start === range.start && end === range.end) return path;
      }
    }
    return undefined;
  }

  /** The mapping holding the entry whose key is written at `property.keyRange`, and its index. */
  private locateEntry(property: PropertyValue): { map: YAMLMap; index: number } {
    for (const root of this.roots) {
      for (let step: Step | undefined = { node: root }; step; step = childContaining(step.node, property.range)) {
        const map = step.node;
        if (!isMap(map)) continue;
        const index = map.items.findIndex((pair) => rangeOf(pair.key)?.[0] === property.keyRange.start);
        const key = map.items[index]?.key;
        if (index >= 0 && isScalar(key) && (key.value === property.key || key.source === property.key)) return { map, index };
      }
    }
    throw new FixNotWritable(`property \`${property.key}\` is not written here`);
  }
}

function childContaining(node: Node, range: Range): Step | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const value = rangeOf(pair.value);
      if (value && !isAlias(pair.value) && contains(value, range)) return { node: pair.value as Node, pair };
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const itemRange = rangeOf(item);
      if (itemRange && !isAlias(item) && contains(itemRange, range)) return { node: item as Node };
    }
  }
  return undefined;
}

/** `flow` inside a flow collection, where a value must stay on its line and `,[]{}` end plain scalars. */
function contextOf(ancestors: readonly Step[]): YamlContext {
  return ancestors.some((step) => isCollection(step.node) && step.node.flow) ? 'flow' : 'block';
}

function toRange(range: YamlRange): Range {
  return { start: range[0], end: range[1] };
}

/** A mapping entry from its key to the end of its value. */
function pairRange(pair: Pair<unknown, unknown>): Range {
  const key = rangeOf(pair.key);
  const value = rangeOf(pair.value);
  if (!key) throw new FixNotWritable('a mapping entry without a key cannot be edited');
  return { start: key[0], end: value ? Math.max(value[1], key[1]) : key[1] };
}

/** Whether a node is written as a literal of `value`: a scalar that reads as it, or a collection of its kind. */
function isLiteralOf(node: Node, value: Value): boolean {
  if (isMap(node)) return value.kind === 'object';
  if (isSeq(node)) return value.kind === 'array';
  if (!isScalar(node)) return false;
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return node.value === value.value;
    case 'null':
      return node.value === null;
    default:
      return false;
  }
}
