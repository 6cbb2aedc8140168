// The extension tests' entry (extensionTestsPath): the extension host loads it and calls run(), as
// @vscode/test-electron would; a rejected promise makes the host exit with 1. Mocha's spec output goes to the file
// named by ZTLINT_E2E_REPORT (the host's console is not the terminal that started the run).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const Mocha = require('mocha');

exports.run = function run() {
  const report = process.env.ZTLINT_E2E_REPORT;
  if (report) Mocha.reporters.Base.consoleLog = (...args) => fs.appendFileSync(report, util.format(...args) + '\n');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000 });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
};
