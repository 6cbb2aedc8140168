import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARM_VAULT, DEPLOYMENT_ONLY, SERVICE_ACCOUNT, VAULT_BICEP } from './fixtures';
import { makeWorkspace } from './lspClient';

const REPO = path.resolve(__dirname, '../../..');
const INIT = path.join(REPO, 'test/e2e/nvim/init.lua');

/**
 * A real LSP client nobody here wrote: headless Neovim opens a Bicep file, an ARM template and a Kubernetes
 * manifest, takes the preferred quick fix of each and saves. Neovim must be installed (Debian `neovim`, as
 * `.ci/run` does): without it this test fails rather than skips, so that CI cannot pass without the editor check.
 */
describe('language server in Neovim (headless)', () => {
  it('shows the diagnostics, applies the quick fixes and saves the fixed files', function () {
    this.timeout(90_000);
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'nvim is not installed: apt-get update -q && apt-get install -y -q neovim');

    const root = makeWorkspace({
      'vault.bicep': VAULT_BICEP,
      'deploy.json': ARM_VAULT,
      'k8s/app.yaml': DEPLOYMENT_ONLY,
      // Not opened: the Deployment's finding comes from the workspace scan reading it.
      'k8s/sa.yaml': SERVICE_ACCOUNT,
    });
    const home = fs.mkdtempSync(path.join(root, '.nvim-'));
    const xdg = Object.fromEntries(['CONFIG', 'DATA', 'CACHE', 'STATE'].map((name) => [`XDG_${name}_HOME`, path.join(home, name.toLowerCase())]));
    const started = Date.now();
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT], {
      cwd: root,
      encoding: 'utf8',
      timeout: 80_000,
      env: {
        ...process.env,
        ...xdg,
        ZTLINT_SERVER: path.join(REPO, 'server/bin/ztlint.js'),
        ZTLINT_ROOT: root,
        ZTLINT_FIXES: 'vault.bicep=keyvault-rbac-disabled;deploy.json=keyvault-rbac-disabled;k8s/app.yaml=kubernetes-workload-identity-label-missing',
      },
    });
    const output = `${run.stdout}${run.stderr}`;
    assert.equal(run.status, 0, `nvim exited with ${run.status} (${run.signal ?? 'no signal'}):\n${output}`);
    assert.match(run.stdout, /PASS/);
    process.stdout.write(`      (nvim run: ${Date.now() - started} ms)\n`);

    const read = (name: string) => fs.readFileSync(path.join(root, name), 'utf8');
    assert.equal(read('vault.bicep'), VAULT_BICEP.replace('enableRbacAuthorization: false', 'enableRbacAuthorization: true'));
    assert.equal(read('deploy.json'), ARM_VAULT.replace('"enableRbacAuthorization": false', '"enableRbacAuthorization": true'));
    assert.equal(read('k8s/app.yaml'), DEPLOYMENT_ONLY.replace('        app: orders\n    spec:', '        app: orders\n        azure.workload.identity/use: "true"\n    spec:'));
  });
});
