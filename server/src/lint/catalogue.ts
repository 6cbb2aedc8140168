import * as fs from 'node:fs';
import type { Rule, RuleMeta } from './ruleApi';
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

/** The rules that ship with ztlint. */
export function builtinCatalogue(): Catalogue {
  // Loaded by name so that the rules package, which uses the engine's types, is not a build dependency.
  builtin ??= catalogueOf(require('@ztlint/rules') as RulesPackage);
  return builtin;
}

function catalogueOf(pkg: RulesPackage): Catalogue {
  const byId = new Map<string, RuleMeta>([...pkg.rules, ...ENGINE_CHECKS].map((r) => [r.id, r]));
  const docs = new Map<string, string | undefined>();
  return {
    rules: pkg.rules,
    descriptors: [...pkg.rules, ...ENGINE_CHECKS],
    meta: (id) => byId.get(id),
    docs(id) {
      if (!docs.has(id)) {
        const rule = pkg.rules.find((r) => r.id === id);
        let text: string | undefined;
        try {
          text = rule ? fs.readFileSync(pkg.docsPath(rule), 'utf8') : undefined;
        } catch {
          text = undefined;
        }
        docs.set(id, text);
      }
      return docs.get(id);
    },
    docsUri(id) {
      const rule = pkg.rules.find((r) => r.id === id);
      return rule ? `${DOCS_BASE_URI}/${rule.area}/${rule.id}.md` : undefined;
    },
  };
}
