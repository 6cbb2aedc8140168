/** What one file's last lint read beyond its own text: the facts whose change can change its findings. */
export interface Reads {
  /** the names of the facts its rules asked the workspace view for */
  readonly facts: ReadonlySet<string>;
  readonly parameterFiles: readonly string[];
}

function add(index: Map<string, Set<string>>, key: string, filePath: string): void {
  let files = index.get(key);
  if (!files) index.set(key, (files = new Set()));
  files.add(filePath);
}

function remove(index: Map<string, Set<string>>, key: string, filePath: string): void {
  const files = index.get(key);
  files?.delete(filePath);
  if (files?.size === 0) index.delete(key);
}

/**
 * Each file's reads, and who read each fact and each parameter file: an edit asks who depends on the file edited,
 * which must not cost a pass over every file of the workspace.
 */
export class ReadsIndex {
  private readonly byFile = new Map<string, Reads>();
  private readonly byFact = new Map<string, Set<string>>();
  private readonly byParameterFile = new Map<string, Set<string>>();

  set(filePath: string, reads: Reads): void {
    this.delete(filePath);
    this.byFile.set(filePath, reads);
    for (const fact of reads.facts) add(this.byFact, fact, filePath);
    for (const parameterFile of reads.parameterFiles) add(this.byParameterFile, parameterFile, filePath);
  }

  delete(filePath: string): void {
    const reads = this.byFile.get(filePath);
    if (!reads) return;
    this.byFile.delete(filePath);
    for (const fact of reads.facts) remove(this.byFact, fact, filePath);
    for (const parameterFile of reads.parameterFiles) remove(this.byParameterFile, parameterFile, filePath);
  }

  /** The files whose last lint asked for the facts named `fact`. */
  readersOf(fact: string): readonly string[] {
    return [...(this.byFact.get(fact) ?? [])];
  }

  /** The files whose last lint used `parameterFile`. */
  usersOf(parameterFile: string): readonly string[] {
    return [...(this.byParameterFile.get(parameterFile) ?? [])];
  }
}
