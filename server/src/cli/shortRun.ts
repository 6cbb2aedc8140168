import * as v8 from 'node:v8';

/**
 * V8's optimizing compiler is tuned for programs that run for hours: it optimizes a function as soon as it is
 * warm, with its callees inlined. A scan that ends in seconds spent much of its CPU compiling code it then ran
 * briefly (on two cores, the compiler thread of one worker took much of the other core). With no inlining, hot
 * functions optimized later, and two costly compiler passes off, the CLI on the whole shared corpus took 3.5-3.7 s
 * instead of 4.7-4.9 s wall, and 6.1-6.6 s instead of 8.9-9.1 s CPU, for the same output (alternating runs). The
 * flags are the process's, which worker threads share; the language server, which runs for hours, keeps V8's own.
 */
const COMPILER_FLAGS = ['--no-turbo-inlining', '--interrupt-budget=528000', '--no-turbo-loop-peeling', '--no-turbo-escape'];

/**
 * A scan's workers hold every model of their share until all are read (see ScanWorkers), so their heaps grow to
 * some 150 MB each in seconds; V8, which starts a heap small, ran several full collections on the way, of live
 * models. Starting the heap at 256 MB left none: on the whole corpus, alternating runs (10 pairs), 3.39 instead of
 * 3.59 s wall (median), 5.6 instead of 6.0 s CPU, peak RSS 590 instead of 535 MB. It applies to isolates created
 * after it is set: the workers, not this thread.
 */
const HEAP_FLAGS = ['--initial-heap-size=256'];

/**
 * The V8 major versions these flags were measured on (Node 20's). V8 writes an unknown flag's error to standard
 * output, where it would corrupt a report, and flags come and go between versions: another V8 keeps its defaults.
 */
const MEASURED_ON_V8 = new Set(['11']);

export function tuneV8ForShortRun(): void {
  if (!MEASURED_ON_V8.has(process.versions.v8.split('.')[0])) return;
  for (const flag of [...COMPILER_FLAGS, ...HEAP_FLAGS]) v8.setFlagsFromString(flag);
}
