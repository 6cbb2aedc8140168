import type { ScanResult } from '../../engine/scan';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { displayPath, regionOf } from './location';

/** A stable machine-readable report: one entry per file with its format and problems. */
export function formatJson(result: ScanResult, base: string): string {
  const files = result.files.map((file) => {
    const path = displayPath(file.path, base);
    if (file.kind === 'unreadable') return { path, format: null, readError: file.message, diagnostics: [] };
    const { document } = file;
    return {
      path,
      format: document.format,
      diagnostics: document.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, ...regionOf(document, d.range) })),
    };
  });
  return JSON.stringify({ tool: { name: TOOL_NAME, version: TOOL_VERSION }, files }, null, 2) + '\n';
}
