// The workspace's custom rule (workspace/team-rules/team-marker.js) appends a line to a marker file each time a
// process loads it; the language server's lines name its module, server/dist/server.js.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** The marker lines written by a language server, not by a `ztlint` run of the tests. */
function serverLoads(ws) {
  const marker = path.join(ws, 'team-rules', 'custom-rule-loaded');
  return fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').split('\n').filter((line) => line.includes('server.js')) : [];
}

/** Waits until a language server has loaded the custom rule; returns what it wrote. */
async function waitForServerLoad(ws, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (serverLoads(ws).length === 0) {
    if (Date.now() > deadline) throw new Error(`no language server loaded ${path.join(ws, 'team-rules', 'team-marker.js')} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return serverLoads(ws);
}

module.exports = { serverLoads, waitForServerLoad };
