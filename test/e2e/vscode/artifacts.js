// Screenshots of every scenario, kept in one folder for CI to upload: $ZTLINT_E2E_ARTIFACTS, or artifacts/ here
// (ignored by git). Emptied at the start of each run so that it holds this run's pictures only.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FOLDER = path.resolve(process.env.ZTLINT_E2E_ARTIFACTS || path.join(__dirname, 'artifacts'));
let taken = 0;

function resetArtifacts() {
  fs.rmSync(FOLDER, { recursive: true, force: true });
  fs.mkdirSync(FOLDER, { recursive: true });
}

/** Saves what the page shows as `NN-<name>.png`, numbered in the order taken; never fails the test that asks. */
async function screenshot(page, name) {
  taken++;
  const file = path.join(FOLDER, `${String(taken).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file }).catch((error) => console.log(`    (no screenshot ${path.basename(file)}: ${error.message})`));
}

module.exports = { ARTIFACTS: FOLDER, resetArtifacts, screenshot };
