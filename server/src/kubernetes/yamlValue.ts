import { isMap, isScalar, isSeq, type Alias, type ParsedNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ArrayValue, Hop, ObjectValue, PropertyValue, UnknownValue, Value } from '../model/value';
import type { Range } from '../text/range';
import type { SyntaxDiagnostic } from '../text/syntaxDiagnostic';

/**
 * How many nodes aliases may add to a file's value trees, shared by its documents. Aliases are not copied (the
 * anchored value is shared), but anything walking the tree walks each use, so a "billion laughs" file would still
 * make every rule walk a billion nodes. Past the budget an alias becomes unknown.
 */
export interface AliasBudget {
  remaining: number;
  exhausted: boolean;
}

const ALIAS_BUDGET_PER_NODE = 10;
const ALIAS_BUDGET_MIN = 100_000;

export function aliasBudget(sourceNodes: number): AliasBudget {
  return { remaining: Math.max(ALIAS_BUDGET_MIN, ALIAS_BUDGET_PER_NODE * sourceNodes), exhausted: false };
}

const NO_HOPS: readonly Hop[] = [];

interface Anchored {
  readonly value: Value;
  /** nodes in the anchored tree, aliases inside it counted by what they stand for */
  readonly size: number;
}

/**
 * Converts a composed YAML document to the model's value tree. Scalars are as the schema of `yamlDocuments`
 * resolves them; `<<` merge keys are applied (Kubernetes' YAML library supports them) with explicit keys winning;
 * a duplicate key is reported and the last entry kept; entries whose key is not a scalar are skipped with a warning.
 */
export function documentValue(
  contents: ParsedNode,
  text: string,
  budget: AliasBudget,
  diagnostics: SyntaxDiagnostic[],
): Value {
  return new DocumentConverter(text, budget, diagnostics).convert(contents);
}

class DocumentConverter {
  /** anchors are document-scoped; a later anchor of the same name replaces the earlier one */
  private readonly anchors = new Map<string, Anchored>();
  private size = 0;

  constructor(
    private readonly text: string,
    private readonly budget: AliasBudget,
    private readonly diagnostics: SyntaxDiagnostic[],
  ) {}

  convert(node: ParsedNode): Value {
    const sizeBefore = this.size;
    const value = this.convertNode(node);
    // registered after its own content, so an alias inside an anchored node cannot form a cycle
    if (node.anchor) this.anchors.set(node.anchor, { value, size: this.size - sizeBefore });
    return value;
  }

  private convertNode(node: ParsedNode): Value {
    if (isScalar(node)) {
      this.size++;
      return scalarValue(node, this.text);
    }
    if (isMap(node)) {
      this.size++;
      return this.objectValue(node as YAMLMap.Parsed);
    }
    if (isSeq(node)) {
      this.size++;
      return this.arrayValue(node as YAMLSeq.Parsed);
    }
    return this.aliasValue(node as Alias.Parsed);
  }

  private aliasValue(alias: Alias.Parsed): Value {
    const range = rangeOf(alias);
    const anchored = this.anchors.get(alias.source);
    if (!anchored) {
      this.report(range, 'error', 'yaml-syntax', `Alias *${alias.source} refers to no anchor before it`);
      return unknown(range, `alias *${alias.source} has no anchor`);
    }
    if (anchored.size > this.budget.remaining) {
      if (!this.budget.exhausted) {
        this.report(
          range,
          'warning',
          'yaml-alias-limit',
          `YAML aliases expand to too many nodes; *${alias.source} and later aliases past the limit are not analysed`,
        );
      }
      this.budget.exhausted = true;
      return unknown(range, `alias *${alias.source} is past the alias expansion limit`);
    }
    this.budget.remaining -= anchored.size;
    this.size += anchored.size;
    return anchored.value;
  }

  private objectValue(map: YAMLMap.Parsed): ObjectValue {
    const properties: PropertyValue[] = [];
    const indexByKey = new Map<string, number>();
    let merged: Value[] | undefined;
    for (const { key, value: valueNode } of map.items) {
      const value = valueNode ? this.convert(valueNode) : undefined;
      if (isMergeKey(key)) {
        if (value) (merged ??= []).push(value);
        continue;
      }
      const name = keyName(key);
      if (name === undefined || !key) {
        const where = rangeOf(key ?? valueNode ?? map);
        this.report(where, 'warning', 'yaml-unsupported-key', 'Entry skipped: its key is empty or not a scalar');
        continue;
      }
      const keyRange = rangeOf(key);
      const end = valueNode ? valueNode.range[1] : keyRange.end;
      const property: PropertyValue = {
        key: name,
        keyRange,
        value: value ?? nullAt(keyRange.end),
        range: { start: keyRange.start, end },
      };
      const earlier = indexByKey.get(name);
      if (earlier === undefined) {
        indexByKey.set(name, properties.length);
        properties.push(property);
      } else {
        this.report(keyRange, 'error', 'yaml-duplicate-key', `Duplicate key \`${name}\`: the last one is used`);
        properties[earlier] = property;
      }
    }
    if (merged) this.merge(merged, properties, indexByKey);
    return { kind: 'object', properties, caseSensitive: true, range: rangeOf(map), via: NO_HOPS };
  }

  /** Earlier merge sources win over later ones, and explicit keys over all of them. */
  private merge(sources: readonly Value[], properties: PropertyValue[], indexByKey: Map<string, number>): void {
    for (const source of sources) {
      const maps = source.kind === 'array' ? source.items : [source];
      for (const map of maps) {
        if (map.kind !== 'object') {
          if (map.kind !== 'unknown') {
            this.report(map.range, 'error', 'yaml-syntax', 'A `<<` merge key needs a mapping or a list of mappings');
          }
          continue;
        }
        for (const property of map.properties) {
          if (indexByKey.has(property.key)) continue;
          indexByKey.set(property.key, properties.length);
          properties.push(property);
        }
      }
    }
  }

  private arrayValue(seq: YAMLSeq.Parsed): ArrayValue {
    const items = seq.items.map((item) => this.convert(item));
    return { kind: 'array', items, range: rangeOf(seq), via: NO_HOPS };
  }

  private report(range: Range, severity: SyntaxDiagnostic['severity'], code: string, message: string): void {
    this.diagnostics.push({ message, range, severity, code });
  }
}

function scalarValue(scalar: Scalar.Parsed, text: string): Value {
  const range = rangeOf(scalar);
  const value: unknown = scalar.value;
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value, literal: isLiteral(scalar, value, text), range, via: NO_HOPS };
    case 'number':
      return { kind: 'number', value, range, via: NO_HOPS };
    case 'boolean':
      return { kind: 'boolean', value, range, via: NO_HOPS };
    default:
      if (value === null) return { kind: 'null', range, via: NO_HOPS };
      // `!!binary` and the like: Kubernetes sees the text
      return { kind: 'string', value: scalar.source ?? String(value), literal: false, range, via: NO_HOPS };
  }
}

/** Plain or quoted, on one line and without escapes: the text of the range (inside any quotes) is the value. */
function isLiteral(scalar: Scalar.Parsed, value: string, text: string): boolean {
  let [start, end] = scalar.range;
  if (scalar.type === 'QUOTE_SINGLE' || scalar.type === 'QUOTE_DOUBLE') {
    start++;
    end--;
  } else if (scalar.type !== 'PLAIN') {
    return false;
  }
  return end - start === value.length && text.startsWith(value, start);
}

/** Non-string scalar keys (`80:`, `0x1F:`) are named as written; an empty key (`: x`) has no name. */
function keyName(key: ParsedNode | null): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'string') return key.value;
  return key.source ? key.source : undefined;
}

function isMergeKey(key: ParsedNode | null): boolean {
  return isScalar(key) && key.type === 'PLAIN' && key.value === '<<';
}

function rangeOf(node: ParsedNode): Range {
  return { start: node.range[0], end: node.range[1] };
}

function nullAt(offset: number): Value {
  return { kind: 'null', range: { start: offset, end: offset }, via: NO_HOPS };
}

function unknown(range: Range, reason: string): UnknownValue {
  return { kind: 'unknown', reason, range, via: NO_HOPS };
}
