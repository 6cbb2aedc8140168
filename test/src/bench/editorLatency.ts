import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEBOUNCE_MS } from 'ztlint/lsp/lintScheduler';
import type { ServerStats } from 'ztlint/lsp/serverStats';
import { fileUri, LspClient, makeWorkspace } from '../lsp/lspClient';
import { CORPUS_ROOT, corpusEntries, isInvalid, type CorpusKind } from '../support/corpus';

/**
 * The language server as an editor drives it, over stdio: the time from a `didChange` to the diagnostics of that
 * version on the largest file of each format, its memory after reading the whole corpus as a workspace, what one
 * edit re-lints in that workspace, and a burst and soak of edits across 20 open files.
 */
const EDITS = 200;
const WARM_UP_EDITS = 10;
/** the language id an editor gives each kind of file */
const LANGUAGE: Partial<Record<CorpusKind, string>> = { bicep: 'bicep', arm: 'json', k8s: 'yaml' };

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const stats = async (client: LspClient) => (await client.executeCommand('ztlint.server.stats')) as ServerStats;
/** The server's CPU time so far, without the collection `stats` forces: it would change how the timed edits collect. */
const cpuSoFar = async (client: LspClient) => ((await client.executeCommand('ztlint.server.stats', { collect: false })) as ServerStats).cpu;
const totalLints = (s: ServerStats) => Object.values(s.lints).reduce((a, b) => a + b, 0);

/** An open document on the client side: sends small edits and waits for the diagnostics of each. */
class EditedDocument {
  private document: TextDocument;
  private version = 1;

  constructor(
    private readonly client: LspClient,
    readonly uri: string,
    private readonly languageId: string,
    text: string,
  ) {
    this.document = TextDocument.create(uri, languageId, 1, text);
  }

  get text(): string {
    return this.document.getText();
  }

  async open(): Promise<void> {
    await this.client.open(this.uri, this.text, this.languageId);
    await this.published(1);
  }

  /** When the last edit was sent: after the client worked out its line and character, which an editor knows. */
  sentAt = 0;

  /** Replaces `[start, end)` with `text`; returns the version sent. */
  async edit(start: number, end: number, text: string): Promise<number> {
    const range = { start: this.document.positionAt(start), end: this.document.positionAt(end) };
    this.sentAt = performance.now();
    this.version = await this.client.change(this.uri, [{ range, text }]);
    this.document = TextDocument.update(this.document, [{ range, text }], this.version);
    return this.version;
  }

  /** Resolves with the time the diagnostics of `version` arrived. */
  published(version: number, timeoutMs = 120_000): Promise<number> {
    return this.client.waitFor(
      () => {
        const { published, publishedAt } = this.client;
        for (let i = published.length - 1; i >= 0; i--) if (published[i].uri === this.uri && published[i].version === version) return publishedAt[i];
        return undefined;
      },
      timeoutMs,
      () => `diagnostics of ${this.uri} version ${version}`,
    );
  }
}

/**
 * Where a user edits: inside a value (a word of three or more letters in quotes, or after `key: ` in YAML), not
 * in the middle of punctuation. `skip` leaves out parts of the text the edits should not land in.
 */
function editSites(text: string, kind: CorpusKind, skip: (offset: number) => boolean = () => false): number[] {
  const pattern = kind === 'k8s' ? /: ([A-Za-z][A-Za-z0-9-]{2,})\r?$/gm : /(['"])([A-Za-z][A-Za-z0-9-]{2,})\1/g;
  const sites: number[] = [];
  for (const match of text.matchAll(pattern)) {
    const word = match[kind === 'k8s' ? 1 : 2];
    const offset = match.index + match[0].indexOf(word) + 1;
    if (!skip(offset)) sites.push(offset);
  }
  return sites;
}

/**
 * Typing a character, deleting it, changing a value: three edits at a site, then the next site, spread evenly
 * over the candidates. Every edit waits for its own diagnostics before the next is sent.
 */
async function timeEdits(document: EditedDocument, sites: readonly number[], count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const site = sites[Math.floor(((i - (i % 3)) / 3) * 7919) % sites.length];
    const step = i % 3;
    const version = step === 0 ? await document.edit(site, site, 'x') : step === 1 ? await document.edit(site, site + 1, '') : await document.edit(site, site + 1, document.text[site] === 'q' ? 'z' : 'q');
    times.push((await document.published(version)) - document.sentAt);
  }
  return times;
}

function largest(kind: CorpusKind): { file: string; bytes: number } {
  const entry = corpusEntries(kind).filter((e) => !isInvalid(e)).reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { file: path.join(CORPUS_ROOT, entry.path), bytes: entry.bytes };
}

/** The ranges of a manifest's CustomResourceDefinition documents: generated schemas nobody edits by hand. */
function customResourceDefinitions(text: string): { start: number; end: number }[] {
  const starts = [0, ...[...text.matchAll(/^---[ \t]*\r?$/gm)].map((m) => m.index)];
  return starts
    .map((start, i) => ({ start, end: starts[i + 1] ?? text.length }))
    .filter((d) => /^kind: CustomResourceDefinition\r?$/m.test(text.slice(d.start, d.end)));
}

async function latencyOn(kind: CorpusKind, target: string): Promise<void> {
  const { file, bytes } = largest(kind);
  const client = await LspClient.start(makeWorkspace({}), { debounceMs: 0 });
  try {
    const text = fs.readFileSync(file, 'utf8');
    const document = new EditedDocument(client, fileUri(file), LANGUAGE[kind]!, text);
    await document.open();
    const generated = kind === 'k8s' ? customResourceDefinitions(text) : [];
    const inGenerated = (offset: number) => generated.some((d) => offset >= d.start && offset < d.end);
    const sites = editSites(text, kind, inGenerated);
    await timeEdits(document, sites, WARM_UP_EDITS);
    const before = await cpuSoFar(client);
    const times = await timeEdits(document, sites, EDITS);
    const after = await cpuSoFar(client);
    const cpu = (after.user + after.system - before.user - before.system) / 1000 / EDITS;
    console.log(`  ${path.relative(CORPUS_ROOT, file)} (${(bytes / 1e6).toFixed(2)} MB): p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, max ${ms(Math.max(...times))} (target p99 < ${target}); server CPU ${ms(cpu)} per edit`);
    if (generated.length > 0) {
      const crdTimes = await timeEdits(document, editSites(document.text, kind).filter(inGenerated), 30);
      const crdBytes = generated.reduce((sum, d) => sum + d.end - d.start, 0);
      console.log(`    the 200 edits above are in its ${text.match(/^---/gm)!.length + 1 - generated.length} workload, RBAC and config documents; 30 edits inside its ${generated.length} CustomResourceDefinitions (${(crdBytes / 1e6).toFixed(2)} MB, one is 1.4 MB): p50 ${ms(percentile(crdTimes, 50))}, p99 ${ms(percentile(crdTimes, 99))}`);
    }
  } finally {
    await client.stop();
  }
}

/** Waits until the server has linted nothing for `quietMs`: the background re-lints of an edit are over. */
async function settled(client: LspClient, quietMs = 2_000): Promise<ServerStats> {
  let last = await stats(client);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await stats(client);
    if (totalLints(now) === totalLints(last)) return now;
    last = now;
  }
}

/** How long the server is left idle after the workspace scan before its memory is read again. */
const AT_REST_MS = 5_000;

async function corpusWorkspace(): Promise<void> {
  const started = performance.now();
  const client = await LspClient.start(CORPUS_ROOT, { debounceMs: 0 });
  try {
    await client.waitFor(() => client.progress.find((p) => p.kind === 'end'), 1_200_000, () => 'the end of the workspace scan');
    const scanned = await stats(client);
    const files = Object.keys(scanned.lints).length;
    console.log(`  whole-corpus workspace scan: ${files} files linted in ${((performance.now() - started) / 1000).toFixed(1)} s; then, after a GC: RSS ${MB(scanned.memory.rss)}, heapUsed ${MB(scanned.memory.heapUsed)} (target < 150 MB)`);
    console.log(`    models kept for ${scanned.modelsKept} files: the parameter files (of the others, only their facts are kept)`);
    // Right after the scan, V8 keeps the young generation the scan grew, empty; a collection once the server has
    // allocated little for a while gives it back.
    await new Promise((resolve) => setTimeout(resolve, AT_REST_MS));
    const rested = await stats(client);
    console.log(`    ${AT_REST_MS / 1000} s later, idle, after a GC: RSS ${MB(rested.memory.rss)}, heapUsed ${MB(rested.memory.heapUsed)}`);

    // One edit in a Bicep file with a Key Vault, and one in a ServiceAccount's manifest: what is linted again.
    for (const [name, kind] of [['azure-docs-bicep-samples/samples/scenarios-secrets/key-vault-secret.bicep', 'bicep'], ['kube-prometheus/manifests/alertmanager-serviceAccount.yaml', 'k8s']] as const) {
      const file = path.join(CORPUS_ROOT, name);
      if (!fs.existsSync(file)) continue;
      const document = new EditedDocument(client, fileUri(file), LANGUAGE[kind]!, fs.readFileSync(file, 'utf8'));
      await document.open();
      const before = await settled(client);
      const [site] = editSites(document.text, kind);
      await document.published(await document.edit(site, site, 'x'));
      const after = await settled(client);
      const relinted = Object.keys(after.lints).filter((f) => after.lints[f] !== before.lints[f] && f !== file);
      console.log(`  an edit in ${name} re-linted ${relinted.length} other files of ${files} in the background`);
      const times = await timeEdits(document, editSites(document.text, kind), EDITS);
      console.log(`    ${EDITS} edits in it, with the whole corpus as its workspace: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}`);
    }
  } finally {
    await client.stop();
  }
}

/** 20 open files of every format: the corpus templates and manifests of each kind nearest 20 KB. */
function burstFiles(): { file: string; kind: CorpusKind }[] {
  const picked: { file: string; kind: CorpusKind }[] = [];
  for (const kind of ['bicep', 'arm', 'k8s'] as const) {
    const entries = corpusEntries(kind)
      .filter((e) => !isInvalid(e))
      .sort((a, b) => Math.abs(a.bytes - 20_000) - Math.abs(b.bytes - 20_000))
      .map((e) => path.join(CORPUS_ROOT, e.path))
      // JSON that is not a deployment template (a policy definition) is not linted, so it gets no diagnostics
      .filter((file) => kind !== 'arm' || /^\s*\{\s*"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/.test(fs.readFileSync(file, 'utf8')));
    picked.push(...entries.slice(0, kind === 'k8s' ? 6 : 7).map((file) => ({ file, kind })));
  }
  return picked;
}

/**
 * 1,000 edits sent as fast as the client can, round-robin over 20 open files, with the editor's own debounce; then
 * the time from each file's last edit to its diagnostics. Every publish is checked: per file, versions only go up
 * and the last one published is the last one sent, so nothing stale was ever shown over something fresher.
 */
async function burst(documents: readonly EditedDocument[], sites: readonly number[][], edits: number, lastSent: Map<string, { version: number; at: number }>): Promise<number[]> {
  for (let i = 0; i < edits; i++) {
    const d = i % documents.length;
    const round = Math.floor(i / documents.length);
    // a character typed, then deleted at the same place, so that every site stays where it was found
    const site = sites[d][Math.floor(round / 2) % sites[d].length];
    const insert = round % 2 === 0;
    const version = await documents[d].edit(site, insert ? site : site + 1, insert ? 'x' : '');
    lastSent.set(documents[d].uri, { version, at: performance.now() });
  }
  const times: number[] = [];
  for (const document of documents) {
    const { version, at } = lastSent.get(document.uri)!;
    times.push((await document.published(version)) - at);
  }
  return times;
}

function assertNothingStale(client: LspClient, documents: readonly EditedDocument[], lastSent: ReadonlyMap<string, { version: number }>): number {
  let checked = 0;
  for (const document of documents) {
    const versions = client.published.filter((p) => p.uri === document.uri).map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) if (versions[i] <= versions[i - 1]) throw new Error(`stale diagnostics for ${document.uri}: version ${versions[i]} published after ${versions[i - 1]}`);
    if (versions.at(-1) !== lastSent.get(document.uri)!.version) throw new Error(`${document.uri}: last published version ${versions.at(-1)}, last sent ${lastSent.get(document.uri)!.version}`);
    checked += versions.length;
  }
  return checked;
}

/** Memory after a GC: what the heap holds live, the old generation's live objects and the room kept for them, RSS. */
interface MemoryPoint {
  readonly heapUsed: number;
  readonly oldUsed: number;
  readonly oldSize: number;
  readonly rss: number;
}

function memoryPoint(s: ServerStats): MemoryPoint {
  const old = s.heapSpaces.find((space) => space.name === 'old_space');
  return { heapUsed: s.memory.heapUsed, oldUsed: old?.used ?? 0, oldSize: old?.size ?? 0, rss: s.memory.rss };
}

const SOAK_RUNS = 3;

/**
 * One server through a burst of 1,000 edits and then 9,000 more; memory after the first 1,000 and at the end, and
 * nowhere between: a collection forced between them would shape the heap the end is measured on. Returns the
 * burst's latencies and the two memory points.
 */
async function soak(): Promise<{ burst: number[]; start: MemoryPoint; end: MemoryPoint; publishes: number }> {
  const client = await LspClient.start(makeWorkspace({}));
  try {
    const files = burstFiles();
    const documents = files.map(({ file, kind }) => new EditedDocument(client, fileUri(file), LANGUAGE[kind]!, fs.readFileSync(file, 'utf8')));
    for (const document of documents) await document.open();
    const sites = documents.map((d, i) => editSites(d.text, files[i].kind));
    const lastSent = new Map<string, { version: number; at: number }>();
    const first = await burst(documents, sites, 1_000, lastSent);
    const start = memoryPoint(await stats(client));
    for (let round = 1; round < 10; round++) await burst(documents, sites, 1_000, lastSent);
    return { burst: first, start, end: memoryPoint(await stats(client)), publishes: assertNothingStale(client, documents, lastSent) };
  } finally {
    await client.stop();
  }
}

/**
 * The burst and the soak, on fresh servers: RSS after a GC moves by several percent from one run to the next (the
 * room V8 keeps for the old generation), so the soak runs more than once and each run is shown.
 */
async function load(): Promise<void> {
  const change = (a: number, b: number) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`;
  for (let run = 1; run <= SOAK_RUNS; run++) {
    const { burst: first, start, end, publishes } = await soak();
    if (run === 1) {
      console.log(`  burst of 1,000 edits over 20 open files (debounce ${DEBOUNCE_MS} ms): last edit of each file to its fresh diagnostics p50 ${ms(percentile(first, 50))}, p99 ${ms(percentile(first, 99))}`);
      console.log(`  ${publishes} publishes checked: none stale (versions only rise, the last is the last sent)`);
      console.log(`  memory after a GC, after the first 1,000 edits and after 10,000 (target within 10%), soak ${run} of ${SOAK_RUNS} on a fresh server each:`);
    }
    console.log(
      `    soak ${run}: heapUsed ${MB(start.heapUsed)} -> ${MB(end.heapUsed)} (${change(start.heapUsed, end.heapUsed)}); old generation live ${MB(start.oldUsed)} -> ${MB(end.oldUsed)} (${change(start.oldUsed, end.oldUsed)}), kept ${MB(start.oldSize)} -> ${MB(end.oldSize)}; RSS ${MB(start.rss)} -> ${MB(end.rss)} (${change(start.rss, end.rss)})`,
    );
  }
}

export async function editorLatency(): Promise<void> {
  console.log(`\nLanguage server over stdio (Node ${process.version})`);
  console.log(`  didChange to publishDiagnostics of that version, ${EDITS} edits after ${WARM_UP_EDITS} warm-up ones, each sent once the previous one's diagnostics arrived;`);
  console.log(`  debounce set to 0 through initializationOptions, so the figures are the server's work and the transport, not the ${DEBOUNCE_MS} ms pause`);
  await latencyOn('bicep', '50 ms');
  await latencyOn('arm', '100 ms');
  await latencyOn('k8s', '100 ms');
  await corpusWorkspace();
  await load();
}
