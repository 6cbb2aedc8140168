import { editorLatency } from './editorLatency';

/**
 * The editor figures, run by `bench` in a process of its own: the client's heap is then an editor's, not what the
 * throughput benchmarks left behind, whose collection on this 2-core machine slowed the client's receiving and the
 * server alike (ARM p99 108 ms measured after them, 71 ms in a fresh process, the same build and minute).
 */
editorLatency().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
