import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from 'ztlint/config/config';
import { LspClient, makeWorkspace } from './lspClient';

/**
 * The VS Code extension is bundled on its own and cannot import the server's modules (they need Node, not the
 * extension host), so it spells the names it shares with the server again: these tests hold the two spellings
 * together, reading the client's sources as written.
 */
const CLIENT_SOURCES = path.resolve(__dirname, '../../../client/src');
const clientSource = (file: string) => fs.readFileSync(path.join(CLIENT_SOURCES, file), 'utf8');

describe('the VS Code client and the server agree on', () => {
  it('the commands the client sends: each one is announced by the server', async () => {
    const sent = [...clientSource('serverCommands.ts').matchAll(/'(ztlint\.server\.[A-Za-z]+)'/g)].map((m) => m[1]);
    assert.ok(sent.length >= 2, `commands found in serverCommands.ts: ${sent.join(', ')}`);
    const client = await LspClient.start(makeWorkspace({}));
    try {
      const announced = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
      for (const command of sent) assert.ok(announced.includes(command), `${command} is not among ${announced.join(', ')}`);
    } finally {
      await client.stop();
    }
  });

  it('the name of the config file', () => {
    const spelled = clientSource('config.ts').match(/export const CONFIG_FILE_NAME = '([^']+)'/)?.[1];
    assert.equal(spelled, CONFIG_FILE_NAME);
  });
});
