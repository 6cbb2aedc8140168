import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../cli/helpers';

export interface GuardedRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI as a process with a deadline: a hang is killed and shows as a signal rather than blocking mocha. */
export function ztlintGuarded(cwd: string, timeoutMs: number, ...args: string[]): GuardedRun {
  const run = spawnSync(process.execPath, [path.join(REPO, 'server/bin/ztlint.js'), ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
  return { status: run.status, signal: run.signal, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

/** What shows that the process crashed rather than reporting: a signal, an unexpected exit code, a stack trace. */
export function crashOf(run: GuardedRun): string | undefined {
  if (run.signal) return `killed by ${run.signal} (hang or crash)`;
  if (run.status !== 0 && run.status !== 1) return `exit code ${String(run.status)}: ${run.stderr.slice(0, 500)}`;
  if (/^\s+at .+\(.*:\d+:\d+\)$/m.test(run.stderr) || /FATAL ERROR|Maximum call stack|heap out of memory/.test(run.stderr)) return `stack trace on stderr: ${run.stderr.slice(0, 500)}`;
  return undefined;
}
