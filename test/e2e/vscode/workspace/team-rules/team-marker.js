// A custom rule whose loading leaves a mark: the file custom-rule-loaded beside this module. The e2e checks that
// the language server loads it in a trusted workspace and never in an untrusted one. It reports nothing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

fs.appendFileSync(path.join(__dirname, 'custom-rule-loaded'), `loaded by pid ${process.pid}: ${process.argv.slice(1).join(' ')}\n`);

module.exports = {
  id: 'team-marker',
  title: 'Marks that the workspace\'s custom rules were loaded',
  severity: 'info',
  area: 'monitoring',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: false,
  check() {},
};
