/** The engine's finding for a file whose time budget ran out. */
export const ANALYSIS_TIMEOUT = 'analysis-timeout';

/**
 * How long one file may take to read its YAML, and then in the rules (model evaluation included), when the config
 * does not say.
 */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 10_000;

/** Thrown through a rule or the evaluator when a file's time is up; the engine catches it, never a rule. */
export class AnalysisTimedOut extends Error {
  constructor(
    readonly timeoutMs: number,
    /** what was running: a rule's id, or the phase */
    readonly during: string,
  ) {
    super(`analysis timed out after ${timeoutMs} ms (in ${during})`);
  }
}

/** Reading the clock on every evaluation step would cost more than the steps; once per this many is enough. */
const CALLS_PER_CLOCK_READ = 256;

/**
 * A per-file time budget. JavaScript cannot interrupt a running rule, so the engine checks it between rules and
 * the evaluator checks it as it steps: a slow rule is stopped at its next evaluation or report.
 */
export class Deadline {
  private readonly endsAt: number;
  private calls = 0;
  /** what is running now, to name it in the message */
  during = 'analysis';

  constructor(
    readonly timeoutMs: number,
    /** the clock in milliseconds; tests pass one that advances per reading, so that where a cut falls does not depend on the machine's load */
    private readonly now: () => number = Date.now,
  ) {
    this.endsAt = now() + timeoutMs;
  }

  /** Throws `AnalysisTimedOut` when the time is up; cheap enough to call in inner loops. */
  readonly check = (): void => {
    if (++this.calls % CALLS_PER_CLOCK_READ !== 0) return;
    this.checkNow();
  };

  checkNow(): void {
    this.checkTimeLeft(0);
  }

  /** Throws `AnalysisTimedOut` now when less than `ms` is left: before work that cannot be stopped once begun. */
  checkTimeLeft(ms: number): void {
    if (this.now() + ms > this.endsAt) throw new AnalysisTimedOut(this.timeoutMs, this.during);
  }

  /** Whether the time is up, read now: for work that may still be kept or left only if it finished in time. */
  get expired(): boolean {
    return this.now() > this.endsAt;
  }
}
