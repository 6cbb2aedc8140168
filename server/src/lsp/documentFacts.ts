import type { CollectedFacts, FactCollection } from '../lint/collectFacts';

/**
 * An open document's workspace facts, collected when first asked for: most often by its own lint, with the values
 * its rules evaluated (see `LintOptions.collectFacts`), after its diagnostics are out. A version the editor replaced
 * before anything asked is never collected: its tree may already be edited into the next version's (the readers
 * of arm/templateCache and kubernetes/manifestCache edit in place), and the other files last saw the facts of an
 * earlier version, which it answers instead.
 */
export class DocumentFacts {
  private collection: FactCollection | undefined;
  private replaced = false;

  constructor(
    private readonly collect: () => FactCollection,
    /** the facts of the version before, as the other files last saw them */
    private readonly earlier: CollectedFacts,
  ) {}

  static collected(collection: FactCollection): DocumentFacts {
    const facts = new DocumentFacts(() => collection, collection.facts);
    facts.collection = collection;
    return facts;
  }

  get known(): boolean {
    return this.collection !== undefined;
  }

  /** The facts, and the failures of collecting them; a replaced version's never-collected facts are the earlier ones. */
  get(): FactCollection {
    if (this.collection) return this.collection;
    if (this.replaced) return { facts: this.earlier, failures: [] };
    this.collection = this.collect();
    return this.collection;
  }

  /** What a lint collected with its own values. */
  provide(collection: FactCollection): void {
    this.collection ??= collection;
  }

  /** The editor has a newer version: from now on this one's facts are what was known of it. */
  replace(): void {
    this.replaced = true;
  }
}
