import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** The `workspace/executeCommand` that reports the server's memory and work, for benchmarks and tests. */
export const SERVER_STATS_COMMAND = 'ztlint.server.stats';

export interface ServerStats {
  /** `process.memoryUsage()` once a full garbage collection has returned what it freed (unless asked not to collect), in bytes */
  readonly memory: NodeJS.MemoryUsage;
  /** V8's heap by space at the same moment: what grows (live objects, or the room kept for new ones) */
  readonly heapSpaces: readonly { readonly name: string; readonly size: number; readonly used: number }[];
  /** `process.cpuUsage()`: the server's own CPU time, which a busy machine does not inflate as it does wall time */
  readonly cpu: NodeJS.CpuUsage;
  /** how many times each file was linted since the server started, by path */
  readonly lints: Readonly<Record<string, number>>;
  /** how many versions of each open file were read (parsed and modelled), by path: more than its lints when an edit arrived during a read */
  readonly reads: Readonly<Record<string, number>>;
  /** files waiting to be linted: edits in their pause, and files re-linted in the background */
  readonly pending: number;
  /** the files whose model the server keeps: open ones, and closed parameter files (templates are linted with them) */
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

export interface StatsOptions {
  /**
   * Collect garbage before reading memory (the default). A benchmark timing the work after the stats leaves it out:
   * a forced collection resets how V8 sizes the heap, and the collections that follow are no longer the server's own.
   */
  readonly collect: boolean;
}

/** The command's arguments: `[{ collect: false }]` reads memory as it is. */
export function statsOptions(args: unknown[] | undefined): StatsOptions {
  const [first] = args ?? [];
  return { collect: !(typeof first === 'object' && first !== null && (first as { collect?: unknown }).collect === false) };
}

/** How long V8's background threads take, at most, to finish sweeping and unmap the pages a collection freed. */
const RETURN_MS = 100;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server's memory and work. The collection runs twice with a pause after each: a collection frees pages in
 * the background, so RSS read right after it still counts most of what it freed (measured: 206 MB right after,
 * 61 MB 100 ms later), and by an amount that depends on when the last edit's garbage was made.
 */
export async function serverStats(options: StatsOptions, work: Omit<ServerStats, 'memory' | 'heapSpaces' | 'cpu'>): Promise<ServerStats> {
  const cpu = process.cpuUsage();
  for (let i = 0; options.collect && i < 2; i++) {
    collectGarbage();
    await pause(RETURN_MS);
  }
  const heapSpaces = v8.getHeapSpaceStatistics().map((s) => ({ name: s.space_name, size: s.space_size, used: s.space_used_size }));
  return { memory: process.memoryUsage(), heapSpaces, cpu, ...work };
}
