import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import { loadArm } from 'ztlint/arm/index';
import { loadBicep, parseBicep } from 'ztlint/bicep/index';
import { loadKubernetes } from 'ztlint/kubernetes/index';
import { Evaluator } from 'ztlint/evaluate/evaluator';
import type { Template } from 'ztlint/model/template';
import { allResources, allTemplates } from 'ztlint/model/walk';
import { corpusFiles, type CorpusFile } from '../support/corpus';
import { cliThroughput } from './cliThroughput';

/**
 * Parse and model throughput per format on the shared corpus, beside the libraries' parse-only baselines of the
 * same bytes, all measured in this one run (compare ratios, not absolute figures across machines).
 */
const REPEATS = Number(process.env.ZTLINT_BENCH_REPEATS ?? 5);

interface Measure {
  readonly label: string;
  readonly run: (text: string, file: CorpusFile) => unknown;
}

function medianMs(files: readonly CorpusFile[], measure: Measure): number {
  const times: number[] = [];
  for (let r = 0; r < REPEATS + 1; r++) {
    const start = process.hrtime.bigint();
    for (const file of files) measure.run(file.text, file);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (r > 0) times.push(elapsed); // the first pass warms the JIT
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** What a linter does with a template after loading it: evaluate every resource and output. */
function evaluateAll(root: Template | undefined): void {
  if (!root) return;
  const evaluator = new Evaluator();
  for (const template of allTemplates(root)) {
    for (const resource of allResources(template)) evaluator.resourceBody(resource);
    for (const output of template.outputs) evaluator.evaluate(output.value, template);
  }
}

const bytesOf = (files: readonly CorpusFile[]) => files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1);

function report(format: string, files: CorpusFile[], baselines: Measure[], ours: Measure[], compareTo: string | undefined): void {
  const bytes = bytesOf(files);
  console.log(`\n${format}: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB`);
  const results = new Map<string, number>();
  for (const m of [...baselines, ...ours]) {
    const ms = medianMs(files, m);
    results.set(m.label, ms);
    const ratio = compareTo && results.has(compareTo) && m.label !== compareTo ? `  ${(ms / results.get(compareTo)!).toFixed(2)}x ${compareTo}` : '';
    console.log(`  ${m.label.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms  ${mbps(bytes, ms).padStart(7)} MB/s${ratio}`);
  }
  const largest = files.reduce((a, b) => (Buffer.byteLength(b.text) > Buffer.byteLength(a.text) ? b : a));
  console.log(`  largest file: ${largest.path} (${(Buffer.byteLength(largest.text) / 1e6).toFixed(2)} MB)`);
  const largestMs = new Map<string, number>();
  for (const m of [...baselines, ...ours]) {
    const ms = medianMs([largest], m);
    largestMs.set(m.label, ms);
    const ratio = compareTo && largestMs.has(compareTo) && m.label !== compareTo ? `  ${(ms / largestMs.get(compareTo)!).toFixed(2)}x ${compareTo}` : '';
    console.log(`    ${m.label.padEnd(32)} ${ms.toFixed(1).padStart(9)} ms${ratio}`);
  }
}

function main(): void {
  console.log(`ztlint parse benchmark (median of ${REPEATS} runs after one warm-up, Node ${process.version})`);
  const bicep = corpusFiles('bicep', 'bicepparam');
  report('Bicep', bicep, [], [
    { label: 'ours: parse only', run: (text) => parseBicep(text) },
    { label: 'ours: parse+model', run: (text, f) => loadBicep(text, f.path) },
    { label: 'ours: parse+model+evaluate', run: (text, f) => evaluateAll(loadBicep(text, f.path).template) },
  ], undefined);

  const arm = corpusFiles('arm', 'armparams');
  report('ARM', arm, [
    { label: 'JSON.parse (fails fast on JSONC)', run: (text) => { try { JSON.parse(text); } catch { /* JSONC files */ } } },
    { label: 'jsonc-parser parseTree', run: (text) => jsonc.parseTree(text, [], { allowTrailingComma: true }) },
  ], [
    { label: 'ours: parse+model', run: (text) => loadArm(text) },
    { label: 'ours: parse+model+evaluate', run: (text) => evaluateAll(loadArm(text).template) },
  ], 'jsonc-parser parseTree');

  const k8s = corpusFiles('k8s');
  report('Kubernetes', k8s, [
    { label: 'yaml parseAllDocuments', run: (text) => parseAllDocuments(text) },
  ], [
    { label: 'ours: parse+model', run: (text) => loadKubernetes(text) },
  ], 'yaml parseAllDocuments');
}

/**
 * Once the throughput runs' heavy use of memory on both cores has passed, this machine runs the same server work
 * about a quarter slower for some seconds (measured: the largest ARM template's edits, 67.7 ms of server CPU per edit
 * right after the CLI throughput runs, 52.8 ms after a 20 s pause, 54.2 ms on an idle machine; a CPU-only loop
 * timed the same all along). An editor is not typed into right after such a load, so the editor figures wait.
 */
const SETTLE_MS = 20_000;

/** The editor figures in a fresh process (see editorBench), once the machine has settled. */
async function editorBench(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await new Promise<void>((resolve, reject) => {
    spawn(process.execPath, [path.join(__dirname, 'editorBench.js')], { stdio: 'inherit' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the editor benchmark exited with ${code}`))));
  });
}

main();
cliThroughput().then(editorBench).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
