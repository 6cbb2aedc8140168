/**
 * What ztlint reports of an exception it caught in a rule, a fix writer or the analysis of a file: the error's
 * class and the stack frames where it was thrown, never its message. A message may quote the file being linted
 * (a rule's `throw new Error('bad value ' + value)`, or V8's `JSON.parse` error, which quotes its input), and
 * the file may hold a secret. The class and frames, beside the rule and file the report names, find the bug.
 */

/** The frames of an error's stack (`check (/rules/team.js:6:11)`), top first. */
function framesOf(error: Error): string[] {
  // The frames follow a header that is the message; where the stack does not start with it (a message changed after
  // the stack was taken, a stack written by hand), a line of the message could pass for a frame, so none is trusted.
  const header = String(error);
  if (typeof error.stack !== 'string' || !error.stack.startsWith(header)) return [];
  return error.stack
    .slice(header.length)
    .split('\n')
    .flatMap((line) => (/^\s+at /.test(line) ? [line.trim().slice('at '.length)] : []));
}

function classOf(error: unknown): string {
  return error instanceof Error ? error.name || 'Error' : `a thrown ${error === null ? 'null' : typeof error}`;
}

/** One line: `TypeError at check (/rules/team.js:6:11)`. */
export function internalErrorSummary(error: unknown): string {
  const [top] = error instanceof Error ? framesOf(error) : [];
  return top ? `${classOf(error)} at ${top}` : classOf(error);
}

/** For a log, where a bug report is copied from: the summary, then the frames below the top one, a line each. */
export function internalErrorLog(error: unknown): string {
  const below = error instanceof Error ? framesOf(error).slice(1) : [];
  return [internalErrorSummary(error), ...below.map((f) => `    at ${f}`), '    (the message is not shown: it may quote the file)'].join('\n');
}
