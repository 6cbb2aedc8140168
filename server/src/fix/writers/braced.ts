import type { Range } from '../../text/range';
import { FixNotWritable, type TextEdit } from '../textEdit';
import type { ArrayValue, ObjectValue, PropertyValue } from '../../model/value';
import type { NewValue } from '../intent';
import type { Layout } from './layout';
import type { SyntaxTree } from './syntaxTree';

/**
 * Editing `{...}` and `[...]` containers, shared by Bicep, JSON and YAML flow collections: they differ only in
 * whether entries are separated by commas and in how an entry is rendered.
 */

/** Where a rendered value goes: the indentation of its first line, and whether it must stay on that line. */
export interface Placement {
  readonly indent: string;
  readonly inline: boolean;
  /** inside the brackets of a one-line container, as the one it replaces had it (`[ 'a' ]`) */
  readonly padding?: string;
}

export type RenderEntry = (at: Placement) => string;

export interface Braced {
  /** offset of the opening bracket */
  readonly open: number;
  /** offset of the closing bracket */
  readonly close: number;
  /** the entries (properties, items, nested declarations) in text order */
  readonly entries: readonly Range[];
  /** `comma`: entries are always separated by commas (JSON, YAML flow); `line`: by line breaks, commas only on one line (Bicep) */
  readonly separator: 'comma' | 'line';
  /** between the brackets and the entries of a one-line container: `{ a: 1 }` but `['a']` */
  readonly padding: string;
  /** whether an empty container may be spread over lines (not in YAML, where flow lines must be indented) */
  readonly opensUp: boolean;
}

export function insertion(at: number, newText: string): TextEdit {
  return { range: { start: at, end: at }, newText };
}

export function deletion(start: number, end: number): TextEdit {
  return { range: { start, end }, newText: '' };
}

/** The comma after the entry ending at `end`, if one follows (comments may come between). */
function commaAfter(layout: Layout, end: number, container: Braced): number | undefined {
  const at = layout.skipTrivia(end);
  return at < container.close && layout.text.charCodeAt(at) === 0x2c ? at : undefined;
}

function usesCommas(layout: Layout, container: Braced): boolean {
  return container.separator === 'comma' || layout.sameLine(container.open, container.close);
}

/** The indentation of entries: as the entries are indented, else one unit deeper than the opening line. */
function entryIndentation(layout: Layout, container: Braced): string {
  const placed = container.entries.find((entry) => layout.firstOnLine(entry.start));
  return placed ? layout.indentation(placed.start) : layout.indentation(container.open) + layout.unit;
}

/**
 * Adds an entry after the entry at index `after` (default: the last). A multi-line container gets a new line at
 * its entries' indentation, after any comment ending the previous entry's line; a one-line container stays on
 * one line; an empty one is opened up over lines when nothing but a separator follows it on its line.
 */
export function insertEntry(layout: Layout, container: Braced, render: RenderEntry, after = container.entries.length - 1): TextEdit[] {
  const anchor = container.entries[after];
  if (anchor === undefined) return insertIntoEmpty(layout, container, render);
  const comma = commaAfter(layout, anchor.end, container);
  const commas = usesCommas(layout, container);
  if (layout.sameLine(container.open, container.close)) {
    const entry = render({ indent: layout.indentation(container.open), inline: true });
    return comma === undefined ? [insertion(anchor.end, `, ${entry}`)] : [insertion(comma + 1, ` ${entry},`)];
  }
  const indent = entryIndentation(layout, container);
  const edits: TextEdit[] = [];
  // The new entry takes the anchor's place in the comma pattern: followed by one when the anchor was.
  if (commas && comma === undefined) edits.push(insertion(anchor.end, ','));
  const from = comma === undefined ? anchor.end : comma + 1;
  const newText = layout.eol + indent + render({ indent, inline: false }) + (commas && comma !== undefined ? ',' : '');
  edits.push(insertion(layout.endOfLineAfter(from) ?? from, newText));
  return edits;
}

function insertIntoEmpty(layout: Layout, container: Braced, render: RenderEntry): TextEdit[] {
  const { open, close } = container;
  if (!layout.onlyTrivia(open + 1, close)) throw new FixNotWritable('the container holds something other than entries');
  if (!layout.isWhitespace(open + 1, close)) {
    // only comments inside: the entry goes on a line of its own before the closing bracket
    if (!layout.firstOnLine(close)) throw new FixNotWritable('cannot place an entry among the comments of an empty container');
    const indent = layout.indentation(close) + layout.unit;
    return [insertion(layout.lineStart(close), indent + render({ indent, inline: false }) + layout.eol)];
  }
  const base = layout.indentation(open);
  if (opensUp(layout, container)) {
    const indent = base + layout.unit;
    return [{ range: { start: open + 1, end: close }, newText: layout.eol + indent + render({ indent, inline: false }) + layout.eol + base }];
  }
  const entry = render({ indent: base, inline: true });
  return [{ range: { start: open + 1, end: close }, newText: container.padding + entry + container.padding }];
}

/**
 * An empty container can be spread over lines when only a separator (and comments) follow it on its line;
 * inside a one-line construct (`{ tags: {} }`) it must stay on its line.
 */
function opensUp(layout: Layout, container: Braced): boolean {
  if (!container.opensUp) return false;
  const after = container.close + 1;
  if (layout.endOfLineAfter(after) !== undefined) return true;
  const next = layout.skipTrivia(after);
  return layout.text.charCodeAt(next) === 0x2c && layout.sameLine(after, next) && layout.endOfLineAfter(next + 1) !== undefined;
}

/**
 * Removes the entry at `index`. An entry on lines of its own goes with its lines (and its trailing comment); on
 * a shared line it goes with one separator. A comma left dangling before the closing bracket goes too, and a
 * container left empty closes up to `{}`.
 */
export function removeEntry(layout: Layout, container: Braced, index: number): TextEdit[] {
  const entries = container.entries;
  const entry = entries[index];
  const previous = entries[index - 1];
  const next = entries[index + 1];
  const comma = commaAfter(layout, entry.end, container);
  const afterEntry = comma === undefined ? entry.end : comma + 1;
  const lineEnd = layout.endOfLineAfter(afterEntry);
  const singleLine = layout.sameLine(container.open, container.close);
  const alone = previous === undefined && next === undefined;
  if (!singleLine && lineEnd !== undefined && layout.firstOnLine(entry.start)) {
    const start = layout.lineStart(entry.start);
    const end = layout.nextLineStart(lineEnd);
    if (alone && layout.isWhitespace(container.open + 1, start) && layout.isWhitespace(lineEnd, container.close)) {
      return [deletion(container.open + 1, container.close)];
    }
    const edits = [deletion(start, end)];
    if (next === undefined && previous !== undefined && comma === undefined && usesCommas(layout, container)) {
      const dangling = commaAfter(layout, previous.end, container);
      if (dangling !== undefined) edits.push(deletion(dangling, dangling + 1));
    }
    return edits;
  }
  if (next !== undefined) return [deletion(entry.start, next.start)];
  if (previous !== undefined) return [deletion(previous.end, afterEntry)];
  return layout.isWhitespace(container.open + 1, entry.start) && layout.isWhitespace(afterEntry, container.close)
    ? [deletion(container.open + 1, container.close)]
    : [deletion(entry.start, afterEntry)];
}

/**
 * A container rendered from scratch: one entry per line one unit deeper than `at.indent`, or on one line when
 * the spot needs it. `separator` is what ends each line but the last (`,` in JSON, nothing in Bicep).
 */
export function renderBraced(layout: Layout, brackets: '{}' | '[]', entries: readonly RenderEntry[], at: Placement, separator: string, padding: string): string {
  const [open, close] = brackets;
  if (entries.length === 0) return open + close;
  if (at.inline) {
    const inside = at.padding ?? padding;
    return open + inside + entries.map((entry) => entry({ indent: at.indent, inline: true })).join(', ') + inside + close;
  }
  const indent = at.indent + layout.unit;
  const lines = entries.map((entry) => indent + entry({ indent, inline: false }));
  return open + layout.eol + lines.join(separator + layout.eol) + layout.eol + at.indent + close;
}

/** How an editor spells a value and an object entry in its format. */
export interface EntryRenderer {
  value(value: NewValue, at: Placement): string;
  property(key: string, value: NewValue, at: Placement): string;
}

/**
 * The entry edits of formats whose objects and arrays are bracketed syntax trees (Bicep and JSON): what differs
 * between them is how entries are spelled, not where they go.
 */
export abstract class BracedEditor {
  protected abstract readonly layout: Layout;
  protected abstract readonly tree: SyntaxTree;
  protected abstract readonly render: EntryRenderer;

  addProperty(container: ObjectValue, key: string, value: NewValue): TextEdit[] {
    return insertEntry(this.layout, this.tree.object(container.range), (at) => this.render.property(key, value, at));
  }

  removeProperty(property: PropertyValue): TextEdit[] {
    const { container, index } = this.tree.entry(property.range, property.key);
    return removeEntry(this.layout, container, index);
  }

  addItem(array: ArrayValue, item: NewValue): TextEdit[] {
    return insertEntry(this.layout, this.tree.array(array.range), (at) => this.render.value(item, at));
  }
}
