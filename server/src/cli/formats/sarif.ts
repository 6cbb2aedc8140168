import { pathToFileURL } from 'node:url';
import type { AnalyzedDocument } from '../../engine/document';
import { FINGERPRINT_KEY, fingerprints } from '../../engine/baseline';
import type { Catalogue } from '../../lint/catalogue';
import type { Finding } from '../../lint/finding';
import type { Severity } from '../../lint/ruleApi';
import type { SyntaxSeverity } from '../../text/syntaxDiagnostic';
import { TOOL_INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from '../../version';
import { displayPath, regionOf } from './location';
import { editsByFile } from '../../fix/fileEdits';
import type { BaselineInUse, Report } from './report';

export const LEVEL: Record<Severity | SyntaxSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security alerts by this score (0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

/** The first paragraph of a docs page's "Why" section: the rule's full description. */
function whyOf(docs: string | undefined): string | undefined {
  const why = docs?.split(/^## Why\s*$/m)[1];
  // Each run of spaces that breaks a line becomes one space. Matched as a whole run: `\s*\n\s*` would retry a run of
  // spaces from each of its characters, quadratic in its length.
  return why?.trim().split(/\n\s*\n/)[0]?.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}

/**
 * A finding's fix as a SARIF `fix`, when its edits can be written: in the finding's file and in the parameter file
 * that supplies a value it changes. Regions count in each file's text.
 */
function sarifFixes(document: AnalyzedDocument, finding: Finding, documents: ReadonlyMap<string, AnalyzedDocument>, locationOf: (filePath: string) => object): object {
  if (!finding.fix) return {};
  const edits = finding.fixEdits ?? editsByFile(document, finding.fix, documents);
  if (!edits || [...edits.values()].every((e) => e.length === 0)) return {};
  const artifactChanges = [...edits].map(([file, fileEdits]) => ({
    artifactLocation: locationOf(file),
    replacements: fileEdits.map((edit) => ({ deletedRegion: regionOf(documents.get(file)!, edit.range), insertedContent: { text: edit.newText } })),
  }));
  return { fixes: [{ description: { text: finding.fix.title }, artifactChanges, properties: { safe: finding.fix.safe } }] };
}

/**
 * Against a baseline, a result is new or unchanged; an unchanged one is also suppressed (accepted, externally), so
 * that code scanning and SARIF viewers do not count it, as the run does not.
 */
function baselineMarks(baseline: BaselineInUse | undefined, fingerprint: string): object {
  return baseline ? { baselineState: baseline.accepted.has(fingerprint) ? 'unchanged' : 'new' } : {};
}

function suppressionsOf(finding: Finding, baseline: BaselineInUse | undefined, fingerprint: string): object {
  const suppressions = [
    ...(finding.suppression ? [{ kind: 'inSource', justification: finding.suppression.reason }] : []),
    ...(baseline?.accepted.has(fingerprint) ? [{ kind: 'external', status: 'accepted', justification: `recorded in the baseline ${baseline.file}` }] : []),
  ];
  return suppressions.length > 0 ? { suppressions } : {};
}

/** The catalogue's rules as SARIF reporting descriptors, shared by every SARIF log ztlint writes. */
export function sarifRules(catalogue: Catalogue) {
  return catalogue.descriptors.map((rule) => {
    const docs = catalogue.docs(rule.id);
    const helpUri = catalogue.docsUri(rule.id);
    return {
      id: rule.id,
      name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.title },
      fullDescription: { text: whyOf(docs) ?? rule.title },
      // GitHub code scanning requires `help` on every rule; the engine's own checks have no docs page.
      help: docs ? { text: docs, markdown: docs } : { text: rule.title },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { tags: ['security', rule.area, rule.principle], precision: 'high', 'security-severity': SECURITY_SEVERITY[rule.severity] },
    };
  });
}

/**
 * SARIF 2.1.0 for code scanning. Problems reading a file are not findings about the code, so they are tool
 * execution notifications (shown as tool warnings), each with the file's location.
 */
export function formatSarif({ files, catalogue, base, baseline }: Report): string {
  const locationOf = (filePath: string) => ({ uri: encodeURI(displayPath(filePath, base)), uriBaseId: '%SRCROOT%' });
  const rules = sarifRules(catalogue);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = files
    .filter(({ result }) => result.kind === 'unreadable' || result.document.format !== 'not-linted')
    .map(({ result }) => ({ location: locationOf(result.path), ...(result.kind === 'analyzed' ? { properties: { format: result.document.format } } : {}) }));
  const notifications = files.flatMap(({ result, failures }) => {
    const artifactLocation = locationOf(result.path);
    if (result.kind === 'unreadable') {
      return [{ level: 'error', message: { text: result.message }, descriptor: { id: 'file-unreadable' }, locations: [{ physicalLocation: { artifactLocation } }] }];
    }
    const { document } = result;
    return [
      ...document.diagnostics.map((d) => ({ level: LEVEL[d.severity], message: { text: d.message }, descriptor: { id: d.code }, locations: [{ physicalLocation: { artifactLocation, region: regionOf(document, d.range) } }] })),
      ...failures.map((f) => ({ level: 'error', message: { text: `rule ${f.ruleId} failed: ${f.message}` }, descriptor: { id: 'rule-failure' }, associatedRule: { id: f.ruleId }, locations: [{ physicalLocation: { artifactLocation } }] })),
    ];
  });
  const documents = new Map(files.flatMap(({ result }) => (result.kind === 'analyzed' ? [[result.path, result.document] as const] : [])));
  const results = files.flatMap(({ result, findings }) => {
    if (result.kind !== 'analyzed') return [];
    const { document } = result;
    const artifactLocation = locationOf(result.path);
    const prints = fingerprints(displayPath(result.path, base), document.text, findings);
    return findings.map((f, i) => ({
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: regionOf(document, f.range) } }],
      ...(f.related.length > 0
        ? {
            relatedLocations: f.related.map((r, id) => {
              const owner = r.file ? documents.get(r.file) : document;
              return { id, message: { text: r.message }, physicalLocation: { artifactLocation: locationOf(r.file ?? result.path), ...(owner ? { region: regionOf(owner, r.range) } : {}) } };
            }),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
      ...baselineMarks(baseline, prints[i]),
      ...sarifFixes(document, f, documents, locationOf),
      ...suppressionsOf(f, baseline, prints[i]),
    }));
  });
  return sarifLog(base, rules, notifications, { artifacts, results });
}

/** A SARIF log of one ztlint run: the tool with its rules, `%SRCROOT%` at `base`, and what the run adds (results...). */
export function sarifLog(base: string, rules: readonly object[], notifications: readonly object[], run: object): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: TOOL_INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(base).href.replace(/\/?$/, '/') } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        ...run,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
