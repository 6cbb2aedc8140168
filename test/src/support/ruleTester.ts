import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import type { AnalyzedDocument } from 'ztlint/engine/document';
import { applyFixes } from 'ztlint/fix/applyFixes';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import type { Finding } from 'ztlint/lint/finding';
import { collectFacts } from 'ztlint/lint/collectFacts';
import { lintDocument } from 'ztlint/lint/lintDocument';
import type { WorkspaceView } from 'ztlint/lint/ruleApi';
import { workspaceView } from 'ztlint/engine/workspaceView';

/** A file of a test case: its name decides the format (`main.bicep`, `azuredeploy.json`, `app.yaml`). */
export interface CaseFile {
  readonly file: string;
  readonly text: string;
}

export interface LintCase extends CaseFile {
  readonly name: string;
  readonly strict?: boolean;
  /** other files of the workspace (a ServiceAccount in another manifest, a role assignment in another module) */
  readonly workspace?: readonly CaseFile[];
  /** a parameter file that belongs to the template */
  readonly parameterFile?: CaseFile;
}

export interface FlaggedCase extends LintCase {
  /** how many findings of the rule (default 1) */
  readonly count?: number;
  /** every finding's message matches */
  readonly message?: RegExp;
  /** the file after applying the rule's fixes; `null` when the finding has no fix that can be written */
  readonly fixed?: string | null;
}

const ROOT = path.resolve('/workspace');

function analyze(file: CaseFile): AnalyzedDocument {
  return analyzeDocument(path.join(ROOT, file.file), file.text);
}

function workspaceOf(files: readonly CaseFile[] = [], strict = false): WorkspaceView {
  const rules = builtinCatalogue().rules;
  return workspaceView(
    files.map(analyze).map((document) => {
      const { facts, failures } = collectFacts(document, rules, { strict });
      assert.deepEqual(failures, [], 'no rule throws collecting its workspace facts');
      return { path: document.path, facts };
    }),
  );
}

export function lint(testCase: LintCase, document = analyze(testCase)): Finding[] {
  const result = lintDocument(document, {
    rules: builtinCatalogue().rules,
    strict: testCase.strict ?? false,
    workspace: workspaceOf(testCase.workspace, testCase.strict),
    ...(testCase.parameterFile ? { parameterFile: analyze(testCase.parameterFile) } : {}),
  });
  assert.deepEqual(result.failures, [], 'no rule throws');
  return result.findings.filter((f) => !f.suppression);
}

function syntaxErrors(document: AnalyzedDocument): string[] {
  return document.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * Tests one rule as a table of cases: flagged inputs with the findings and the fixed text expected, clean inputs
 * with none. Every fix is applied, the result re-parsed and re-linted: the finding is gone, no other finding
 * appears, nothing else changed (the whole expected text is compared), and fixing again changes nothing.
 */
export function ruleCases(ruleId: string, cases: { flagged: readonly FlaggedCase[]; clean: readonly LintCase[] }): void {
  describe(ruleId, () => {
    it('is in the catalogue', () => assert.ok(builtinCatalogue().meta(ruleId), `${ruleId} is not in the catalogue`));

    for (const testCase of cases.flagged) {
      it(`flags ${testCase.name}`, () => {
        const document = analyze(testCase);
        assert.deepEqual(syntaxErrors(document), [], 'the case parses');
        const findings = lint(testCase, document).filter((f) => f.ruleId === ruleId);
        assert.equal(findings.length, testCase.count ?? 1, `findings: ${findings.map((f) => f.message).join(' | ')}`);
        for (const finding of findings) if (testCase.message) assert.match(finding.message, testCase.message);
        if (testCase.fixed === undefined) return;

        const fixOnly = (f: Finding) => f.ruleId === ruleId;
        const outcome = applyFixes(document.path, testCase.text, (d) => lint(testCase, d), fixOnly);
        if (testCase.fixed === null) {
          assert.equal(outcome.applied, 0, 'no fix is applied');
          return;
        }
        assert.equal(outcome.text, testCase.fixed);
        const fixed = analyze({ file: testCase.file, text: outcome.text });
        assert.deepEqual(syntaxErrors(fixed), [], 'the fixed file parses');
        const before = countByRule(lint(testCase, document));
        const after = countByRule(lint(testCase, fixed));
        assert.equal(after.get(ruleId) ?? 0, 0, 'the finding is gone');
        for (const [other, count] of after) assert.ok(count <= (before.get(other) ?? 0), `the fix adds a ${other} finding`);
        assert.equal(applyFixes(document.path, outcome.text, (d) => lint(testCase, d), fixOnly).applied, 0, 'fixing again changes nothing');
      });
    }

    for (const testCase of cases.clean) {
      it(`does not flag ${testCase.name}`, () => {
        const document = analyze(testCase);
        assert.deepEqual(syntaxErrors(document), [], 'the case parses');
        const findings = lint(testCase, document).filter((f) => f.ruleId === ruleId);
        assert.deepEqual(findings.map((f) => f.message), []);
      });
    }
  });
}
