import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** The `workspace/executeCommand` that reports the server's memory and work, for benchmarks and tests. */
export const SERVER_STATS_COMMAND = 'ztlint.server.stats';

export interface ServerStats {
  /** `process.memoryUsage()` right after a full garbage collection, in bytes */
  readonly memory: NodeJS.MemoryUsage;
  /** `process.cpuUsage()`: the server's own CPU time, which a busy machine does not inflate as it does wall time */
  readonly cpu: NodeJS.CpuUsage;
  /** how many times each file was linted since the server started, by path */
  readonly lints: Readonly<Record<string, number>>;
  /** files waiting to be linted: edits in their pause, and files re-linted in the background */
  readonly pending: number;
  /** what the rules have asked the workspace view for (`resource:<type>`, `object:<kind>`) */
  readonly asked: readonly string[];
  /** the files whose model the server keeps: open ones, and closed ones that declare something asked */
  readonly modelsKept: number;
}

let collect: (() => void) | undefined;

/** A full garbage collection, without asking whoever starts the server for `--expose-gc`. */
function collectGarbage(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}

export function serverStats(work: Omit<ServerStats, 'memory' | 'cpu'>): ServerStats {
  const cpu = process.cpuUsage();
  collectGarbage();
  return { memory: process.memoryUsage(), cpu, ...work };
}
