import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

/**
 * In a fresh process, as the command runs: a worker thread started after the tuning (or without it) keeps 120 MB
 * of small objects alive, as a scan's worker keeps its share's models, and counts V8's full collections.
 */
const probe = (tuned: boolean) => `
const { Worker } = require('node:worker_threads');
${tuned ? `require(${JSON.stringify(require.resolve('ztlint/cli/shortRun'))}).tuneV8ForShortRun();` : ''}
const worker = new Worker(\`
  const { PerformanceObserver, constants } = require('node:perf_hooks');
  const { parentPort } = require('node:worker_threads');
  let full = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++; }).observe({ entryTypes: ['gc'] });
  const kept = [];
  for (let i = 0; i < 2e6; i++) kept.push({ start: i, end: i + 1, text: 'x' + i });
  setTimeout(() => parentPort.postMessage(full), 50);
\`, { eval: true });
worker.on('message', (full) => { console.log(full); worker.terminate(); });
`;

const fullCollections = (tuned: boolean) => Number(execFileSync(process.execPath, ['-e', probe(tuned)], { encoding: 'utf8' }));

describe('ztlint: V8 tuned for a short run', () => {
  it('starts the workers with a heap that holds their models without full collections', () => {
    assert.ok(fullCollections(false) > 0, 'untuned, the worker collects its live objects');
    assert.equal(fullCollections(true), 0);
  });
});
