import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArmClient, ArmError, retryDelayMs, type ArmRead } from 'ztlint/azure/client/armClient';
import { armEndpoint } from 'ztlint/azure/client/endpoint';

interface Seen {
  readonly url: string;
  readonly authorization?: string;
}

/** A server that answers each request with the next of `answers` and records what it was sent. */
async function scripted(answers: ((origin: string) => { status: number; body: unknown; headers?: Record<string, string> })[]) {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)](origin);
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const READ: ArmRead = { path: '/subscriptions/s/resources', apiVersion: '2021-04-01', scope: '/subscriptions/s', permission: 'Microsoft.Resources/subscriptions/resources/read' };
const TOKEN = 'fake-token-for-tests';

describe('ArmClient', () => {
  const waits: number[] = [];
  const clientFor = (origin: string, attempts?: number) => new ArmClient({ endpoint: new URL(origin), token: async () => TOKEN, attempts, sleep: async (ms) => void waits.push(ms) });
  beforeEach(() => (waits.length = 0));

  it('waits what Retry-After says (seconds or a date), else backs off exponentially', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryDelayMs('7', 1, now), 7000);
    assert.equal(retryDelayMs('Thu, 01 Jan 2026 00:00:03 GMT', 1, now), 3000);
    assert.deepEqual(
      [1, 2, 3].map((attempt) => retryDelayMs(null, attempt, now)),
      [1000, 2000, 4000],
    );
  });

  it('gives up on a read still throttled after its attempts, saying so', async () => {
    const server = await scripted([() => ({ status: 429, body: {}, headers: { 'retry-after': '2' } })]);
    try {
      await assert.rejects(clientFor(server.origin, 3).list(READ), (error: ArmError) => error.status === 429 && /throttling reads of \/subscriptions\/s \(429\) after 3 attempts/.test(error.message));
      assert.equal(server.seen.length, 3);
      assert.deepEqual(waits, [2000, 2000]);
    } finally {
      await server.close();
    }
  });

  it('follows nextLink on the same host and refuses one on another, without sending it the token', async () => {
    const server = await scripted([
      (origin) => ({ status: 200, body: { value: [1, 2], nextLink: `${origin}/subscriptions/s/resources?api-version=2021-04-01&$skiptoken=2` } }),
      () => ({ status: 200, body: { value: [3], nextLink: 'https://elsewhere.example.com/steal?api-version=1' } }),
    ]);
    try {
      await assert.rejects(clientFor(server.origin).list(READ), /sent a next page on another host \(elsewhere\.example\.com\)/);
      assert.deepEqual(
        server.seen.map((s) => s.url),
        ['/subscriptions/s/resources?api-version=2021-04-01', '/subscriptions/s/resources?api-version=2021-04-01&$skiptoken=2'],
      );
      assert.ok(server.seen.every((s) => s.authorization === `Bearer ${TOKEN}`));
    } finally {
      await server.close();
    }
  });

  it('turns a 401 into advice to sign in again, without the token', async () => {
    const server = await scripted([() => ({ status: 401, body: { error: { code: 'ExpiredAuthenticationToken', message: 'The access token expiry UTC time is earlier than current UTC time.' } } })]);
    try {
      await assert.rejects(clientFor(server.origin).get(READ), (error: ArmError) => {
        assert.match(error.message, /did not accept the sign-in for \/subscriptions\/s \(401: ExpiredAuthenticationToken: .*\); sign in again \(`az login`\)/);
        assert.ok(!error.message.includes(TOKEN));
        return true;
      });
    } finally {
      await server.close();
    }
  });
});

describe('armEndpoint', () => {
  it('is public Resource Manager unless ZTLINT_ARM_ENDPOINT says otherwise; plain http only on loopback', () => {
    assert.equal(String(armEndpoint({})), 'https://management.azure.com/');
    assert.equal(String(armEndpoint({ ZTLINT_ARM_ENDPOINT: 'https://management.usgovcloudapi.net/' })), 'https://management.usgovcloudapi.net/');
    assert.equal(String(armEndpoint({ ZTLINT_ARM_ENDPOINT: 'http://127.0.0.1:8080' })), 'http://127.0.0.1:8080/');
    assert.equal(String(armEndpoint({ ZTLINT_ARM_ENDPOINT: 'http://[::1]:8080' })), 'http://[::1]:8080/');
    for (const refused of ['http://management.example.com', 'http://127.0.0.1.example.com', 'ftp://127.0.0.1', 'not a url']) {
      assert.ok('error' in armEndpoint({ ZTLINT_ARM_ENDPOINT: refused }), refused);
    }
  });
});
