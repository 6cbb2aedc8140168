import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { MAX_FILE_BYTES } from 'ztlint/engine/scan';
import { decodeText } from 'ztlint/text/decode';
import { tempDir } from '../cli/helpers';
import { crashOf, ztlintGuarded } from './cli';
import { checkText, prng } from './harness';

/** Hang detection only: no case comes near this unless something loops. */
const CASE_TIMEOUT = 20_000;
const DEEP = 10_000;
const MB = 1024 * 1024;

const ARM_SCHEMA = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0"';
const PARAMS_SCHEMA = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0"';
const arm = (body: string) => `{${ARM_SCHEMA}, ${body}}`;
const NAMESPACE = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
/** A deep document between two good ones: the file is Kubernetes, and the deep part is reported. */
const between = (document: string) => `${NAMESPACE('before')}---\n${document}---\n${NAMESPACE('after')}`;
const configMap = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  a: ${value}\n`;

const bicepVariableChain = (last: string) => `${Array.from({ length: DEEP }, (_, i) => `var v${i} = v${i + 1}`).join('\n')}\nvar v${DEEP} = ${last}\n`;
const armVariableChain = (last: string) => `${Array.from({ length: DEEP }, (_, i) => `"v${i}": "[variables('v${i + 1}')]"`).join(', ')}, "v${DEEP}": ${last}`;

/** "Billion laughs": ten levels of nine aliases each. */
function laughs(indent: string): string {
  const levels = [`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 10; i++) {
    const previous = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return levels.map((l) => `${indent}${l}\n`).join('');
}

interface Case {
  readonly name: string;
  readonly file: string;
  readonly text: () => string;
  /** a diagnostic the engine must give, by message */
  readonly diagnostic?: RegExp;
}

const NESTING: Case[] = [
  { name: 'Bicep arrays', file: 'main.bicep', text: () => `var x = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`, diagnostic: /nesting deeper than \d+ is not analysed/ },
  { name: 'Bicep unclosed arrays', file: 'main.bicep', text: () => `var x = ${'['.repeat(DEEP)}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep objects', file: 'main.bicep', text: () => `var x = ${'{\na: '.repeat(DEEP)}1${'\n}'.repeat(DEEP)}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep resource body', file: 'main.bicep', text: () => `resource r 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'x'\n  properties: ${'{\na: '.repeat(DEEP)}1${'\n}'.repeat(DEEP)}\n}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep parentheses', file: 'main.bicep', text: () => `var x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep calls', file: 'main.bicep', text: () => `var x = ${'concat('.repeat(DEEP)}'a'${')'.repeat(DEEP)}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep string interpolation', file: 'main.bicep', text: () => `var x = ${"'${".repeat(DEEP)}1${"}'".repeat(DEEP)}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep property accesses', file: 'main.bicep', text: () => `var y = {}\nvar x = y${'.a'.repeat(DEEP)}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep conditionals', file: 'main.bicep', text: () => `var x = ${'true ? 1 : '.repeat(DEEP)}2\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep binary operators', file: 'main.bicep', text: () => `var x = ${Array(DEEP).fill('1').join(' + ')}\n`, diagnostic: /nesting deeper than/ },
  { name: 'Bicep variables that use variables, into an output', file: 'main.bicep', text: () => `@secure()\nparam p string\n${bicepVariableChain('p')}output o string = v0\n` },
  { name: 'Bicep parameter file arrays', file: 'main.bicepparam', text: () => `using 'main.bicep'\nparam p = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`, diagnostic: /nesting deeper than/ },
  { name: 'ARM objects', file: 'azuredeploy.json', text: () => arm(`"resources": [], "variables": {"v": ${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`), diagnostic: /nesting deeper than \d+ levels/ },
  { name: 'ARM arrays', file: 'azuredeploy.json', text: () => arm(`"resources": [], "variables": {"v": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`), diagnostic: /nesting deeper than \d+ levels/ },
  { name: 'ARM unclosed arrays', file: 'azuredeploy.json', text: () => `{${ARM_SCHEMA}, "resources": [], "variables": {"v": ${'['.repeat(DEEP)}`, diagnostic: /unclosed array|nesting deeper/ },
  { name: 'ARM resource properties', file: 'azuredeploy.json', text: () => arm(`"resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "x", "properties": ${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}]`), diagnostic: /nesting deeper than/ },
  { name: 'ARM expression calls', file: 'azuredeploy.json', text: () => arm(`"resources": [], "variables": {"v": "[${'concat('.repeat(DEEP)}'a'${')'.repeat(DEEP)}]"}, "outputs": {"o": {"type": "string", "value": "[variables('v')]"}}`), diagnostic: /expression nested more than \d+ levels deep/ },
  // Found by these tests: the accessor chain was not counted, and secrets-in-output ran out of stack on it.
  { name: 'ARM expression index accessors', file: 'azuredeploy.json', text: () => arm(`"resources": [], "variables": {"v": "[createArray(1)${'[0]'.repeat(DEEP)}]"}, "outputs": {"o": {"type": "string", "value": "[variables('v')]"}}`), diagnostic: /expression nested more than \d+ levels deep/ },
  { name: 'ARM expression property accessors', file: 'azuredeploy.json', text: () => arm(`"resources": [], "outputs": {"o": {"type": "string", "value": "[json('{}')${'.a'.repeat(DEEP)}]"}}`), diagnostic: /expression nested more than \d+ levels deep/ },
  // Found by these tests: secrets-in-output followed variables without a limit.
  { name: 'ARM variables that use variables, into an output', file: 'azuredeploy.json', text: () => arm(`"resources": [], "variables": {${armVariableChain('"x"')}}, "outputs": {"o": {"type": "string", "value": "[variables('v0')]"}}`) },
  { name: 'ARM parameter file arrays', file: 'azuredeploy.parameters.json', text: () => `{${PARAMS_SCHEMA}, "parameters": {"p": {"value": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}}}`, diagnostic: /nesting deeper than/ },
  { name: 'YAML flow sequences', file: 'app.yaml', text: () => between(configMap(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`)), diagnostic: /nested more than \d+ levels deep/ },
  { name: 'YAML flow mappings', file: 'app.yaml', text: () => between(configMap(`${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}`)), diagnostic: /nested more than \d+ levels deep/ },
  { name: 'YAML unclosed flow sequences', file: 'app.yaml', text: () => between(configMap('['.repeat(DEEP))), diagnostic: /nested more than \d+ levels deep/ },
  // Found by these tests: a file refused for its indentation was reported as nothing at all.
  { name: 'YAML compact block sequences', file: 'app.yaml', text: () => between(configMap(`\n    ${'- '.repeat(DEEP)}x`)), diagnostic: /indented or nested too deeply/ },
  { name: 'YAML block mappings (2,000 deep: 10,000 would be a 50 MB file)', file: 'app.yaml', text: () => between(`${configMap('')}${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 4)}a:`).join('\n')} 1\n`), diagnostic: /indented or nested too deeply/ },
  { name: 'YAML flow sequences in the only document', file: 'app.yaml', text: () => configMap(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`), diagnostic: /nested more than \d+ levels deep/ },
];

const LONG_LINES: Case[] = [
  { name: 'Bicep string', file: 'main.bicep', text: () => `var x = '${'a'.repeat(MB)}'\n` },
  { name: 'Bicep password literal', file: 'main.bicep', text: () => `resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = { name: 'x', location: 'w', properties: { administratorLogin: 'a', administratorLoginPassword: '${'P4ss!'.repeat(MB / 5)}' } }` },
  { name: 'Bicep parameter file', file: 'main.bicepparam', text: () => `using 'main.bicep' param p = '${'a'.repeat(MB)}'` },
  {
    name: 'minified ARM template',
    file: 'azuredeploy.json',
    text: () => {
      // Few findings: editsForFix is quadratic in many fixes on one file (reported, not fixed here).
      const resource = (i: number) => `{"type":"Microsoft.Storage/storageAccounts","apiVersion":"2023-01-01","name":"st${i}","location":"westeurope","kind":"StorageV2","sku":{"name":"Standard_LRS"},"tags":{"note":"${'n'.repeat(50_000)}"},"properties":{"minimumTlsVersion":"TLS1_0"}}`;
      return `{${ARM_SCHEMA},"resources":[${Array.from({ length: 21 }, (_, i) => resource(i)).join(',')}]}`;
    },
  },
  { name: 'ARM string', file: 'azuredeploy.json', text: () => arm(`"resources": [], "variables": {"v": "${'\\u0041'.repeat(MB / 6)}"}`) },
  {
    name: 'YAML flow mapping',
    file: 'app.yaml',
    text: () => {
      const data: string[] = [];
      for (let i = 0, size = 0; size < MB; i++) size += data[data.push(`k${i}: v${i}`) - 1].length + 2;
      return `{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {${data.join(', ')}}}`;
    },
  },
  { name: 'YAML plain scalar', file: 'app.yaml', text: () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${'a'.repeat(MB)}\n` },
];

const ODD: Case[] = [
  { name: 'billion laughs in a ConfigMap', file: 'app.yaml', text: () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${laughs('  ')}`, diagnostic: /aliases expand to too many nodes/ },
  {
    name: 'billion laughs in a container env',
    file: 'app.yaml',
    text: () => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nx-bomb:\n${laughs('  ')}spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: i\n          env: *j\n          envFrom: *j\n          volumeMounts: *j\n`,
    diagnostic: /aliases expand to too many nodes/,
  },
  {
    name: 'billion laughs through merge keys in a Secret',
    file: 'app.yaml',
    text: () => {
      const levels = Array.from({ length: 9 }, (_, i) => `  b${i}: &b${i} {${Array.from({ length: 9 }, (__, j) => `m${j}: *${i === 0 ? 'a' : `b${i - 1}`}`).join(', ')}}`);
      return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nx:\n  a: &a {k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v}\n${levels.join('\n')}\nstringData:\n  <<: *b8\n`;
    },
    diagnostic: /aliases expand to too many nodes/,
  },
  { name: 'an alias to its own anchor', file: 'app.yaml', text: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: &a\n  a: *a\n', diagnostic: /Alias \*a refers to no anchor/ },
  { name: 'all `{{` as YAML (Helm-like)', file: 'app.yaml', text: () => '{{'.repeat(MB / 4) },
  { name: 'all `{{` as Bicep', file: 'main.bicep', text: () => '{{'.repeat(MB / 2), diagnostic: /expected a declaration/ },
  { name: 'all `{{` as a Bicep parameter file', file: 'main.bicepparam', text: () => '{{'.repeat(MB / 2), diagnostic: /expected a declaration/ },
  { name: 'all `{{` as JSON', file: 'azuredeploy.json', text: () => '{{'.repeat(MB / 2) },
  { name: 'a Helm template of only actions', file: 'templates/app.yaml', text: () => '{{ if .Values.x }}\n{{- end }}\n'.repeat(1000), diagnostic: /Helm/ },
  { name: 'NUL characters past the binary sniff', file: 'app.yaml', text: () => `${NAMESPACE('x')}# ${'x'.repeat(9000)}\ndata:\n  a: "\0\0"\n  b: \0\n` },
  { name: 'lone surrogates', file: 'main.bicep', text: () => `var x = '\ud800'\nvar \udc00 = 1\n// \ud83d\n` },
  { name: 'lone surrogates in JSON', file: 'azuredeploy.json', text: () => arm(`"resources": [], "variables": {"\ud800": "\udc00"}`) },
  { name: 'lone surrogates in YAML', file: 'app.yaml', text: () => `${NAMESPACE('x')}data:\n  \ud800: \udc00\n` },
];

/** Empty files and files of nothing but comments, a byte order mark, CRLF line ends. */
const EMPTYISH: Case[] = [];
for (const file of ['main.bicep', 'main.bicepparam', 'azuredeploy.json', 'azuredeploy.parameters.json', 'app.yaml']) {
  const comments = file.endsWith('.yaml') ? '# one\r\n# two\r\n\r\n---\r\n# three\r\n' : '// one\r\n/* two\r\n   three */\r\n\r\n';
  EMPTYISH.push(
    { name: `empty ${file}`, file, text: () => '' },
    { name: `whitespace only ${file}`, file, text: () => ' \r\n\t\r\n\n\r' },
    { name: `comments only ${file}`, file, text: () => comments },
    { name: `byte order mark and comments ${file}`, file, text: () => `\ufeff${comments}` },
    { name: `byte order mark only ${file}`, file, text: () => '\ufeff' },
    { name: `unterminated comment ${file}`, file, text: () => (file.endsWith('.yaml') ? '#' : '/* never closed\r\n') },
  );
}

function engineCase(c: Case): void {
  it(c.name, () => {
    const text = c.text();
    const filePath = path.join('/robustness', c.file);
    assert.deepEqual(checkText(filePath, text, { fixes: true }), []);
    if (c.diagnostic) {
      const document = analyzeDocument(filePath, text);
      const messages = document.diagnostics.map((d) => d.message);
      assert.ok(
        messages.some((m) => c.diagnostic!.test(m)),
        `expected a diagnostic matching ${c.diagnostic}, got ${JSON.stringify(messages.slice(0, 5))}`,
      );
    }
  });
}

describe('robustness: pathological input to the engine', function () {
  this.timeout(CASE_TIMEOUT);
  describe(`${DEEP.toLocaleString('en')}-deep nesting`, () => NESTING.forEach(engineCase));
  describe('1 MB single lines', () => LONG_LINES.forEach(engineCase));
  describe('alias bombs, templates, odd characters', () => ODD.forEach(engineCase));
  describe('empty files, comments, byte order marks and CRLF', () => EMPTYISH.forEach(engineCase));

  it('refuses random bytes with NULs and invalid UTF-8 with a reason', () => {
    const random = prng(42);
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.alloc(1 + random.int(20_000));
      for (let k = 0; k < bytes.length; k++) bytes[k] = random.int(256);
      bytes[random.int(Math.min(bytes.length, 8000))] = 0;
      const decoded = decodeText(bytes);
      assert.equal(decoded.ok, false);
      assert.match(!decoded.ok ? decoded.reason : '', /^binary file \(contains NUL bytes\)$/);
    }
    for (const [bytes, at] of [
      [Buffer.from([0x61, 0xff, 0x62]), 1],
      [Buffer.from([0x61, 0x62, 0xc3]), 2], // truncated two-byte sequence
      [Buffer.from([0xed, 0xa0, 0x80]), 0], // an encoded surrogate
      [Buffer.from([0xc0, 0xaf]), 0], // overlong
      [Buffer.from([0x41, 0xe0, 0x80, 0xaf]), 1], // overlong, three bytes
      [Buffer.from([0x41, 0x42, 0xf0, 0x80, 0x80, 0x80]), 2], // overlong, four bytes
      [Buffer.concat([Buffer.from('var x = 1\n'.repeat(1000)), Buffer.from([0xf4, 0x90, 0x80, 0x80])]), 10_000], // past U+10FFFF
    ] as const) {
      const decoded = decodeText(bytes);
      assert.equal(decoded.ok, false, bytes.toString('hex').slice(0, 20));
      assert.equal(!decoded.ok && decoded.reason, `invalid UTF-8 at byte ${at}`);
    }
  });
});

describe('robustness: pathological files through the command line', function () {
  this.timeout(120_000);
  const PROCESS_TIMEOUT = 90_000;

  it('reports a file over the size limit by name, and carries on with the others', () => {
    const dir = tempDir({ 'ok.bicep': "var x = 'y'\n" });
    const huge = path.join(dir, 'huge.json');
    // Sparse: the size is what counts, and nothing is read.
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, MAX_FILE_BYTES + MB);
    const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '--format', 'json', '.');
    assert.equal(crashOf(run), undefined);
    assert.equal(run.status, 0);
    const report = JSON.parse(run.stdout) as { files: { path: string; readError?: string }[] };
    assert.deepEqual(
      report.files.map((f) => [f.path, f.readError]),
      [
        ['huge.json', `file is ${((MAX_FILE_BYTES + MB) / MB).toFixed(1)} MB, over the ${MAX_FILE_BYTES / MB} MB limit`],
        ['ok.bicep', undefined],
      ],
    );
    const failing = ztlintGuarded(dir, PROCESS_TIMEOUT, '--fail-on-parse-error', 'huge.json');
    assert.equal(crashOf(failing), undefined);
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /^huge\.json\n {2}error {2}file is 65\.0 MB, over the 64 MB limit {2}file-unreadable$/m);
  });

  it('lints a 50 MB ARM template', () => {
    const resource = `{"type":"Microsoft.Storage/storageAccounts","apiVersion":"2023-01-01","name":"stg","location":"westeurope","kind":"StorageV2","sku":{"name":"Standard_LRS"},"properties":{"minimumTlsVersion":"TLS1_2","allowSharedKeyAccess":false,"publicNetworkAccess":"Disabled","description":"${'x'.repeat(4000)}"}}`;
    const count = Math.ceil((50 * MB) / resource.length);
    const dir = tempDir({ 'big.json': `{${ARM_SCHEMA},"resources":[${Array(count).fill(resource).join(',\n')}]}` });
    assert.ok(fs.statSync(path.join(dir, 'big.json')).size > 50 * MB);
    const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '--format', 'json', 'big.json');
    assert.equal(crashOf(run), undefined);
    const report = JSON.parse(run.stdout) as { files: { path: string; format: string | null; ruleFailures?: unknown }[] };
    assert.deepEqual(
      report.files.map((f) => [f.path, f.format, f.ruleFailures]),
      [['big.json', 'arm-template', undefined]],
    );
  });

  it('names binary and invalid UTF-8 files, and --fail-on-parse-error fails on them', () => {
    const random = prng(7);
    const blob = Buffer.alloc(4096);
    for (let i = 0; i < blob.length; i++) blob[i] = random.int(256);
    blob[10] = 0;
    const dir = tempDir({
      'blob.yaml': blob,
      'latin1.bicep': Buffer.from("var caf\xe9 = 'x'\n", 'latin1'),
      'bom-crlf.bicep': Buffer.from("\ufeff// only a comment\r\nvar x = 'y'\r\n", 'utf8'),
    });
    const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '.');
    assert.equal(crashOf(run), undefined);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^blob\.yaml\n {2}error {2}binary file \(contains NUL bytes\) {2}file-unreadable$/m);
    assert.match(run.stdout, /^latin1\.bicep\n {2}error {2}invalid UTF-8 at byte 7 {2}file-unreadable$/m);
    assert.doesNotMatch(run.stdout, /bom-crlf/);
    const failing = ztlintGuarded(dir, PROCESS_TIMEOUT, '--fail-on-parse-error', '.');
    assert.equal(crashOf(failing), undefined);
    assert.equal(failing.status, 1);
  });

  it('reports every pathological engine case as a file, in every output format', () => {
    const files: Record<string, string> = {};
    [...NESTING, ...LONG_LINES, ...ODD, ...EMPTYISH].forEach((c, i) => {
      files[path.join(`case-${String(i).padStart(3, '0')}`, c.file)] = c.text();
    });
    const dir = tempDir(files);
    const out = tempDir();
    // Text is left out: it locates and prints exactly what JSON does, and each run costs seconds.
    for (const format of ['json', 'sarif', 'html']) {
      const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '--format', format, '--output', path.join(out, `report.${format}`), '.');
      assert.equal(crashOf(run), undefined, format);
      assert.equal(run.stderr, '', format);
      const report = fs.readFileSync(path.join(out, `report.${format}`), 'utf8');
      assert.doesNotMatch(report, /rule-failure|ruleFailures|failed: /, format);
      if (format === 'json') {
        const parsed = JSON.parse(report) as { files: { path: string }[] };
        assert.equal(parsed.files.length, Object.keys(files).length);
      }
      if (format === 'sarif') JSON.parse(report);
    }
  });
});
