/** One read of Resource Manager: what it is for, so that a failure can say what is missing where. */
export interface ArmRead {
  /** path and query below the endpoint, without api-version (`/subscriptions/<id>/resources`) */
  readonly path: string;
  readonly apiVersion: string;
  /** the subscription, resource group or resource id the read is about */
  readonly scope: string;
  /** the Azure RBAC action the read needs (`Microsoft.KeyVault/vaults/read`) */
  readonly permission: string;
}

/** A read Resource Manager refused or could not answer; the message says what to do about it. */
export class ArmError extends Error {
  constructor(
    message: string,
    readonly scope: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ArmClientOptions {
  readonly endpoint: URL;
  readonly token: () => Promise<string>;
  /** attempts for a throttled (429) or unavailable (503) read, the first one included */
  readonly attempts?: number;
  /** told before each retry: how long it waits and why */
  readonly onRetry?: (read: ArmRead, waitMs: number, status: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_ATTEMPTS = 5;
/** A Retry-After longer than this is Resource Manager asking us to stop for a while: we stop and say so. */
const LONGEST_WAIT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 60_000;

/** How long to wait before the next attempt: Retry-After (seconds or an HTTP date), else exponential back-off. */
export function retryDelayMs(retryAfter: string | null, attempt: number, now = Date.now()): number {
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return 1000 * 2 ** (attempt - 1);
}

interface ArmErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

async function armErrorOf(response: Response, read: ArmRead): Promise<ArmError> {
  let body: ArmErrorBody = {};
  try {
    body = (await response.json()) as ArmErrorBody;
  } catch {
    // Not every failure has an ARM error body (a gateway's HTML page); the status still says enough.
  }
  const said = body.error?.message ? `: ${body.error.code ? `${body.error.code}: ` : ''}${body.error.message}` : '';
  switch (response.status) {
    case 401:
      return new ArmError(`Azure Resource Manager did not accept the sign-in for ${read.scope} (401${said}); sign in again (\`az login\`) or check the identity's tenant`, read.scope, 401);
    case 403:
      // Resource Manager's own message repeats the scope and names the identity by its object id: the code is enough.
      return new ArmError(`no permission to read ${read.scope}: ${read.permission} is missing (403${body.error?.code ? ` ${body.error.code}` : ''}); the scan needs the Reader role on the subscription or resource group`, read.scope, 403);
    case 404:
      return new ArmError(`${read.scope} was not found (404${said})`, read.scope, 404);
    default:
      return new ArmError(`Azure Resource Manager failed to read ${read.scope} (${response.status}${said})`, read.scope, response.status);
  }
}

/**
 * A small read-only Resource Manager client on node's fetch: GETs with a bearer token, retries when throttled,
 * follows `nextLink`. It only ever sends the token to the endpoint it was given.
 */
export class ArmClient {
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ArmClientOptions) {
    this.attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The resource or object at `read.path`. */
  get<T>(read: ArmRead): Promise<T> {
    const url = new URL(read.path, this.options.endpoint);
    url.searchParams.set('api-version', read.apiVersion);
    return this.fetchJson<T>(url, read);
  }

  /** Every item of a list, page after page. */
  async list<T>(read: ArmRead): Promise<T[]> {
    const items: T[] = [];
    let page: { readonly value?: T[]; readonly nextLink?: string | null } = await this.get(read);
    for (;;) {
      items.push(...(page.value ?? []));
      if (!page.nextLink) return items;
      const next = new URL(page.nextLink, this.options.endpoint);
      if (next.origin !== this.options.endpoint.origin) throw new ArmError(`Azure Resource Manager sent a next page on another host (${next.host}) for ${read.scope}; not followed`, read.scope);
      page = await this.fetchJson(next, read);
    }
  }

  private async fetchJson<T>(url: URL, read: ArmRead): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.options.token();
      let response: Response;
      try {
        response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      } catch (error) {
        const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        throw new ArmError(`cannot reach Azure Resource Manager at ${this.options.endpoint.host} for ${read.scope} (${cause})`, read.scope);
      }
      if (response.ok) return (await response.json()) as T;
      const retryable = response.status === 429 || response.status === 503;
      const wait = retryDelayMs(response.headers.get('retry-after'), attempt);
      if (!retryable || attempt >= this.attempts || wait > LONGEST_WAIT_MS) {
        if (retryable) {
          await response.body?.cancel();
          throw new ArmError(`Azure Resource Manager is throttling reads of ${read.scope} (${response.status}) after ${attempt} attempt${attempt === 1 ? '' : 's'}; try again later or scan fewer resource groups`, read.scope, response.status);
        }
        throw await armErrorOf(response, read);
      }
      await response.body?.cancel();
      this.options.onRetry?.(read, wait, response.status);
      await this.sleep(wait);
    }
  }
}
