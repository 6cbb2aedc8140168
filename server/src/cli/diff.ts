/** Lines of a text with their line breaks kept, so that `\r\n` survives into the diff and the patch. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/**
 * The shortest edit script between two line lists (Myers' O(ND) algorithm). Fixes change few lines, so D is
 * small: the common head and tail are stripped first, and the trace of V arrays stays small too.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x0 = a.slice(head, a.length - tail);
  const y0 = b.slice(head, b.length - tail);
  const n = x0.length;
  const m = y0.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && x0[x] === y0[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from the end to recover the script.
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      middle.push({ kind: ' ', line: x0[--x] });
      y--;
    }
    if (d > 0) middle.push(down ? { kind: '+', line: y0[--y] } : { kind: '-', line: x0[--x] });
  }
  middle.reverse();
  // Within a block of changes, deletions come before insertions, as diff prints them.
  for (let start = 0; start < middle.length; ) {
    let end = start;
    while (end < middle.length && middle[end].kind !== ' ') end++;
    const block = middle.slice(start, end);
    middle.splice(start, block.length, ...block.filter((op) => op.kind === '-'), ...block.filter((op) => op.kind === '+'));
    start = end + 1;
  }
  return [...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })), ...middle, ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line }))];
}

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/**
 * A unified diff of two versions of a file, as `diff -u` writes it (3 lines of context, `\ No newline at end of
 * file` where it applies), so that `patch -p1` and `git apply` accept it. Empty when the texts are equal.
 */
export function unifiedDiff(oldPath: string, newPath: string, oldText: string, newText: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = editScript(splitLines(oldText), splitLines(newText));
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  const out = [`--- ${oldPath}\n`, `+++ ${newPath}\n`];
  let i = 0;
  while (i < changed.length) {
    // A hunk runs from a change's context to the last change whose context touches the next one's.
    let last = i;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * context + 1) last++;
    const from = Math.max(0, changed[i] - context);
    const to = Math.min(ops.length, changed[last] + context + 1);
    let oldLine = 1;
    let newLine = 1;
    for (const op of ops.slice(0, from)) {
      if (op.kind !== '+') oldLine++;
      if (op.kind !== '-') newLine++;
    }
    const body = ops.slice(from, to);
    const oldCount = body.filter((op) => op.kind !== '+').length;
    const newCount = body.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@\n`);
    for (const op of body) out.push(op.line.endsWith('\n') ? `${op.kind}${op.line}` : `${op.kind}${op.line}\n\\ No newline at end of file\n`);
    i = last + 1;
  }
  return out.join('');
}
