import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Rule, RuleMeta } from './ruleApi';
import { ANALYSIS_TIMEOUT } from './deadline';
import { SUPPRESSION_MISSING_REASON, SUPPRESSION_UNUSED } from './suppressions';

/** What the rules package exports (`rules/src/index.ts`). */
interface RulesPackage {
  readonly rules: readonly Rule[];
  docsPath(rule: Pick<Rule, 'id' | 'area'>): string;
}

export const DOCS_BASE_URI = 'https://github.com/ztlint/ztlint/blob/main/rules/src';

/** Checks the engine makes itself: listed with the rules so outputs can describe them. */
const ENGINE_CHECKS: readonly RuleMeta[] = [
  { id: SUPPRESSION_MISSING_REASON, title: 'A suppression gives no reason', severity: 'warning', area: 'monitoring', principle: 'verify-explicitly', targets: ['template', 'parameters', 'kubernetes'], fixable: false },
  { id: SUPPRESSION_UNUSED, title: 'A suppression suppresses nothing', severity: 'warning', area: 'monitoring', principle: 'verify-explicitly', targets: ['template', 'parameters', 'kubernetes'], fixable: false },
  { id: ANALYSIS_TIMEOUT, title: 'A file took longer than its time budget (analysisTimeoutMs); the rules left did not run', severity: 'warning', area: 'monitoring', principle: 'verify-explicitly', targets: ['template', 'parameters', 'kubernetes'], fixable: false },
];

export interface Catalogue {
  /** the rules to run */
  readonly rules: readonly Rule[];
  /** everything that can produce a finding: the rules and the engine's own checks */
  readonly descriptors: readonly RuleMeta[];
  meta(ruleId: string): RuleMeta | undefined;
  /** the rule's docs page (Markdown), read once */
  docs(ruleId: string): string | undefined;
  docsUri(ruleId: string): string | undefined;
}

let builtin: Catalogue | undefined;

/** Rules with the pages that document them. */
interface RuleSource {
  readonly rules: readonly Rule[];
  docsPath(rule: Rule): string;
  docsUri(rule: Rule): string;
}

function builtinSource(): RuleSource {
  // Loaded by name so that the rules package, which uses the engine's types, is not a build dependency.
  const pkg = require('@ztlint/rules') as RulesPackage;
  return { rules: pkg.rules, docsPath: (rule) => pkg.docsPath(rule), docsUri: (rule) => `${DOCS_BASE_URI}/${rule.area}/${rule.id}.md` };
}

/** The rules that ship with ztlint. */
export function builtinCatalogue(): Catalogue {
  builtin ??= catalogueOf([builtinSource()]);
  return builtin;
}

/** A user's own rule and the Markdown page beside its module. */
export interface CustomRule {
  readonly rule: Rule;
  readonly docsFile: string;
}

/** The built-in rules and the user's own (loaded and checked by `loadCustomRules`). */
export function catalogueWithCustomRules(custom: readonly CustomRule[]): Catalogue {
  if (custom.length === 0) return builtinCatalogue();
  const docsFiles = new Map(custom.map((c) => [c.rule, c.docsFile]));
  const source: RuleSource = { rules: custom.map((c) => c.rule), docsPath: (rule) => docsFiles.get(rule)!, docsUri: (rule) => pathToFileURL(docsFiles.get(rule)!).href };
  return catalogueOf([builtinSource(), source]);
}

function catalogueOf(sources: readonly RuleSource[]): Catalogue {
  const rules = sources.flatMap((s) => s.rules);
  const sourceOf = new Map(sources.flatMap((s) => s.rules.map((r) => [r.id, { rule: r, source: s }] as const)));
  const byId = new Map<string, RuleMeta>([...rules, ...ENGINE_CHECKS].map((r) => [r.id, r]));
  const docs = new Map<string, string | undefined>();
  return {
    rules,
    descriptors: [...rules, ...ENGINE_CHECKS],
    meta: (id) => byId.get(id),
    docs(id) {
      if (!docs.has(id)) {
        const found = sourceOf.get(id);
        let text: string | undefined;
        try {
          text = found ? fs.readFileSync(found.source.docsPath(found.rule), 'utf8') : undefined;
        } catch {
          text = undefined;
        }
        docs.set(id, text);
      }
      return docs.get(id);
    },
    docsUri(id) {
      const found = sourceOf.get(id);
      return found ? found.source.docsUri(found.rule) : undefined;
    },
  };
}

/**
 * A catalogue whose rules are settled once the language server knows its workspace (custom rules need the folder
 * and the workspace's trust), for the parts of the server that are built before that.
 */
export function settledLater(initial: Catalogue): { readonly catalogue: Catalogue; settle(next: Catalogue): void } {
  let current = initial;
  const catalogue: Catalogue = {
    get rules() {
      return current.rules;
    },
    get descriptors() {
      return current.descriptors;
    },
    meta: (id) => current.meta(id),
    docs: (id) => current.docs(id),
    docsUri: (id) => current.docsUri(id),
  };
  return { catalogue, settle: (next) => (current = next) };
}
