import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { displayPath, regionOf } from './location';
import type { Report } from './report';

/** A stable machine-readable report: one entry per file with its format, parse problems and findings. */
export function formatJson({ files, base }: Report): string {
  const entries = files.map(({ result, findings, failures }) => {
    const path = displayPath(result.path, base);
    if (result.kind === 'unreadable') return { path, format: null, readError: result.message, diagnostics: [], findings: [] };
    const { document } = result;
    return {
      path,
      format: document.format,
      diagnostics: document.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, ...regionOf(document, d.range) })),
      findings: findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        ...regionOf(document, f.range),
        ...(f.fix ? { fix: { title: f.fix.title, safe: f.fix.safe } } : {}),
        ...(f.suppression ? { suppressed: { reason: f.suppression.reason } } : {}),
      })),
      ...(failures.length > 0 ? { ruleFailures: failures } : {}),
    };
  });
  return JSON.stringify({ tool: { name: TOOL_NAME, version: TOOL_VERSION }, files: entries }, null, 2) + '\n';
}
