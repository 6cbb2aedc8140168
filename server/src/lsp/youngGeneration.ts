import * as v8 from 'node:v8';

/** The growth factor the process started with (V8's default is 2: the young generation doubles when it grows). */
const STARTING_GROWTH_FACTOR = process.execArgv.map((arg) => /^--semi[-_]space[-_]growth[-_]factor=(\d+)$/.exec(arg)?.[1]).find((value) => value !== undefined) ?? '2';

/**
 * Runs `work` with V8's young generation kept at the size it has. A workspace scan makes thousands of models that
 * live through a scavenge or two: V8 grows the young generation to its maximum for them, and keeps it, empty, until
 * a collection at a low allocation rate long after (measured after a whole-corpus scan: RSS 142-153 MB, 114-126 MB
 * with this, the scan as long). Editing a large file needs that room (the largest ARM template's p99 went
 * from 65-74 to 95-113 ms with the growth off for good), so the young generation may grow again afterwards.
 */
export async function withYoungGenerationHeld<T>(work: () => Promise<T>): Promise<T> {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  try {
    return await work();
  } finally {
    v8.setFlagsFromString(`--semi-space-growth-factor=${STARTING_GROWTH_FACTOR}`);
  }
}
