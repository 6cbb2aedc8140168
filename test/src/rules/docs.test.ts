import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import type { RuleTarget } from 'ztlint/lint/ruleApi';
import { applyFixes } from 'ztlint/fix/applyFixes';
import { lint } from '../support/ruleTester';

/** ```bicep bad / ```json good / ```yaml bad ... fenced examples of a docs page */
const EXAMPLE = /^```(bicep|bicepparam|json|yaml) (bad|good)\r?\n([\s\S]*?)^```/gm;
const FILE_FOR: Record<string, string> = { bicep: 'main.bicep', bicepparam: 'main.bicepparam', json: 'azuredeploy.json', yaml: 'manifest.yaml' };
const LANGUAGES_FOR: Record<RuleTarget, string[]> = { template: ['bicep', 'json'], parameters: ['bicepparam', 'json'], kubernetes: ['yaml'] };

describe('rule docs pages', () => {
  const catalogue = builtinCatalogue();
  for (const rule of catalogue.rules) {
    describe(rule.id, () => {
      const docs = catalogue.docs(rule.id) ?? '';
      const examples = [...docs.matchAll(EXAMPLE)].map(([, language, kind, text]) => ({ language, kind, text }));

      it('has a page with its title, the why and a bad and a good example in every format it covers', () => {
        assert.ok(docs.startsWith(`# ${rule.id}: ${rule.title}\n`), 'the page starts with `# <id>: <title>`');
        assert.match(docs, /^## Why$/m);
        const languages = new Set(rule.targets.flatMap((t) => LANGUAGES_FOR[t]));
        for (const language of languages) {
          // Parameter-file rules show `json` examples as parameter files; template rules as templates.
          for (const kind of ['bad', 'good']) assert.ok(examples.some((e) => e.language === language && e.kind === kind), `a ${language} ${kind} example`);
        }
      });

      for (const [i, example] of examples.entries()) {
        it(`${example.kind} ${example.language} example ${i + 1} is ${example.kind === 'bad' ? 'flagged' : 'clean'}${example.kind === 'bad' && rule.fixable ? ' and fixed' : ''}`, () => {
          const file = FILE_FOR[example.language];
          const findings = lint({ name: '', file, text: example.text }).filter((f) => f.ruleId === rule.id);
          if (example.kind === 'good') return assert.deepEqual(findings.map((f) => f.message), []);
          assert.ok(findings.length > 0, 'the bad example is flagged');
          if (!rule.fixable || !findings.some((f) => f.fix)) return;
          const fixed = applyFixes(`/workspace/${file}`, example.text, (d) => lint({ name: '', file, text: d.text }, d), (f) => f.ruleId === rule.id);
          assert.ok(fixed.applied > 0, 'a fix was applied');
          assert.deepEqual(lint({ name: '', file, text: fixed.text }).filter((f) => f.ruleId === rule.id).map((f) => f.message), [], 'the fixed example is clean');
        });
      }
    });
  }

  it('has unique rule ids, and a docs page beside every rule', () => {
    assert.equal(new Set(catalogue.rules.map((r) => r.id)).size, catalogue.rules.length, 'rule ids are unique');
    for (const rule of catalogue.rules) assert.ok(fs.existsSync(require('@ztlint/rules').docsPath(rule)));
  });
});
