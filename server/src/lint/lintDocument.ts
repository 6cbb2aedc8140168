import * as path from 'node:path';
import type { AnalyzedDocument } from '../engine/document';
import { Evaluator } from '../evaluate/evaluator';
import { newValues } from '../fix/intent';
import { lookup } from '../model/lookup';
import type { Resource } from '../model/template';
import { allResources, allTemplates } from '../model/walk';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import type { Finding } from './finding';
import { maskSecret } from './mask';
import { locate } from './place';
import type { Report, Rule, RuleContext, RuleTarget, Severity, WorkspaceView } from './ruleApi';
import { applySuppressions } from './suppressions';

export interface LintOptions {
  readonly rules: readonly Rule[];
  /** report unknown values as `info` findings */
  readonly strict?: boolean;
  /** the other files of the workspace, for rules that look across files */
  readonly workspace?: WorkspaceView;
  /** a parameter file that belongs to the template being linted: its values are used instead of defaults */
  readonly parameterFile?: AnalyzedDocument;
  /** severities set by configuration; `off` turns a rule off */
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
}

export interface RuleFailure {
  readonly ruleId: string;
  readonly message: string;
}

export interface LintResult {
  readonly findings: Finding[];
  /** rules that threw: reported, never allowed to stop the others */
  readonly failures: RuleFailure[];
}

const EMPTY_WORKSPACE: WorkspaceView = { templates: [], kubernetesObjects: [] };

function targetsOf(document: AnalyzedDocument): Set<RuleTarget> {
  const targets = new Set<RuleTarget>();
  if (document.template) targets.add('template');
  if (document.parameterFile) targets.add('parameters');
  if (document.kubernetesObjects && document.kubernetesObjects.length > 0) targets.add('kubernetes');
  return targets;
}

/** Runs every applicable rule over one analysed document and locates what they report. */
export function lintDocument(document: AnalyzedDocument, options: LintOptions): LintResult {
  const targets = targetsOf(document);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  if (targets.size === 0) return { findings, failures };

  const lines = new Map<string | undefined, LineIndex>();
  const lineOf = (range: Range, file?: string) => {
    const key = file && options.parameterFile && path.resolve(file) === path.resolve(options.parameterFile.path) ? file : undefined;
    let index = lines.get(key);
    if (!index) {
      index = new LineIndex(key ? options.parameterFile!.text : document.text);
      lines.set(key, index);
    }
    return index.positionAt(range.start).line + 1;
  };

  const templates = document.template ? allTemplates(document.template) : [];
  let byType: Map<string, Resource[]> | undefined;
  const evaluator = new Evaluator(
    options.parameterFile?.parameterFile ? { parameterFile: options.parameterFile.parameterFile, parameterFilePath: options.parameterFile.path, ...(document.template ? { template: document.template } : {}) } : {},
  );

  for (const rule of options.rules) {
    const configured = options.severities?.get(rule.id);
    if (configured === 'off' || !rule.targets.some((t) => targets.has(t))) continue;
    const report = (r: Report) => {
      const { range, related, origin } = locate(r.at, lineOf);
      const extra = (r.related ?? []).map((x) => ({ message: x.message, range: locate(x.at, lineOf).range, ...(x.file ? { file: x.file } : {}) }));
      findings.push({
        ruleId: rule.id,
        severity: configured ?? r.severity ?? rule.severity,
        message: origin ? `${r.message} (${origin})` : r.message,
        range,
        related: [...related, ...extra],
        ...(r.fix ? { fix: r.fix } : {}),
      });
    };
    const context: RuleContext = {
      strict: options.strict ?? false,
      templates,
      resources(type) {
        if (!byType) {
          byType = new Map();
          for (const template of templates) {
            for (const resource of allResources(template)) {
              const key = resource.type.toLowerCase();
              byType.set(key, [...(byType.get(key) ?? []), resource]);
            }
          }
        }
        return byType.get(type.toLowerCase()) ?? [];
      },
      body: (resource) => evaluator.resourceBody(resource),
      get: (resource, propertyPath) => lookup(evaluator.resourceBody(resource), propertyPath),
      evaluate: (expr, template) => evaluator.evaluate(expr, template),
      ...(document.parameterFile ? { parameterFile: document.parameterFile } : {}),
      kubernetesObjects: document.kubernetesObjects ?? [],
      workspace: options.workspace ?? EMPTY_WORKSPACE,
      values: newValues,
      report,
      mask: maskSecret,
      label(resource) {
        if (resource.symbolicName) return `\`${resource.symbolicName}\``;
        const name = evaluator.evaluate(resource.fullName, resource.template);
        if (name.kind === 'string') return `'${name.value}'`;
        // A computed name is shown as written, when it is written in this file.
        const written = templates.includes(resource.template) ? document.text.slice(resource.name.range.start, resource.name.range.end) : '';
        return written && written.length <= 80 ? `\`${written.replace(/^"|"$/g, '')}\`` : `\`${resource.type}\``;
      },
      apiVersionAtLeast: (resource, version) => (resource.apiVersion ?? '').slice(0, 10) >= version,
      cannotVerify(at, what) {
        if (!(options.strict ?? false)) return;
        const value = 'state' in at ? (at.state === 'absent' ? undefined : at.value) : at;
        if (value?.kind !== 'unknown') return;
        report({ message: `cannot verify ${what}: ${value.reason}`, at, severity: 'info' });
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      failures.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings: applySuppressions(document, findings), failures };
}
