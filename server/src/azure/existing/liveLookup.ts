import type { DeployedBodies } from '../../lint/existingBodies';
import { deployedBody } from './deployedBody';
import { existingTarget, type ExistingTarget, type LookupDefaults } from './existingId';

/** A GET of the resource: its JSON, or an error whose message says what the user can do (and holds no token). */
export type ReadResource = (target: ExistingTarget) => Promise<Readonly<Record<string, unknown>>>;

export interface LiveLookupOptions {
  readonly defaults: LookupDefaults;
  readonly read: ReadResource;
  /** how long an answer, found or failed, is used before the resource is read again */
  readonly ttlMs: number;
  /** an answer arrived that differs from the last one: lint again the files that may show it */
  readonly onChange: () => void;
  readonly log: (message: string) => void;
}

type Answer = { readonly json: Readonly<Record<string, unknown>> } | { readonly problem: string };

interface Entry {
  answer?: Answer;
  /** when the answer is to be read again */
  expires: number;
  reading: boolean;
}

/**
 * The deployed state of `existing` resources, read in the background: a lint never waits for Azure. It is
 * given what was last read (or nothing, the first time) and the file is linted again when an answer arrives.
 * Each resource is read at most once per `ttlMs`, and a failure is logged once per read.
 */
export class LiveLookup {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: LiveLookupOptions) {}

  readonly bodies: DeployedBodies = (resource, evaluate) => {
    const target = existingTarget(resource, evaluate, this.options.defaults);
    if (!target) return undefined;
    const answer = this.answerFor(target);
    if (!answer) return undefined;
    if ('problem' in answer) return { problem: answer.problem };
    return deployedBody(resource, evaluate(resource.body, resource.template), target.id, answer.json);
  };

  private answerFor(target: ExistingTarget): Answer | undefined {
    const key = target.id.toLowerCase();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { expires: 0, reading: false };
      this.entries.set(key, entry);
    }
    if (!entry.reading && Date.now() >= entry.expires) void this.readInto(target, entry);
    return entry.answer;
  }

  private async readInto(target: ExistingTarget, entry: Entry): Promise<void> {
    entry.reading = true;
    let answer: Answer;
    try {
      answer = { json: await this.options.read(target) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      answer = { problem: `the deployed resource ${target.id} could not be looked up, so the rules judge it by what this file says: ${reason}` };
      this.options.log(`ztlint: ${answer.problem}`);
    }
    const changed = JSON.stringify(answer) !== JSON.stringify(entry.answer);
    entry.answer = answer;
    entry.expires = Date.now() + this.options.ttlMs;
    entry.reading = false;
    if (changed) this.options.onChange();
  }
}
