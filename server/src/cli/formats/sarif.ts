import { pathToFileURL } from 'node:url';
import type { AnalyzedDocument } from '../../engine/document';
import { FINGERPRINT_KEY, fingerprints } from '../../engine/baseline';
import { editsForFix } from '../../fix/applyFixes';
import type { Finding } from '../../lint/finding';
import type { Severity } from '../../lint/ruleApi';
import type { SyntaxSeverity } from '../../text/syntaxDiagnostic';
import { TOOL_INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from '../../version';
import { displayPath, regionOf } from './location';
import type { Report } from './report';

const LEVEL: Record<Severity | SyntaxSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security alerts by this score (0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

/** The first paragraph of a docs page's "Why" section: the rule's full description. */
function whyOf(docs: string | undefined): string | undefined {
  const why = docs?.split(/^## Why\s*$/m)[1];
  return why?.trim().split(/\n\s*\n/)[0]?.replace(/\s*\n\s*/g, ' ');
}

/** A finding's fix as a SARIF `fix`, when its edits can be written in the file; regions count in the file's text. */
function sarifFixes(document: AnalyzedDocument, finding: Finding, artifactLocation: object): object {
  if (!finding.fix) return {};
  const result = editsForFix(document, finding.fix);
  if ('error' in result || result.edits.length === 0) return {};
  const replacements = result.edits.map((edit) => ({ deletedRegion: regionOf(document, edit.range), insertedContent: { text: edit.newText } }));
  return { fixes: [{ description: { text: finding.fix.title }, artifactChanges: [{ artifactLocation, replacements }], properties: { safe: finding.fix.safe } }] };
}

/**
 * SARIF 2.1.0 for code scanning. Problems reading a file are not findings about the code, so they are tool
 * execution notifications (shown as tool warnings), each with the file's location.
 */
export function formatSarif({ files, catalogue, base }: Report): string {
  const locationOf = (filePath: string) => ({ uri: encodeURI(displayPath(filePath, base)), uriBaseId: '%SRCROOT%' });
  const rules = catalogue.descriptors.map((rule) => {
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
      ...sarifFixes(document, f, artifactLocation),
      ...(f.suppression ? { suppressions: [{ kind: 'inSource', justification: f.suppression.reason }] } : {}),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: TOOL_INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(base).href.replace(/\/?$/, '/') } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        artifacts,
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
