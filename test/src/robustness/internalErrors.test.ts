import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { internalErrorLog, internalErrorSummary } from 'ztlint/lint/internalError';
import { lintDocument } from 'ztlint/lint/lintDocument';
import type { Rule } from 'ztlint/lint/ruleApi';
import { tempDir } from '../cli/helpers';
import { fileUri, LspClient } from '../lsp/lspClient';
import { crashOf, ztlintGuarded } from './cli';
import { FILES, leaks, SECRETS } from './fakeSecrets';

const FIXTURES = path.resolve(__dirname, '../../fixtures/custom-rules');
const RULE = 'team-throws-quoting-the-file';
/** Two SQL servers, whose passwords the rule quotes in the error it throws. */
const BICEP = FILES['infra/main.bicep'];
/** How a failure of the rule reads: the class and the line of the fixture that threw. */
const FAILURE = new RegExp(`rule ${RULE} failed: Error at (?:Object\\.)?check \\([^)]*quoting-rules\\.js:\\d+:\\d+\\)`);

/** A workspace whose config loads the quoting rule beside the built-in ones. */
function workspace(): string {
  const dir = tempDir({ 'ztlint.config.json': JSON.stringify({ customRules: ['rules/quoting-rules.js'] }), 'main.bicep': BICEP });
  fs.cpSync(FIXTURES, path.join(dir, 'rules'), { recursive: true });
  return dir;
}

describe('robustness: an internal error never shows the message of the exception', function () {
  this.timeout(120_000);

  it('a failure is the error class and where it was thrown', () => {
    const error = new TypeError(`cannot read '${SECRETS.bicepPassword}'`);
    assert.match(internalErrorSummary(error), /^TypeError at .*internalErrors\.test\.js:\d+:\d+\)?$/);
    const log = internalErrorLog(error).split('\n');
    assert.equal(log[0], internalErrorSummary(error));
    assert.ok(log.length > 2 && log.slice(1, -1).every((line) => /^ {4}at /.test(line)), log.join('\n'));
    assert.deepEqual([...leaks('summary', internalErrorSummary(error)), ...leaks('log', internalErrorLog(error))], []);
  });

  it('a line of the message shaped like a stack frame is not taken for one', () => {
    const error = new Error(`bad\n    at ${SECRETS.bicepPassword} (x.js:1:1)`);
    assert.doesNotMatch(internalErrorSummary(error), /x\.js/);
    assert.deepEqual(leaks('log', internalErrorLog(error)), []);
    // A message changed after the stack was written leaves no header to find the frames after: none are shown.
    const changed = new Error('first');
    void changed.stack;
    changed.message = `second\n    at ${SECRETS.bicepPassword} (x.js:1:1)`;
    assert.equal(internalErrorSummary(changed), 'Error');
    assert.deepEqual(leaks('log', internalErrorLog(changed)), []);
  });

  it('something thrown that is not an Error is named by its type', () => {
    assert.equal(internalErrorSummary(SECRETS.bicepPassword), 'a thrown string');
    assert.equal(internalErrorSummary(null), 'a thrown null');
    assert.deepEqual(leaks('log', internalErrorLog({ toString: () => SECRETS.bicepPassword })), []);
  });

  it('lintDocument: the failure names the rule and the line of the rule that threw, not the password', () => {
    const rules = (require(path.join(FIXTURES, 'quoting-rules.js')) as { rules: Rule[] }).rules;
    const { failures } = lintDocument(analyzeDocument('/internal/main.bicep', BICEP), { rules });
    assert.equal(failures.length, 1);
    assert.match(`rule ${failures[0].ruleId} failed: ${failures[0].message}`, FAILURE);
    assert.deepEqual(leaks('the failure', failures[0].message), []);
  });

  for (const format of ['text', 'json', 'sarif', 'html']) {
    it(`CLI ${format}: the failure is reported without the password`, () => {
      const run = ztlintGuarded(workspace(), 60_000, '--format', format, '.');
      assert.equal(crashOf(run), undefined);
      const shown = format === 'json' ? (JSON.parse(run.stdout) as { files: { ruleFailures?: { ruleId: string; message: string }[] }[] }).files.flatMap((f) => f.ruleFailures ?? []).map((f) => `rule ${f.ruleId} failed: ${f.message}`).join('\n') : run.stdout;
      assert.match(shown, FAILURE);
      assert.deepEqual([...leaks('stdout', run.stdout), ...leaks('stderr', run.stderr)], []);
    });
  }

  it('language server: the internal-error diagnostic and the log name the failure without the password', async () => {
    const dir = workspace();
    const client = await LspClient.start(dir, { workspaceTrusted: true });
    try {
      const uri = fileUri(path.join(dir, 'main.bicep'));
      await client.open(uri, BICEP, 'bicep');
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'internal-error'), 30_000);
      const internal = published.diagnostics.filter((d) => d.code === 'internal-error').map((d) => String(d.message));
      assert.equal(internal.length, 1, internal.join('\n'));
      assert.match(internal[0], FAILURE);
      assert.match(client.logMessages.join('\n'), FAILURE);
      assert.deepEqual([...leaks('diagnostics', published.diagnostics.map((d) => String(d.message)).join('\n')), ...leaks('window/logMessage', client.logMessages.join('\n')), ...leaks('standard error', client.log)], []);
    } finally {
      await client.stop();
    }
  });
});
