#!/usr/bin/env node
// Kept as a committed, executable file so the npm bin link works before the first build.
'use strict';
require('../out/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
