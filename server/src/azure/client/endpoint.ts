/** Azure Resource Manager in the public cloud. */
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

/** The variable that points the scan at another Resource Manager endpoint: a stand-in on loopback in tests. */
export const ARM_ENDPOINT_VARIABLE = 'ZTLINT_ARM_ENDPOINT';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The Resource Manager endpoint to call, or why the configured one is refused. The bearer token goes with every
 * call, so plain http is allowed only where it cannot leave the machine.
 */
export function armEndpoint(env: NodeJS.ProcessEnv = process.env): URL | { readonly error: string } {
  const configured = env[ARM_ENDPOINT_VARIABLE]?.trim() || DEFAULT_ARM_ENDPOINT;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return { error: `${ARM_ENDPOINT_VARIABLE} is not a URL: '${configured}'` };
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return new URL(url.origin);
  return { error: `${ARM_ENDPOINT_VARIABLE} must be an https URL (plain http only on a loopback host): '${configured}'` };
}
