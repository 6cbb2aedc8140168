import type { ArrayExpr, Expr, ObjectExpr, SpreadEntryExpr } from '../model/expr';
import { moveRangesAfter } from '../model/moveRanges';
import { changedSpan, type ChangedSpan } from '../text/changedSpan';
import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
import { shiftedAll, type Range } from '../text/range';
import type { Comment } from '../text/syntaxDiagnostic';
import { readArm, templateLoad, type ArmLoad } from './index';
import { parseJsonValueAt } from './jsonDocument';
import { ArmLowering, isBracketed, isCopyKey } from './lower';

/** A version read without errors: the tree its template was built from, kept to be edited into the next one. */
interface CleanRead {
  readonly text: string;
  readonly root: ObjectExpr;
  readonly comments: readonly Comment[];
}

/** An object or array below the root, where it sits, and how deep (as the parser counts). */
interface Slot {
  readonly value: ObjectExpr | ArrayExpr;
  readonly depth: number;
  replace(value: Expr): void;
}

/**
 * Reads the successive versions of one template as an editor sends them. Most edits fall inside one small object
 * (a resource's `properties`, a parameter's definition): that object alone is read again and put in place of the
 * old one, and the rest of the tree is moved by the edit's length instead of being read again. Reading a 3 MB
 * template whole takes tens of milliseconds and makes a model the garbage collector must then copy; an edit's own
 * object takes well under one. Any version with an error, any edit that reaches the root object or its own
 * braces, and any object that does not read back cleanly to the same end, is read whole.
 *
 * The kept tree is edited in place: the model of the version before shares it, and is stale once the next version
 * is read (an editor only works from the latest version).
 */
export class TemplateCache {
  private last: CleanRead | undefined;

  load(text: string, check?: () => void): ArmLoad {
    const last = this.last;
    // What follows either hands the tree on or cannot trust it any more (a read the deadline stops half way).
    this.last = undefined;
    const edited = last && this.readEdit(last, text, check);
    if (edited) return edited;
    const { load, root } = readArm(text, check);
    if (root && load.kind === 'template' && load.diagnostics.length === 0) this.last = { text, root, comments: load.comments };
    return load;
  }

  private readEdit(last: CleanRead, text: string, check: (() => void) | undefined): ArmLoad | undefined {
    const span = changedSpan(last.text, text);
    if (span === undefined) return this.keep({ ...last, text });
    const slot = innermostAround(last.root, span.start, span.beforeEnd);
    const delta = text.length - last.text.length;
    const token = editedToken(slot?.value ?? last.root, span, last.text, text);
    if (token) {
      moveRangesAfter(last.root, span.beforeEnd, delta);
      token.apply();
      return this.keep({ text, root: last.root, comments: [...last.comments.filter((c) => c.range.start < span.beforeEnd), ...shiftedAll(last.comments.filter((c) => c.range.start >= span.beforeEnd), delta)] });
    }
    if (!slot) return undefined;
    const old = slot.value.range;
    const lowering = new ArmLowering(text);
    const read = parseJsonValueAt(text, old.start, slot.depth, lowering, check);
    if (read.root === undefined || read.root.range.end !== old.end + delta || read.diagnostics.length > 0 || lowering.diagnostics.length > 0) return undefined;
    const oldEnd = old.end;
    moveRangesAfter(last.root, oldEnd, delta, slot.value);
    slot.replace(read.root);
    const comments = [
      ...last.comments.filter((c) => c.range.end <= old.start),
      ...read.comments,
      ...shiftedAll(last.comments.filter((c) => c.range.start >= oldEnd), delta),
    ];
    return this.keep({ text, root: last.root, comments });
  }

  private keep(read: CleanRead): ArmLoad {
    this.last = read;
    return templateLoad(read.root, read.text, [], [...read.comments]);
  }
}

const isSchemaKey = (key: string | undefined) => key !== undefined && equalsIgnoringCase(key, '$schema');

/** The characters of a string token between its quotes, when they need no escape: what the string is. */
function plainContent(text: string, token: Range, delta = 0): string | undefined {
  const content = text.slice(token.start + 1, token.end - 1 + delta);
  return /["\\\u0000-\u001f]/.test(content) ? undefined : content;
}

/**
 * An edit inside one property key, or one string that is no expression, which stays so: the key or the string
 * is changed in place and the tree kept whole, as in `"lxanguageVersion"` or `"contentVersion": "1.0.0.1"`
 * (the root object itself, or a large resource, would otherwise be read again). A key that is or becomes
 * `copy` changes how its object reads: such edits are not tokens.
 */
function editedToken(container: ObjectExpr | ArrayExpr, span: ChangedSpan, before: string, after: string): { apply(): void } | undefined {
  const delta = after.length - before.length;
  const inside = (token: Range) => strictlyInside(token, span.start, span.beforeEnd);
  const literal = (value: Expr | SpreadEntryExpr): { apply(): void } | undefined => {
    if (value.kind !== 'literal' || typeof value.value !== 'string' || !inside(value.range) || plainContent(before, value.range) !== value.value) return undefined;
    const content = plainContent(after, value.range, delta);
    return content === undefined || isBracketed(content) ? undefined : { apply: () => ((value as { value: string }).value = content) };
  };
  if (container.kind === 'array') {
    for (const item of container.items) if (inside(item.range)) return literal(item);
    return undefined;
  }
  for (const entry of container.entries) {
    if (entry.kind !== 'property' || entry.range.end <= span.start || entry.range.start >= span.beforeEnd) continue;
    // `$schema` says whether the file is a template at all
    if (isSchemaKey(entry.key)) return undefined;
    if (inside(entry.keyRange)) {
      if (plainContent(before, entry.keyRange) !== entry.key) return undefined;
      const key = plainContent(after, entry.keyRange, delta);
      if (key === undefined || isSchemaKey(key) || isCopyKey(key) || isCopyKey(entry.key) || container.entries.some((e) => e.value.kind === 'for')) return undefined;
      return { apply: () => ((entry as { key: string }).key = key) };
    }
    return literal(entry.value);
  }
  return undefined;
}

/** Whether `[start, end)` is strictly inside `range`: past its first character and before its last (quotes, brackets). */
function strictlyInside(range: Range, start: number, end: number): boolean {
  return range.start < start && end < range.end;
}

/** An object or array that holds `[start, end)` strictly inside its brackets. */
function around(expr: Expr, start: number, end: number): expr is ObjectExpr | ArrayExpr {
  return (expr.kind === 'object' || expr.kind === 'array') && strictlyInside(expr.range, start, end);
}

/**
 * The innermost object or array below the root that holds the span strictly inside its brackets, reached through
 * property values and array items only: a `copy` loop the reading turned into another shape is read again with
 * the object that holds it.
 */
function innermostAround(root: ObjectExpr, start: number, end: number): Slot | undefined {
  let found: Slot | undefined;
  let container: ObjectExpr | ArrayExpr = root;
  for (let depth = 1; ; depth++) {
    let next: Slot | undefined;
    if (container.kind === 'object') {
      const entry: { value: Expr } | undefined = container.entries.find((e) => e.kind === 'property' && around(e.value, start, end));
      if (entry) next = { value: entry.value as ObjectExpr | ArrayExpr, depth, replace: (value) => (entry.value = value) };
    } else {
      const items = container.items as Expr[];
      const index = items.findIndex((item) => around(item, start, end));
      if (index >= 0) next = { value: items[index] as ObjectExpr | ArrayExpr, depth, replace: (value) => (items[index] = value) };
    }
    if (!next) return found;
    found = next;
    container = next.value;
  }
}
