import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { fileUri, LspClient } from '../lsp/lspClient';
import { examplesCopy, REPO, tempDir, WEAK_STORAGE, ztlintIn, type Run } from './helpers';

/** What the published package may hold besides the rules' docs pages: what runs, and what npm always ships. */
const SHIPPED = ['package.json', 'README.md', 'LICENSE', 'bin/ztlint.js', 'dist/ztlint.js', 'dist/parallelWorker.js'];
const DOCS_PAGE = /^dist\/rules\/src\/[a-z]+\/[a-z0-9-]+\.md$/;

/** A folder under the system temp folder, asserting that no `node_modules` above it could lend the package a module. */
function isolatedDir(): string {
  const dir = tempDir();
  for (let at = dir; at !== path.dirname(at); at = path.dirname(at)) {
    assert.ok(!fs.existsSync(path.join(path.dirname(at), 'node_modules')), `${path.dirname(at)} has a node_modules folder`);
  }
  return dir;
}

function run(command: string, args: readonly string[], cwd: string): string {
  // Offline: packing needs nothing from the registry, and the test must not reach it.
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' } });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('the npm package', () => {
  let tarball: string;
  let bin: string;
  let entries: string[];

  before(() => {
    const packed = isolatedDir();
    run('npm', ['pack', '--pack-destination', packed], path.join(REPO, 'server'));
    const [name] = fs.readdirSync(packed).filter((f) => f.endsWith('.tgz'));
    tarball = path.join(packed, name);
    const extracted = isolatedDir();
    entries = run('tar', ['-tzf', tarball], extracted).split('\n').filter((line) => line !== '').map((line) => line.replace(/^package\//, ''));
    run('tar', ['-xzf', tarball, '-C', extracted], extracted);
    bin = path.join(extracted, 'package', 'bin', 'ztlint.js');
  });

  /** The same command, run from the extracted package. */
  const packaged = (cwd: string, ...args: string[]): Run => {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('holds only what runs: the bin, the bundles, the docs pages, the README and the licence', () => {
    const unexpected = entries.filter((entry) => !SHIPPED.includes(entry) && !DOCS_PAGE.test(entry));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(SHIPPED.filter((entry) => !entries.includes(entry)), []);
    const documented = builtinCatalogue().descriptors.filter((rule) => builtinCatalogue().docs(rule.id) !== undefined);
    assert.equal(entries.filter((entry) => DOCS_PAGE.test(entry)).length, documented.length);
    // A bundle stays well under this; node_modules or source maps slipping in would not.
    assert.ok(fs.statSync(tarball).size < 1_500_000, `the tarball is ${fs.statSync(tarball).size} bytes`);
  });

  it('needs nothing installed: no dependencies, a bin named ztlint', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(bin), '..', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.optionalDependencies, undefined);
    assert.equal(manifest.peerDependencies, undefined);
    assert.deepEqual(manifest.bin, { ztlint: './bin/ztlint.js' });
  });

  it('runs through npx from the tarball alone, offline, with an empty npm cache', () => {
    const dir = isolatedDir();
    const cache = isolatedDir();
    const version = run('npm', ['exec', '--yes', '--offline', `--cache=${cache}`, `--package=${tarball}`, '--', 'ztlint', '--version'], dir);
    assert.equal(version, ztlintIn(dir, '--version').stdout);
  });

  it('reports on the examples exactly what the workspace command reports, with the same exit code', () => {
    const dir = examplesCopy();
    for (const args of [['--format', 'json', 'examples'], ['--format', 'sarif', 'examples'], ['--format', 'json', 'examples/**/*.bicep*']]) {
      const expected = ztlintIn(dir, ...args);
      const actual = packaged(dir, ...args);
      assert.equal(expected.status, 1, expected.stderr);
      assert.equal(actual.status, expected.status, actual.stderr);
      assert.equal(actual.stdout, expected.stdout, args.join(' '));
    }
    assert.equal((JSON.parse(packaged(dir, '--format', 'json', 'examples/**/*.bicep*').stdout) as { files: unknown[] }).files.length, 2, 'the glob matches the Bicep template and its parameter file');
  });

  it('scans on every core from its bundled worker, as the workspace command does', () => {
    // Enough files that the command takes its parallel path.
    const files = Object.fromEntries(Array.from({ length: 220 }, (_, i) => [`many/storage${i}.bicep`, WEAK_STORAGE]));
    const dir = tempDir(files);
    const expected = ztlintIn(dir, '--format', 'json', 'many');
    const actual = packaged(dir, '--format', 'json', 'many');
    assert.equal(actual.status, expected.status, actual.stderr);
    assert.equal(actual.stdout, expected.stdout);
    assert.equal((JSON.parse(actual.stdout) as { files: unknown[] }).files.length, 220);
  });

  it('explains a rule, lists the rules and shows its help as the workspace command does', () => {
    const dir = tempDir();
    // `azure --help` loads the Azure client, @azure/identity included, from the bundle.
    for (const args of [['--explain', 'keyvault-rbac-disabled'], ['--list-rules'], ['--list-rules', '--format', 'json'], ['--version'], ['--help'], ['azure', '--help']]) {
      const expected = ztlintIn(dir, ...args);
      const actual = packaged(dir, ...args);
      assert.equal(actual.status, 0, actual.stderr);
      assert.equal(actual.stdout, expected.stdout, args.join(' '));
    }
    assert.match(packaged(dir, '--explain', 'keyvault-rbac-disabled').stdout, /^# keyvault-rbac-disabled/);
  });

  it('runs the language server over standard input and output', async () => {
    const workspace = tempDir({ 'storage.bicep': WEAK_STORAGE });
    const client = await LspClient.start(workspace, undefined, bin);
    try {
      assert.ok(client.initializeResult?.capabilities.codeActionProvider, 'the server offers code actions');
      const uri = fileUri(path.join(workspace, 'storage.bicep'));
      await client.open(uri, WEAK_STORAGE, 'bicep');
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.ok(published.diagnostics.some((d) => d.code === 'data-tls-version'), JSON.stringify(published.diagnostics));
    } finally {
      await client.stop();
    }
  });
});
