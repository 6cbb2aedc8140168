import type { Range } from '../../text/range';
import { FixNotWritable } from '../textEdit';
import type { Braced, Placement } from './braced';
import type { Layout } from './layout';

/** A node of a syntax tree (Bicep syntax, JSON expressions): anything with a `kind` and a `range`. */
export interface SyntaxNode {
  readonly kind: string;
  readonly range: Range;
}

function isNode(value: unknown): value is SyntaxNode {
  return typeof value === 'object' && value !== null && typeof (value as SyntaxNode).kind === 'string' && typeof (value as SyntaxNode).range?.start === 'number';
}

/**
 * The nodes of a plain-object syntax tree whose ranges contain `target`, outermost first. The trees are walked
 * generically (every field that holds nodes or lists of nodes), descending only into nodes that contain the
 * target, so the Bicep and JSON writers can locate text without a visitor per node kind.
 */
export function nodesContaining(root: object, target: Range): SyntaxNode[] {
  const path: SyntaxNode[] = [];
  for (let next = childContaining(root, target); next !== undefined; next = childContaining(next, target)) path.push(next);
  return path;
}

function contains(node: unknown, target: Range): node is SyntaxNode {
  return isNode(node) && node.range.start <= target.start && target.end <= node.range.end;
}

function childContaining(node: object, target: Range): SyntaxNode | undefined {
  for (const field of Object.values(node)) {
    const child = Array.isArray(field) ? itemContaining(field, target) : field;
    if (contains(child, target)) return child;
  }
  return undefined;
}

/** Whether a list holds only nodes, in source order; found once per list. */
const sortedNodeLists = new WeakMap<readonly unknown[], boolean>();

function isSortedNodeList(items: readonly unknown[]): items is readonly SyntaxNode[] {
  let sorted = sortedNodeLists.get(items);
  if (sorted === undefined) {
    sorted = items.every((item, i) => isNode(item) && (i === 0 || (items[i - 1] as SyntaxNode).range.start <= item.range.start));
    sortedNodeLists.set(items, sorted);
  }
  return sorted;
}

/**
 * The first item of a list that contains `target`. In a list of nodes in source order a binary search finds the
 * last one starting at or before it: a file with thousands of fixes in one long list (the resources of a
 * template) would otherwise be scanned once per fix. Other lists are scanned.
 */
function itemContaining(items: readonly unknown[], target: Range): unknown {
  if (!isSortedNodeList(items)) return items.find((item) => contains(item, target));
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (items[mid].range.start <= target.start) low = mid;
    else high = mid - 1;
  }
  // siblings may touch (an empty node at the end of another): the first that contains the target wins
  let first: unknown;
  for (let i = Math.min(low, items.length - 1); i >= 0 && items[i].range.end >= target.start; i--) if (contains(items[i], target)) first = items[i];
  return first;
}

function spans(node: SyntaxNode, target: Range): boolean {
  return node.range.start === target.start && node.range.end === target.end;
}

/** The innermost node spanning exactly `target` (a value and the expression around it may share a range). */
export function nodeAt(root: object, target: Range): SyntaxNode | undefined {
  const path = nodesContaining(root, target);
  for (let i = path.length - 1; i >= 0; i--) if (spans(path[i], target)) return path[i];
  return undefined;
}

/** How a format's tree holds containers: the entries of an object literal, the items of an array literal. */
export interface TreeShape {
  /** `undefined` when the node is not an object literal */
  objectEntries(node: SyntaxNode): readonly SyntaxNode[] | undefined;
  arrayItems(node: SyntaxNode): readonly SyntaxNode[] | undefined;
  /** the key of an object entry as the model reads it */
  keyOf(entry: SyntaxNode): string | undefined;
  readonly separator: Braced['separator'];
}

/** A parsed file seen as nested `{...}` and `[...]` literals: what the Bicep and JSON writers edit. */
export class SyntaxTree {
  constructor(
    readonly root: object,
    readonly layout: Layout,
    private readonly shape: TreeShape,
  ) {}

  nodeAt(target: Range): SyntaxNode | undefined {
    return nodeAt(this.root, target);
  }

  /** The object literal written at `range`; anything else (a function result, a reference) is refused. */
  object(range: Range): Braced {
    const node = this.nodeAt(range);
    const entries = node && this.shape.objectEntries(node);
    if (!entries) throw new FixNotWritable(`the object is not written as an object literal here (${this.layout.excerpt(range)})`);
    return this.braced(range, entries);
  }

  array(range: Range): Braced {
    const node = this.nodeAt(range);
    const items = node && this.shape.arrayItems(node);
    if (!items) throw new FixNotWritable(`the array is not written as an array literal here (${this.layout.excerpt(range)})`);
    return this.braced(range, items);
  }

  /** The object literal holding the entry written at `range` with this key, and the entry's index in it. */
  entry(range: Range, key: string): { readonly container: Braced; readonly index: number } {
    const path = nodesContaining(this.root, range);
    for (let i = path.length - 1; i > 0; i--) {
      const entries = this.shape.objectEntries(path[i - 1]);
      const index = entries?.indexOf(path[i]) ?? -1;
      if (entries && index >= 0 && spans(path[i], range) && this.shape.keyOf(path[i]) === key) {
        return { container: this.braced(path[i - 1].range, entries), index };
      }
    }
    throw new FixNotWritable(`property \`${key}\` is not written here`);
  }

  /**
   * Where a value replacing the text at `range` goes: at the indentation of its line, and on that line when it
   * sits in a one-line container or replaces one (keeping the spacing inside its brackets).
   */
  placement(range: Range): Placement {
    const layout = this.layout;
    const indent = layout.indentation(range.start);
    // a one-line container with entries: `[ 'a' ]` (an empty one opens up like any new value)
    const padding = /^[{[]( *)[^ \]}]/.exec(layout.text.slice(range.start, range.end))?.[1];
    if (padding !== undefined && layout.sameLine(range.start, range.end)) return { indent, inline: true, padding };
    const enclosing = nodesContaining(this.root, range)
      .filter((node) => !spans(node, range) && (this.shape.objectEntries(node) ?? this.shape.arrayItems(node)))
      .pop();
    return { indent, inline: enclosing !== undefined && layout.sameLine(enclosing.range.start, enclosing.range.end) };
  }

  private braced(range: Range, entries: readonly SyntaxNode[]): Braced {
    const close = range.end - 1;
    const brackets = this.layout.text[range.start] + this.layout.text[close];
    // a container cut short by a syntax error ends where the parser gave up, not at a closing bracket
    if (brackets !== '{}' && brackets !== '[]') throw new FixNotWritable(`the container is not closed (${this.layout.excerpt(range)})`);
    const padding = brackets === '{}' ? ' ' : '';
    return { open: range.start, close, entries: entries.map((entry) => entry.range), separator: this.shape.separator, padding, opensUp: true };
  }
}
