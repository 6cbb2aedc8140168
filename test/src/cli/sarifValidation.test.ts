import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, tempDir, ztlintIn } from './helpers';

/** Microsoft's SARIF Multitool: a self-contained .NET binary shipped as an npm package. */
const MULTITOOL: string = require('@microsoft/sarif-multitool-linux');

interface ValidationRule {
  readonly id: string;
  readonly messageStrings?: Record<string, { readonly text: string }>;
}

interface ValidationResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: string;
  readonly message: { readonly text?: string; readonly id?: string; readonly arguments?: readonly string[] };
  readonly locations?: readonly { readonly physicalLocation?: { readonly artifactLocation?: { readonly uri?: string }; readonly region?: { readonly startLine?: number } } }[];
}

/** One line per problem: the Multitool's log keeps messages as templates of its rules, filled in here. */
function show(result: ValidationResult, rules: readonly ValidationRule[]): string {
  const { message } = result;
  const template = message.id ? rules[result.ruleIndex ?? -1]?.messageStrings?.[message.id]?.text : undefined;
  const text = message.text ?? template?.replace(/\{(\d+)\}/g, (_, i: string) => message.arguments?.[Number(i)] ?? '') ?? `${message.id} ${JSON.stringify(message.arguments ?? [])}`;
  const line = result.locations?.[0]?.physicalLocation?.region?.startLine;
  return `${result.level} ${result.ruleId}${line ? ` (line ${line})` : ''}: ${text}`;
}

const FOLDERS = { examples: path.join(REPO, 'examples'), 'cli-fixtures': path.join(REPO, 'test/fixtures/cli') };
/** The examples against a baseline of their Bicep findings: results both new and unchanged (suppressed). */
const BASELINED = 'examples-baseline';

function ztlint(cwd: string, ...args: string[]): void {
  const run = ztlintIn(cwd, ...args);
  assert.ok(run.status === 0 || run.status === 1, `ztlint ${args.join(' ')} failed in ${cwd}: ${run.stderr}`);
}

describe('SARIF output passes the SARIF Multitool (SARIF and GitHub rules)', () => {
  const problems = new Map<string, { errors: string[]; warnings: string[] }>();
  let dir = '';

  // One Multitool run validates every log: most of its time is start-up and trying to reach the rules' URIs.
  before(() => {
    dir = tempDir();
    const inputs = Object.entries(FOLDERS).map(([name, folder]) => {
      const input = path.join(dir, `${name}.sarif`);
      ztlint(folder, '--format', 'sarif', '--output', input, '.');
      return input;
    });
    const baseline = path.join(dir, 'baseline.json');
    ztlint(FOLDERS.examples, '--write-baseline', baseline, 'bicep');
    inputs.push(path.join(dir, `${BASELINED}.sarif`));
    ztlint(FOLDERS.examples, '--baseline', baseline, '--format', 'sarif', '--output', inputs.at(-1)!, '.');
    const output = path.join(dir, 'validation.sarif');
    const check = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--output', output, ...inputs], {
      encoding: 'utf8',
      // .NET wants ICU for culture data unless told it may do without; validation is culture-neutral.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    // It exits 0 whatever it finds; the verdict is in its output log.
    assert.equal(check.status, 0, `the Multitool did not run: ${check.error?.message ?? ''}${check.stdout}${check.stderr}`);
    const [run] = JSON.parse(fs.readFileSync(output, 'utf8')).runs;
    const rules: ValidationRule[] = run.tool.driver.rules ?? [];
    for (const name of [...Object.keys(FOLDERS), BASELINED]) problems.set(name, { errors: [], warnings: [] });
    for (const result of (run.results ?? []) as ValidationResult[]) {
      const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      const name = path.basename(decodeURIComponent(uri), '.sarif');
      const entry = problems.get(name);
      assert.ok(entry, `a validation result for an unknown log: ${uri}`);
      if (result.level === 'error') entry.errors.push(show(result, rules));
      else if (result.level === 'warning') entry.warnings.push(show(result, rules));
    }
  });

  for (const [name, label] of [['examples', 'the examples'], ['cli-fixtures', 'files with parse errors and unreadable files'], [BASELINED, 'results new and unchanged against a baseline']]) {
    it(`for ${label}`, () => {
      const { errors, warnings } = problems.get(name)!;
      assert.deepEqual(errors, [], `validation errors; warnings besides:\n${warnings.join('\n') || '(none)'}`);
    });
  }
});
