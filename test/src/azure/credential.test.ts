import * as assert from 'node:assert/strict';
import { AggregateAuthenticationError, AuthenticationError, CredentialUnavailableError, type AccessToken, type TokenCredential } from '@azure/identity';
import { ARM_SCOPE, armTokens, SignInError } from 'ztlint/azure/client/credential';

/** A credential that answers from a script and counts how often it was asked. */
function scriptedCredential(answer: (call: number) => Promise<AccessToken | null>) {
  const scopes: (string | string[])[] = [];
  const credential: TokenCredential = { getToken: (scope) => (scopes.push(scope), answer(scopes.length)) };
  return { credential, scopes };
}

const HOUR = 3_600_000;

describe('armTokens', () => {
  it('asks once for the Resource Manager scope, however many reads start together, and keeps the token', async () => {
    const { credential, scopes } = scriptedCredential(async (call) => ({ token: `fake-token-${call}`, expiresOnTimestamp: Date.now() + HOUR }));
    const token = armTokens(credential);
    assert.deepEqual(await Promise.all([token(), token(), token()]), ['fake-token-1', 'fake-token-1', 'fake-token-1']);
    assert.equal(await token(), 'fake-token-1');
    assert.deepEqual(scopes, [ARM_SCOPE]);
  });

  it('renews a token that is about to expire', async () => {
    const { credential, scopes } = scriptedCredential(async (call) => ({ token: `fake-token-${call}`, expiresOnTimestamp: Date.now() + (call === 1 ? 60_000 : HOUR) }));
    const token = armTokens(credential);
    assert.equal(await token(), 'fake-token-1');
    assert.equal(await token(), 'fake-token-2');
    assert.equal(scopes.length, 2);
  });

  it('no credential in the chain: says how to sign in', async () => {
    const unavailable = new AggregateAuthenticationError([new CredentialUnavailableError('Azure CLI could not be found.')], 'ChainedTokenCredential authentication failed.');
    const token = armTokens(scriptedCredential(() => Promise.reject(unavailable)).credential);
    await assert.rejects(token(), (error: Error) => error instanceof SignInError && /^no Azure credential found: sign in with `az login`.*workload identity federation/.test(error.message));
  });

  it('a credential that failed: its first line and how to sign in', async () => {
    const failed = new AuthenticationError(400, { error: 'invalid_grant', error_description: 'AADSTS700024: Client assertion is not within its valid time range.\nTrace ID: 0000' });
    const token = armTokens(scriptedCredential(() => Promise.reject(failed)).credential);
    await assert.rejects(token(), (error: Error) => {
      assert.ok(error instanceof SignInError);
      assert.match(error.message, /^Azure sign-in failed \(.*AADSTS700024.*\): sign in with `az login`/);
      assert.ok(!error.message.includes('Trace ID'));
      return true;
    });
  });
});
