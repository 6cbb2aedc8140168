import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ServerStats } from 'ztlint/lsp/serverStats';
import { hugeArmTemplate } from '../robustness/slowInput';
import { fileUri, LspClient, makeWorkspace } from './lspClient';

const stats = async (client: LspClient) => (await client.executeCommand('ztlint.server.stats')) as ServerStats;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('language server: an edit that arrives while the previous version is read', () => {
  it('cancels the lint of the version it replaced: that version is read, never linted or published', async function () {
    this.timeout(120_000);
    const workspace = makeWorkspace({});
    const file = path.join(workspace, 'big.json');
    const uri = fileUri(file);
    // Some 200 ms to read: an edit sent tens of ms after the one before arrives while that one is being read.
    const text = hugeArmTemplate(4);
    const client = await LspClient.start(workspace, { debounceMs: 0 });
    try {
      await client.open(uri, text, 'json');
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 60_000);
      const at = { line: 0, character: 1 };
      // The server reads an edit as soon as it arrives (no pause): how long after it the next one lands decides
      // whether it lands during the read. Two reads and one lint show the cancellation; two reads and two lints
      // only that the second edit came after the first was read (a busy machine can hold the client back), one
      // read that both came together: then the next gap is tried.
      const seen: string[] = [];
      for (const gapMs of [10, 20, 40, 80, 10, 20, 40, 80]) {
        const before = await stats(client);
        const replaced = await client.change(uri, [{ range: { start: at, end: at }, text: ' ' }]);
        await sleep(gapMs);
        const latest = await client.change(uri, [{ range: { start: at, end: at }, text: ' ' }]);
        await client.waitForDiagnostics(uri, (p) => p.version === latest, 60_000);
        const after = await stats(client);
        const reads = after.reads[file] - before.reads[file];
        const lints = after.lints[file] - before.lints[file];
        seen.push(`${gapMs} ms: ${reads} reads, ${lints} lints`);
        if (reads === 2 && lints === 1) {
          assert.ok(!client.published.some((p) => p.uri === uri && p.version === replaced), 'the replaced version is not published');
          return;
        }
      }
      assert.fail(`no edit was cancelled by the next: ${seen.join('; ')}`);
    } finally {
      await client.stop();
    }
  });
});
