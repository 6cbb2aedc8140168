import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CustomRule } from './catalogue';
import { SEVERITIES, type Area, type Principle, type Rule, type RuleTarget, type Severity } from './ruleApi';

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const AREAS: readonly Area[] = ['keyvault', 'network', 'secrets', 'identity', 'kubernetes', 'data', 'monitoring'];
const PRINCIPLES: readonly Principle[] = ['verify-explicitly', 'least-privilege', 'assume-breach'];
const TARGETS: readonly RuleTarget[] = ['template', 'parameters', 'kubernetes'];

export type CustomRulesResult = { readonly ok: true; readonly rules: readonly CustomRule[] } | { readonly ok: false; readonly problems: readonly string[] };

const listed = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

function isWorkspaceFacts(candidate: unknown): boolean {
  const { name, collect } = (candidate ?? {}) as Record<string, unknown>;
  return typeof name === 'string' && name !== '' && typeof collect === 'function';
}

/** What is wrong with an exported value as a rule, or nothing. */
function ruleProblems(candidate: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const { id, title, severity, area, principle, targets, fixable, check, workspaceFacts } = candidate;
  if (typeof id !== 'string' || !ID.test(id)) problems.push(`"id" must be a kebab-case string such as "team-storage-tls", not ${JSON.stringify(id) ?? 'undefined'}`);
  if (typeof title !== 'string' || title.trim() === '') problems.push('"title" must be a one-line description');
  if (!SEVERITIES.includes(severity as Severity)) problems.push(`"severity" must be one of ${listed(SEVERITIES)}`);
  if (!AREAS.includes(area as Area)) problems.push(`"area" must be one of ${listed(AREAS)}`);
  if (!PRINCIPLES.includes(principle as Principle)) problems.push(`"principle" must be one of ${listed(PRINCIPLES)}`);
  if (!Array.isArray(targets) || targets.length === 0 || !targets.every((t) => TARGETS.includes(t as RuleTarget))) problems.push(`"targets" must be a non-empty array of ${listed(TARGETS)}`);
  if (typeof fixable !== 'boolean') problems.push('"fixable" must be true or false');
  if (typeof check !== 'function') problems.push('"check" must be a function (context) => void');
  if (workspaceFacts !== undefined && !(Array.isArray(workspaceFacts) && workspaceFacts.every(isWorkspaceFacts))) {
    problems.push('"workspaceFacts", when given, must be an array of { name: a non-empty string, collect: a function (context) => facts[] }');
  }
  return problems;
}

/** A module exports `rules` (an array), or is one rule itself (`module.exports = rule` or `export default rule`). */
function exportedRules(exported: unknown): unknown[] {
  const module = exported as { rules?: unknown; default?: unknown } | undefined;
  if (Array.isArray(module?.rules)) return module.rules;
  if (module?.default !== undefined) return exportedRules(module.default);
  return [exported];
}

/**
 * Loads the user's own rules: JavaScript modules of the same form as the built-in rules (`rules/src`), each with
 * its Markdown page `<id>.md` beside the module. This runs the modules' code: call it only for modules a config
 * the user chose names, and in an editor only for a trusted workspace. Every problem is reported, with the module
 * and the rule it is about; a module that throws is reported, not rethrown.
 */
export function loadCustomRules(modulePaths: readonly string[], builtinIds: ReadonlySet<string>): CustomRulesResult {
  const problems: string[] = [];
  const rules: CustomRule[] = [];
  const seen = new Map<string, string>();
  for (const modulePath of modulePaths) {
    let exported: unknown;
    try {
      exported = require(modulePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(code === 'MODULE_NOT_FOUND' && !fs.existsSync(modulePath) ? `${modulePath}: custom rule module not found` : `${modulePath}: custom rule module threw while loading: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    exportedRules(exported).forEach((candidate, index) => {
      const where = `${modulePath}: rule ${typeof (candidate as Rule | undefined)?.id === 'string' ? `'${(candidate as Rule).id}'` : `#${index + 1}`}`;
      if (typeof candidate !== 'object' || candidate === null) {
        problems.push(`${where}: expected a rule object ({ id, title, severity, area, principle, targets, fixable, check }), not ${typeof candidate}`);
        return;
      }
      const wrong = ruleProblems(candidate as Record<string, unknown>);
      if (wrong.length > 0) {
        problems.push(...wrong.map((w) => `${where}: ${w}`));
        return;
      }
      const rule = candidate as Rule;
      if (builtinIds.has(rule.id)) {
        problems.push(`${where}: the id is a built-in rule's; choose another (a prefix such as "team-" keeps them apart)`);
        return;
      }
      const earlier = seen.get(rule.id);
      if (earlier) {
        problems.push(`${where}: the id is already used by a rule of ${earlier}`);
        return;
      }
      seen.set(rule.id, modulePath);
      const docsFile = path.join(path.dirname(modulePath), `${rule.id}.md`);
      if (!fs.existsSync(docsFile)) {
        problems.push(`${where}: no documentation page: expected ${docsFile}`);
        return;
      }
      rules.push({ rule, docsFile });
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules };
}
