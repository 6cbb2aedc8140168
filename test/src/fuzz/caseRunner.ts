import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export type CaseOutcome =
  | { readonly kind: 'ok'; readonly ms: number }
  /** the engine threw, or broke an invariant (a range outside the text, a finding with no message) */
  | { readonly kind: 'problems'; readonly ms: number; readonly problems: readonly string[] }
  /** over the time budget: the thread running it was stopped */
  | { readonly kind: 'hang'; readonly ms: number }
  /** the thread died: out of memory, or a native crash */
  | { readonly kind: 'crash'; readonly ms: number; readonly message: string };

/** A thread's heap: a case that needs more is a crash (a blow-up), not a reason to take the machine's memory. */
const HEAP_MB = 1_536;

/**
 * Runs cases (analyse, lint, fix: `checkText`) one at a time in a worker thread, so that a case that never ends
 * can be stopped at its time budget and one that exhausts memory does not take the fuzzer with it.
 */
export class CaseRunner {
  private worker: Worker | undefined;

  /** `previous`: the version an editor would have had before `text` (see `CheckOptions`) */
  async run(filePath: string, text: string, budgetMs: number, previous?: string): Promise<CaseOutcome> {
    const worker = (this.worker ??= new Worker(path.join(__dirname, 'caseWorker.js'), { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } }));
    const started = performance.now();
    return new Promise<CaseOutcome>((resolve) => {
      const onMessage = ({ problems, ms }: { problems: string[]; ms: number }) => done(problems.length > 0 ? { kind: 'problems', ms, problems } : { kind: 'ok', ms });
      const onError = (error: Error) => lost(error.message);
      const onExit = (code: number) => lost(`the worker exited with code ${code}`);
      const done = (outcome: CaseOutcome) => {
        clearTimeout(timer);
        // Only ours: the worker's own listeners keep its message port alive.
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        resolve(outcome);
      };
      const stop = () => {
        this.worker = undefined;
        void worker.terminate();
      };
      const lost = (message: string) => {
        stop();
        done({ kind: 'crash', ms: performance.now() - started, message });
      };
      const timer = setTimeout(() => {
        stop();
        done({ kind: 'hang', ms: performance.now() - started });
      }, budgetMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ path: filePath, text, previous });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
