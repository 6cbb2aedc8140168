import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DENIED_SUBSCRIPTION_ID, DIAGNOSTIC_SETTINGS, RESOURCES, RG_LOCKED, ROLE_ASSIGNMENTS, ROLE_DEFINITIONS, SUBSCRIPTION_ID } from './deployedState';

/** One request the stand-in answered; the token is never kept, only whether it was one the stand-in issued. */
export interface RecordedRequest {
  readonly path: string;
  readonly apiVersion: string | null;
  readonly status: number;
  readonly at: number;
}

export interface ArmStandIn {
  /** Resource Manager's endpoint (`ZTLINT_ARM_ENDPOINT`) */
  readonly armEndpoint: string;
  /** the App Service managed identity endpoint (`IDENTITY_ENDPOINT`) and its secret header (`IDENTITY_HEADER`) */
  readonly identityEndpoint: string;
  readonly identityHeader: string;
  readonly requests: RecordedRequest[];
  /** every token the identity endpoint handed out */
  readonly issuedTokens: string[];
  close(): Promise<void>;
}

export interface StandInOptions {
  /** ids whose first GET is answered 429 with this Retry-After (seconds) */
  readonly throttleOnce?: Readonly<Record<string, number>>;
}

const SUB = `/subscriptions/${SUBSCRIPTION_ID}`;
const RESOURCE_PAGE = 3;
const ASSIGNMENT_PAGE = 2;

const armError = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });

const under = (id: string, scope: string) => id.toLowerCase() === scope.toLowerCase() || id.toLowerCase().startsWith(`${scope.toLowerCase()}/`);

/** Top-level resources a listing returns: child resources like `config/web` are not listed. */
const LISTED = RESOURCES.filter((r) => r.type.split('/').length === 2);

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** A page of `items` and, unless it is the last, a nextLink back to the same path with a skip token. */
function page(url: URL, items: readonly unknown[], size: number): Answer {
  const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
  const next = new URL(url.href);
  next.searchParams.set('$skiptoken', String(skip + size));
  return { status: 200, body: { value: items.slice(skip, skip + size), ...(skip + size < items.length ? { nextLink: next.href } : {}) } };
}

/**
 * A Resource Manager stand-in on loopback: the read endpoints `ztlint azure` calls, answered from
 * deployedState.ts as Azure answers them (paging with nextLink, 401/403/404 error bodies, 429 with Retry-After),
 * plus the App Service managed identity endpoint that @azure/identity's ManagedIdentityCredential asks for a
 * token. Resource Manager accepts only tokens that endpoint issued.
 */
export async function startArmStandIn(options: StandInOptions = {}): Promise<ArmStandIn> {
  const identityHeader = `fake-identity-header-${randomUUID()}`;
  const issuedTokens: string[] = [];
  const requests: RecordedRequest[] = [];
  const throttled = new Set<string>();

  const token = (url: URL, headers: http.IncomingHttpHeaders): Answer => {
    if (headers['x-identity-header'] !== identityHeader) return { status: 401, body: { statusCode: 401, message: 'missing or wrong X-IDENTITY-HEADER' } };
    const issued = `fake-arm-token-${randomUUID()}`;
    issuedTokens.push(issued);
    const resource = url.searchParams.get('resource') ?? '';
    return { status: 200, body: { access_token: issued, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource, token_type: 'Bearer', client_id: '00000000-0000-4000-8000-0000000000c1' } };
  };

  const arm = (url: URL): Answer => {
    const path = url.pathname.replace(/\/$/, '');
    const lower = path.toLowerCase();
    const throttle = Object.entries(options.throttleOnce ?? {}).find(([id]) => id.toLowerCase() === lower);
    if (throttle && !throttled.has(lower)) {
      throttled.add(lower);
      return { status: 429, headers: { 'retry-after': String(throttle[1]) }, body: { error: { code: 'TooManyRequests', message: 'The request is being throttled.' } } };
    }
    const deniedScope = under(path, `/subscriptions/${DENIED_SUBSCRIPTION_ID}`) ? `/subscriptions/${DENIED_SUBSCRIPTION_ID}` : under(path, RG_LOCKED) ? RG_LOCKED : undefined;
    if (deniedScope) {
      return armError(
        403,
        'AuthorizationFailed',
        `The client '00000000-0000-4000-8000-0000000000c1' with object id '00000000-0000-4000-8000-0000000000c1' does not have authorization to perform action 'read' over scope '${path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      );
    }
    if (!under(path, SUB)) return armError(404, 'SubscriptionNotFound', `The subscription '${path.split('/')[2]}' could not be found.`);
    const listing = /^(.*)\/providers\/microsoft\.authorization\/(roleassignments|roledefinitions)$/.exec(lower);
    if (listing) {
      const scope = path.slice(0, listing[1].length);
      if (listing[2] === 'roledefinitions') return { status: 200, body: { value: ROLE_DEFINITIONS } };
      // At a scope: the assignments made there, above it (inherited) and below it.
      return page(url, ROLE_ASSIGNMENTS.filter((a) => under(scope, a.properties.scope) || under(a.properties.scope, scope)), ASSIGNMENT_PAGE);
    }
    if (lower === `${SUB}/resources`.toLowerCase()) return page(url, LISTED, RESOURCE_PAGE);
    const group = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/resources$/.exec(lower);
    if (group) {
      const scope = path.slice(0, -'/resources'.length);
      const items = LISTED.filter((r) => under(r.id, scope));
      if (items.length === 0) return armError(404, 'ResourceGroupNotFound', `Resource group '${group[1]}' could not be found.`);
      return page(url, items, RESOURCE_PAGE);
    }
    const diagnostics = /^(.*)\/providers\/microsoft\.insights\/diagnosticsettings$/.exec(lower);
    if (diagnostics) {
      const parent = Object.keys(DIAGNOSTIC_SETTINGS).find((id) => id.toLowerCase() === diagnostics[1]);
      return { status: 200, body: { value: parent ? DIAGNOSTIC_SETTINGS[parent] : [] } };
    }
    const resource = RESOURCES.find((r) => r.id.toLowerCase() === lower);
    if (resource) return { status: 200, body: resource };
    return armError(404, 'ResourceNotFound', `The Resource '${path.split('/').slice(-2).join('/')}' under resource group '${path.split('/')[4]}' was not found.`);
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    let answer: Answer;
    if (url.pathname === '/msi/token') answer = token(url, request.headers);
    else if (request.method !== 'GET') answer = armError(405, 'MethodNotAllowed', 'ztlint only reads');
    else if (!issuedTokens.some((t) => request.headers.authorization === `Bearer ${t}`))
      answer = armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
    else if (!url.searchParams.get('api-version')) answer = armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    else answer = arm(url);
    requests.push({ path: url.pathname, apiVersion: url.searchParams.get('api-version'), status: answer.status, at: Date.now() });
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    armEndpoint: origin,
    identityEndpoint: `${origin}/msi/token`,
    identityHeader,
    requests,
    issuedTokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
