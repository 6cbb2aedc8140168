import type { AnalyzedDocument } from '../engine/document';
import type { ObjectExpr } from '../model/expr';
import { property } from '../model/lookup';
import { allResources, allTemplates } from '../model/walk';
import type { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import { didYouMean } from '../config/suggest';
import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
import type { Finding } from './finding';

/** The checks a suppression itself is subject to; they are findings like any rule's. */
export const SUPPRESSION_MISSING_REASON = 'suppression-missing-reason';
export const SUPPRESSION_UNUSED = 'suppression-unused';

/** `// ztlint-disable-next-line rule-a, rule-b -- why` (or `#` in YAML) */
const NEXT_LINE_DIRECTIVE = /^\s*ztlint-disable-next-line\b(.*)$/s;
/** ARM: `"metadata": { "ztlint-disable": { "rule-id": "why" } }` on a resource (strict JSON has no comments) */
const ARM_METADATA_KEY = 'ztlint-disable';
/** Kubernetes: `ztlint.dev/disable: "rule-id -- why"`, one rule per line or `;`-separated */
export const KUBERNETES_ANNOTATION = 'ztlint.dev/disable';

interface Directive {
  readonly rules: readonly string[];
  readonly reason: string;
  readonly range: Range;
  readonly covers: (finding: Finding) => boolean;
}

function splitRulesAndReason(text: string): { rules: string[]; reason: string } {
  const separator = text.indexOf('--');
  const rulesPart = separator < 0 ? text : text.slice(0, separator);
  const reason = separator < 0 ? '' : text.slice(separator + 2).trim();
  return { rules: rulesPart.split(/[\s,]+/).filter(Boolean), reason };
}

function commentDirectives(document: AnalyzedDocument, lines: () => LineIndex): Directive[] {
  const directives: Directive[] = [];
  for (const comment of document.comments) {
    const match = NEXT_LINE_DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const index = lines();
    const target = index.positionAt(comment.range.end).line + 1;
    directives.push({ ...splitRulesAndReason(match[1]), range: comment.range, covers: (f) => index.positionAt(f.range.start).line === target });
  }
  return directives;
}

function entry(object: ObjectExpr | undefined, key: string): ObjectExpr | undefined {
  const found = object?.entries.find((e) => e.kind === 'property' && e.key !== undefined && equalsIgnoringCase(e.key, key));
  return found?.kind === 'property' && found.value.kind === 'object' ? found.value : undefined;
}

function armMetadataDirectives(document: AnalyzedDocument): Directive[] {
  if (document.format !== 'arm-template' || !document.template) return [];
  const directives: Directive[] = [];
  for (const template of allTemplates(document.template)) {
    for (const resource of allResources(template)) {
      const disabled = entry(entry(resource.body, 'metadata'), ARM_METADATA_KEY);
      for (const rule of disabled?.entries ?? []) {
        if (rule.kind !== 'property' || rule.key === undefined) continue;
        const reason = rule.value.kind === 'literal' && typeof rule.value.value === 'string' ? rule.value.value.trim() : '';
        const within = resource.range;
        directives.push({ rules: [rule.key], reason, range: rule.range, covers: (f) => within.start <= f.range.start && f.range.end <= within.end });
      }
    }
  }
  return directives;
}

function kubernetesDirectives(document: AnalyzedDocument): Directive[] {
  const directives: Directive[] = [];
  for (const object of document.kubernetesObjects ?? []) {
    const metadata = property(object.value, 'metadata')?.value;
    const annotations = metadata?.kind === 'object' ? property(metadata, 'annotations')?.value : undefined;
    const annotation = annotations?.kind === 'object' ? property(annotations, KUBERNETES_ANNOTATION) : undefined;
    if (!annotation || annotation.value.kind !== 'string') continue;
    const within = object.range;
    for (const line of annotation.value.value.split(/[\n;]/)) {
      if (!line.trim()) continue;
      directives.push({ ...splitRulesAndReason(line), range: annotation.range, covers: (f) => within.start <= f.range.start && f.range.end <= within.end });
    }
  }
  return directives;
}

/**
 * Marks the findings that a suppression covers (they stay in the list, for SARIF's `suppressions`), and reports
 * suppressions without a reason or that suppress nothing. `lines` is the document's line index, which the caller
 * has built (or will) to locate the findings.
 */
export function applySuppressions(document: AnalyzedDocument, findings: readonly Finding[], knownRuleIds: readonly string[], lines: () => LineIndex): Finding[] {
  const directives = [...commentDirectives(document, lines), ...armMetadataDirectives(document), ...kubernetesDirectives(document)];
  if (directives.length === 0) return [...findings];
  const used = new Set<Directive>();
  const result = findings.map((finding) => {
    const directive = directives.find((d) => d.rules.includes(finding.ruleId) && d.covers(finding));
    if (!directive) return finding;
    used.add(directive);
    return { ...finding, suppression: { reason: directive.reason, range: directive.range } };
  });
  for (const directive of directives) {
    const named = directive.rules.join(', ') || 'no rule';
    if (!directive.reason) {
      result.push({ ruleId: SUPPRESSION_MISSING_REASON, severity: 'warning', message: `Suppression of ${named} gives no reason: add one after \`--\``, range: directive.range, related: [] });
    }
    if (!used.has(directive)) {
      // A misspelt id is the usual reason, and the one worth saying.
      const unknown = knownRuleIds.length > 0 ? directive.rules.filter((id) => !knownRuleIds.includes(id)) : [];
      const why = unknown.map((id) => `; no rule has the id '${id}'${didYouMean(id, knownRuleIds)}`).join('');
      result.push({ ruleId: SUPPRESSION_UNUSED, severity: 'warning', message: `Suppression of ${named} suppresses nothing${why}: ${why ? 'correct or remove it' : 'remove it'}`, range: directive.range, related: [] });
    }
  }
  return result.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
}
