/**
 * A stack for the members of the lists still being read (object entries, array items, call arguments), each
 * list copied out at exactly its size when it closes. An array grown by `push` keeps room for at least 17
 * elements: over a template's tens of thousands of short lists that is megabytes the garbage collector copies.
 */
export class Scratch<T> {
  private readonly items: T[] = [];
  private top = 0;

  /** Where the list that starts now begins; pass it to `take` when the list ends. */
  get mark(): number {
    return this.top;
  }

  push(item: T): void {
    this.items[this.top++] = item;
  }

  /** The members pushed since `mark`, removed from the stack. */
  take(mark: number): T[] {
    const taken = exactCopy(this.items, mark, this.top);
    this.top = mark;
    return taken;
  }

  /** Forgets everything pushed: after an error that abandoned the lists open on it. */
  clear(): void {
    this.top = 0;
  }
}

/**
 * `items.slice(start, end)`, built as an array literal when short, as most lists are: unlike `slice`, a literal
 * has an allocation site, through which V8 learns that these arrays live as long as the template and then
 * allocates them in the old generation directly, instead of copying them out of the young one.
 */
export function exactCopy<T>(items: readonly T[], start: number, end: number): T[] {
  switch (end - start) {
    case 0:
      return [];
    case 1:
      return [items[start]];
    case 2:
      return [items[start], items[start + 1]];
    case 3:
      return [items[start], items[start + 1], items[start + 2]];
    default:
      return items.slice(start, end);
  }
}
