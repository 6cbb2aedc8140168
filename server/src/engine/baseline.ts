import { createHash } from 'node:crypto';
import type { Finding } from '../lint/finding';
import { LineIndex } from '../text/lineIndex';
import type { LintedFile } from './lintScan';

/** The key of the fingerprint in SARIF `partialFingerprints`; bump the version if the recipe changes. */
export const FINGERPRINT_KEY = 'ztlintFingerprint/v1';

export const BASELINE_VERSION = 1;

/**
 * The source a finding points at, whitespace-normalised. Only its first line counts: a finding on a whole
 * resource would otherwise change with any edit inside the resource. An empty range counts as its line.
 */
function sourceOf(text: string, lines: LineIndex, finding: Finding): string {
  const firstLine = (s: string) => s.split(/\r?\n|\r/)[0].replace(/\s+/g, ' ').trim();
  const lineStart = finding.range.start - lines.positionAt(finding.range.start).character;
  return firstLine(text.slice(finding.range.start, finding.range.end)) || firstLine(text.slice(lineStart));
}

/**
 * A fingerprint per finding (in the same order) that survives lines moving: a hash of the rule id, the file's
 * path as reports show it, the source the finding points at, and which of the identical ones it is. Line numbers
 * and messages are left out on purpose: messages quote line numbers.
 */
export function fingerprints(displayPath: string, text: string, findings: readonly Finding[]): string[] {
  const lines = new LineIndex(text);
  const seen = new Map<string, number>();
  const ordered = findings.map((finding, order) => ({ finding, order })).sort((a, b) => a.finding.range.start - b.finding.range.start || a.order - b.order);
  const result: string[] = new Array(findings.length);
  for (const { finding, order } of ordered) {
    const key = JSON.stringify([finding.ruleId, displayPath, sourceOf(text, lines, finding)]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    result[order] = createHash('sha256').update(`${key}#${occurrence}`).digest('hex').slice(0, 32);
  }
  return result;
}

export interface BaselineEntry {
  readonly ruleId: string;
  readonly path: string;
  readonly fingerprint: string;
}

/** The findings of linted files as baseline entries; suppressed findings are already accepted and left out. */
export function baselineEntries(files: readonly LintedFile[], displayPath: (filePath: string) => string): BaselineEntry[] {
  return files.flatMap(({ result, findings }) => {
    if (result.kind !== 'analyzed') return [];
    const path = displayPath(result.path);
    const prints = fingerprints(path, result.document.text, findings);
    return findings.flatMap((f, i) => (f.suppression ? [] : [{ ruleId: f.ruleId, path, fingerprint: prints[i] }]));
  });
}

export function baselineJson(entries: readonly BaselineEntry[]): string {
  return JSON.stringify({ version: BASELINE_VERSION, findings: entries }, null, 2) + '\n';
}

/** The fingerprints a baseline file accepts, or why it cannot be used. */
export function parseBaseline(text: string): { readonly fingerprints: ReadonlySet<string> } | { readonly error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  const { version, findings } = (parsed ?? {}) as { version?: unknown; findings?: unknown };
  if (version !== BASELINE_VERSION) return { error: `unsupported baseline version ${JSON.stringify(version)} (expected ${BASELINE_VERSION}); write it again with --write-baseline` };
  if (!Array.isArray(findings) || !findings.every((f) => typeof (f as BaselineEntry | null)?.fingerprint === 'string')) return { error: '"findings" must be a list of { ruleId, path, fingerprint }' };
  return { fingerprints: new Set(findings.map((f: BaselineEntry) => f.fingerprint)) };
}

/** The linted files without the findings a baseline accepts. */
export function withoutBaselined(files: readonly LintedFile[], accepted: ReadonlySet<string>, displayPath: (filePath: string) => string): LintedFile[] {
  return files.map((file) => {
    if (file.result.kind !== 'analyzed') return file;
    const prints = fingerprints(displayPath(file.result.path), file.result.document.text, file.findings);
    return { ...file, findings: file.findings.filter((_, i) => !accepted.has(prints[i])) };
  });
}
