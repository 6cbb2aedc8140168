/**
 * Progress of a parallel scan on a terminal's standard error, rewritten in place; nothing when standard error is
 * not a terminal (CI logs, redirected output), where a stream of carriage returns would only be noise.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { update(phase: string, done: number, total: number): void; end(): void } | undefined {
  if (!stream.isTTY) return undefined;
  let shown = '';
  return {
    update(phase, done, total) {
      const line = `ztlint: ${phase} ${done}/${total} files`;
      if (line === shown) return;
      shown = line;
      stream.write(`\r${line}\x1b[K`);
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
