import { parentPort } from 'node:worker_threads';
import { checkText } from '../robustness/harness';

/** Runs fuzz cases for `CaseRunner`, in a thread it can stop when a case hangs. */
parentPort!.on('message', ({ path, text, previous }: { path: string; text: string; previous?: string }) => {
  const started = performance.now();
  const problems = checkText(path, text, { fixes: true, ...(previous !== undefined ? { previous } : {}) });
  parentPort!.postMessage({ problems, ms: performance.now() - started });
});
