import type { Finding } from '../lint/finding';
import { maskSecret } from '../lint/mask';
import { unifiedDiff } from './diff';
import type { FixedFile } from './fix';

export interface FixPatch {
  /** the unified diff of every fixed file */
  readonly text: string;
  /** lines of it where a detected secret is masked: `git apply` refuses their hunks */
  readonly maskedLines: number;
}

/**
 * The pieces of detected secrets to look for in source lines: a secret written over several lines (a key in a YAML
 * block) is masked line by line, without the indentation the file gives it. Longest first, so that a secret that
 * contains another is masked whole.
 */
function secretPieces(findings: readonly Finding[]): string[] {
  const pieces = new Set(findings.flatMap((f) => f.secrets ?? []).flatMap((secret) => secret.split(/\r?\n|\r/).map((line) => line.trim())));
  return [...pieces].filter((piece) => piece.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * `--fix-dry-run`'s output: the fixes as a unified diff, with the secrets the findings detected masked as the
 * findings mask them, on every line that carries one (removed, added or context).
 */
export function fixPatch(fixed: readonly FixedFile[], findings: readonly Finding[], shown: (filePath: string) => string): FixPatch {
  const pieces = secretPieces(findings);
  let maskedLines = 0;
  const lines = fixed
    .map((f) => unifiedDiff(`a/${shown(f.path)}`, `b/${shown(f.path)}`, f.before, f.after))
    .join('')
    .split('\n')
    .map((line) => {
      const masked = pieces.reduce((text, piece) => text.replaceAll(piece, maskSecret(piece)), line);
      if (masked !== line) maskedLines++;
      return masked;
    });
  return { text: lines.join('\n'), maskedLines };
}
