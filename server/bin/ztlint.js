#!/usr/bin/env node
// Kept as a committed, executable file so the npm bin link works before the first build.
// A clone runs the compiled sources (out/); the npm package ships only the bundle (dist/, see client/bundle.mjs).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const compiled = path.join(__dirname, '..', 'out', 'cli', 'main.js');
const cli = require(fs.existsSync(compiled) ? compiled : path.join(__dirname, '..', 'dist', 'ztlint.js'));
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
