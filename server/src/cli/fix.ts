import * as fs from 'node:fs';
import { scanLinter, type LintedFile, type LintOptionsForScan } from '../engine/lintScan';
import type { ScanResult } from '../engine/scan';
import { applyFixes } from '../fix/applyFixes';
import { decodeText } from '../text/decode';

/** A file that safe fixes change: its text before and after, exactly as on disk (byte order mark included). */
export interface FixedFile {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** how many fixes were applied */
  readonly applied: number;
}

const BOM = '\ufeff';

/**
 * Applies every safe fix to the scanned files, in memory. Each file is re-linted as the scan lints it (with its
 * workspace and parameter files) after each pass, so fixes that reveal or settle other findings are handled.
 */
export function fixScan(scan: ScanResult, linted: readonly LintedFile[], options: LintOptionsForScan): FixedFile[] {
  const lint = scanLinter(scan, options);
  const fixed: FixedFile[] = [];
  for (const { result, findings } of linted) {
    if (result.kind !== 'analyzed' || !findings.some((f) => f.fix?.safe && !f.suppression)) continue;
    // The scan drops the byte order mark; read it back so that the file keeps it.
    const decoded = decodeText(fs.readFileSync(result.path));
    if (!decoded.ok || decoded.text !== result.document.text) continue;
    const outcome = applyFixes(result.path, decoded.text, (document) => lint(document).findings);
    if (outcome.text === decoded.text) continue;
    const bom = decoded.hadBom ? BOM : '';
    fixed.push({ path: result.path, before: bom + decoded.text, after: bom + outcome.text, applied: outcome.applied });
  }
  return fixed;
}
