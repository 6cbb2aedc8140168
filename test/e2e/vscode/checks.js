// Named checks with a pass/fail line each; the run's verdict is whether all passed.
'use strict';

const results = [];
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1) + ' s';

/** Runs `body` as one check; a failure is printed with its stack and recorded, and the run goes on. */
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${seconds(started)})`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✘ ${name} (${seconds(started)})\n    ${String(error?.stack ?? error).split('\n').join('\n    ')}`);
  }
}

function summary() {
  return { failed: results.filter((r) => !r.ok).length, total: results.length };
}

module.exports = { check, seconds, summary };
