import type { TokenCredential } from '@azure/identity';

/** Resource Manager's scope: a token for it is all the scan needs. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

export const SIGN_IN_HELP =
  'sign in with `az login` (or `azd auth login`, or `Connect-AzAccount` in PowerShell); in CI, use a managed identity or workload identity federation (azure/login with OIDC), see "Deployed posture" in the README';

/** No credential could give a token: what the user must do is sign in, not read a stack trace. */
export class SignInError extends Error {}

/** Tokens that have fewer than this many milliseconds left are renewed before a call, not after a 401. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * A source of bearer tokens for Resource Manager. Some credentials (the Azure CLI's) start a process for every
 * token, so one is kept until shortly before it expires, and reads that start together wait for the same one.
 * The token never leaves this closure and the HTTP client: errors carry the credential's reason, never a token.
 */
export function armTokens(given?: TokenCredential): () => Promise<string> {
  let credential = given;
  const fetchToken = async () => {
    let token: Awaited<ReturnType<TokenCredential['getToken']>>;
    try {
      // Loaded on first use: @azure/identity takes over 100 ms of CPU to load, which the language server's start should not pay.
      credential ??= new (require('@azure/identity') as typeof import('@azure/identity')).DefaultAzureCredential();
      token = await credential.getToken(ARM_SCOPE);
    } catch (error) {
      throw signInError(error);
    }
    if (!token) throw new SignInError(`no Azure credential gave a token: ${SIGN_IN_HELP}`);
    return token;
  };
  // A token being fetched does not expire; a failed one is kept too, since a failed sign-in ends the scan.
  interface Held {
    readonly token: Promise<string>;
    expiresOn: number;
  }
  let current: Held | undefined;
  return () => {
    if (!current || current.expiresOn - Date.now() <= RENEW_BEFORE_MS) {
      const entry: Held = {
        expiresOn: Infinity,
        token: fetchToken().then((t) => {
          entry.expiresOn = t.expiresOnTimestamp;
          return t.token;
        }),
      };
      current = entry;
    }
    return current.token;
  };
}

function signInError(error: unknown): SignInError {
  const name = error instanceof Error ? error.name : '';
  // Every credential of the chain said it is unavailable: nobody is signed in.
  if (name === 'AggregateAuthenticationError' || name === 'CredentialUnavailableError') return new SignInError(`no Azure credential found: ${SIGN_IN_HELP}`);
  // A credential was there but failed (expired login, wrong tenant): Entra ID's description (AADSTS...) says why.
  const said = (error as { errorResponse?: { errorDescription?: string } } | null | undefined)?.errorResponse?.errorDescription ?? (error instanceof Error ? error.message : String(error));
  const reason = said.split('\n')[0];
  return new SignInError(`Azure sign-in failed (${reason}): ${SIGN_IN_HELP}`);
}
