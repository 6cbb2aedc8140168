import { parentPort } from 'node:worker_threads';
import { checkText } from '../robustness/harness';

/** Runs fuzz cases for `CaseRunner`, in a thread it can stop when a case hangs. */
parentPort!.on('message', ({ path, text }: { path: string; text: string }) => {
  const started = performance.now();
  const problems = checkText(path, text, { fixes: true });
  parentPort!.postMessage({ problems, ms: performance.now() - started });
});
