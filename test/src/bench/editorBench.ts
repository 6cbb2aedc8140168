import { editorLatency } from './editorLatency';

/**
 * The editor figures, run by `bench` in a process of their own (see SETTLE_MS there): the client then holds what an
 * editor would, not the heap the throughput benchmarks leave behind.
 */
editorLatency().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
