// What a user does in the workbench with the packaged extension installed: for a Bicep vault without RBAC, a
// Deployment without the workload identity label and an ARM NSG open to the Internet, open the file, see the
// squiggle and the counts, apply the quick fix with Ctrl+., save, and check the file on disk (its text and a
// `ztlint` run that no longer reports the rule). Screenshots of each step go to the artifacts folder.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { screenshot } = require('./artifacts');
const { check } = require('./checks');
const { openFile, waitForCounts, cursorToLine, openQuickFixMenu, saveAndRead } = require('./workbench');

const CLI = path.resolve(__dirname, '..', '..', '..', 'server', 'bin', 'ztlint.js');

/**
 * In the order they run on one workspace. The counts are the whole workspace's (the Problems item and ztlint's
 * status-bar item both count every file), worked out by hand from workspace/: at the start one warning
 * (main.bicep) and two errors (deployment.yaml, nsg.json); fixing the vault brings up the info that no role
 * assignment grants access to it.
 */
const SCENARIOS = [
  {
    name: 'Bicep: squiggle and counts, Ctrl+. "Set enableRbacAuthorization to true", save, file fixed on disk',
    shot: 'bicep',
    fileName: 'main.bicep',
    lineText: 'enableRbacAuthorization: false',
    squiggle: 'squiggly-warning',
    counts: { problems: 'Errors: 2, Warnings: 1', ztlint: 'ztlint: 3' },
    ruleId: 'keyvault-rbac-disabled',
    fixTitle: 'Set enableRbacAuthorization to true',
    fixed: 'enableRbacAuthorization: true',
  },
  {
    name: 'Kubernetes: squiggle and counts, Ctrl+. adds the workload identity label, save, file fixed on disk',
    shot: 'kubernetes',
    fileName: 'deployment.yaml',
    lineText: 'serviceAccountName: orders',
    squiggle: 'squiggly-error',
    counts: { problems: 'Errors: 2, Infos: 1', ztlint: 'ztlint: 3' },
    ruleId: 'kubernetes-workload-identity-label-missing',
    fixTitle: 'Add the label azure.workload.identity/use: "true"',
    fixed: 'azure.workload.identity/use: "true"',
  },
  {
    name: 'ARM: NSG open to the Internet, squiggle and counts, Ctrl+. "Restrict the source to VirtualNetwork", save, file fixed on disk',
    shot: 'arm',
    fileName: 'nsg.json',
    lineText: '"sourceAddressPrefix": "Internet"',
    squiggle: 'squiggly-error',
    counts: { problems: 'Errors: 1, Infos: 1', ztlint: 'ztlint: 2' },
    ruleId: 'network-nsg-open-to-internet',
    fixTitle: 'Restrict the source to VirtualNetwork',
    fixed: '"sourceAddressPrefix": "VirtualNetwork"',
  },
];

/** The CLI's verdict on a saved file: the rule that was fixed no longer reports (a fix may bring up the next step). */
function assertFixedByCli(file, ruleId) {
  const run = spawnSync(process.execPath, [CLI, '--format', 'json', file], { encoding: 'utf8' });
  const report = JSON.parse(run.stdout);
  const left = report.files.flatMap((f) => f.findings).filter((f) => f.ruleId === ruleId);
  if (left.length > 0) throw new Error(`ztlint still reports ${ruleId} on the saved ${path.basename(file)}: ${JSON.stringify(left)}`);
}

async function quickFixInWorkbench(page, ws, scenario) {
  const { shot, fileName, lineText, squiggle, counts, ruleId, fixTitle, fixed } = scenario;
  const file = path.join(ws, fileName);
  await openFile(page, fileName, lineText);
  await page.waitForSelector(`.monaco-editor .${squiggle}`, { timeout: 30000 });
  const shown = await waitForCounts(page, counts);
  console.log(`    status bar: ${shown.problems} | ${shown.ztlint}`);
  await screenshot(page, `${shot}-squiggle`);
  await cursorToLine(page, file, lineText);
  const menu = await openQuickFixMenu(page, fixTitle);
  console.log(`    quick fixes offered: ${menu.offered.join(' | ')}`);
  await screenshot(page, `${shot}-quick-fix-menu`);
  await menu.pick();
  await page.locator('.monaco-editor .view-lines').filter({ hasText: fixed }).first().waitFor({ timeout: 10000 });
  const text = await saveAndRead(page, file, (t) => t.includes(fixed));
  await screenshot(page, `${shot}-saved`);
  if (!text.includes(fixed)) throw new Error(`${fileName} on disk lacks ${fixed}:\n${text}`);
  assertFixedByCli(file, ruleId);
}

/** Runs every scenario in the open workbench; a failed one leaves a screenshot of where it stopped. */
async function quickFixScenarios(page, ws) {
  for (const scenario of SCENARIOS) {
    await check(scenario.name, () =>
      quickFixInWorkbench(page, ws, scenario).catch(async (error) => {
        await screenshot(page, `${scenario.shot}-FAILED`);
        throw error;
      }),
    );
  }
}

module.exports = { quickFixScenarios };
