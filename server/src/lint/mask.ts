/**
 * How a detected secret appears anywhere ztlint prints it: a few leading characters of long values only (enough
 * to find it, too few to use it) and its length. Never the whole value.
 */
export function maskSecret(secret: string): string {
  const shown = secret.length >= 16 ? secret.slice(0, 3) : '';
  return `'${shown}…' (${secret.length} characters)`;
}
