import type { Finding } from '../lint/finding';
import type { Catalogue } from '../lint/catalogue';
import { lintDocument, type RuleFailure } from '../lint/lintDocument';
import type { WorkspaceView } from '../lint/ruleApi';
import { allTemplates } from '../model/walk';
import type { AnalyzedDocument } from './document';
import { parameterFilesFor } from './parameterFiles';
import type { FileResult, ScanResult } from './scan';

export interface LintedFile {
  readonly result: FileResult;
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
}

export interface LintOptionsForScan {
  readonly catalogue: Catalogue;
  readonly strict?: boolean;
}

/** The workspace as the rules of one file see it: every other analysed file's templates and objects. */
function workspaceViews(documents: readonly AnalyzedDocument[]): (document: AnalyzedDocument) => WorkspaceView {
  const templates = documents.flatMap((d) => (d.template ? allTemplates(d.template).map((template) => ({ file: d.path, template })) : []));
  const kubernetesObjects = documents.flatMap((d) => (d.kubernetesObjects ?? []).map((object) => ({ file: d.path, object })));
  return (document) => ({
    templates: templates.filter((t) => t.file !== document.path),
    kubernetesObjects: kubernetesObjects.filter((o) => o.file !== document.path),
  });
}

const findingKey = (f: Finding) => `${f.ruleId}@${f.range.start}:${f.range.end}`;

/**
 * Lints every analysed file of a scan. A template is linted on its own and then with each parameter file that
 * belongs to it; what only a parameter file's values reveal is added to the template's findings.
 */
export function lintScan(scan: ScanResult, options: LintOptionsForScan): LintedFile[] {
  const documents = scan.files.flatMap((f) => (f.kind === 'analyzed' ? [f.document] : []));
  const viewFor = workspaceViews(documents);
  return scan.files.map((result) => {
    if (result.kind !== 'analyzed') return { result, findings: [], failures: [] };
    const { document } = result;
    const base = { rules: options.catalogue.rules, strict: options.strict ?? false, workspace: viewFor(document) };
    const own = lintDocument(document, base);
    const findings = [...own.findings];
    const failures = [...own.failures];
    const seen = new Set(findings.map(findingKey));
    for (const parameterFile of parameterFilesFor(document, documents)) {
      const withValues = lintDocument(document, { ...base, parameterFile });
      for (const finding of withValues.findings) {
        if (seen.has(findingKey(finding))) continue;
        seen.add(findingKey(finding));
        findings.push(finding);
      }
      failures.push(...withValues.failures);
    }
    findings.sort((a, b) => a.range.start - b.range.start);
    return { result, findings, failures };
  });
}
