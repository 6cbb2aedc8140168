import type { UnknownValue, Value } from 'ztlint/model/value';
import { isPlaceholder } from './secretValues';

/** The service a connection string is for, which decides the identity-based form to suggest instead. */
export type Service = 'storage' | 'cosmos' | 'messaging' | 'database' | 'other';

/** A secret inside a connection string or URL: written out, or computed at deployment (`listKeys()`). */
export interface EmbeddedSecret {
  /** `an account key (`AccountKey=`)` */
  readonly what: string;
  /** the secret as written, when it is written out: only ever shown masked */
  readonly literal?: string;
  /** the part known only at deployment, when it is computed */
  readonly computed?: UnknownValue;
  readonly service: Service;
}

/** Each part known only at deployment stands in the text as one private-use character. */
const FIRST_UNKNOWN = 0xe000;
const UNKNOWN_PART = /[\ue000-\uf8ff]/;

interface Marker {
  readonly pattern: RegExp;
  readonly what: (name: string) => string;
}

// The secret ends where the connection string's next entry or the URL's next query parameter starts; a SAS
// token as a whole (`SharedAccessSignature=sv=...&sig=...`) runs on over its own `&`.
const MARKERS: readonly Marker[] = [
  { pattern: /(?<=^|[\s;"'{(,?&])(AccountKey|SharedAccessKey|Password|Pwd)[ \t]*=[ \t]*([^;&"'\s]*)/gi, what: (name) => `${describeKey(name)} (\`${name}=\`)` },
  { pattern: /(?<=^|[\s;"'{(,])(SharedAccessSignature)[ \t]*=[ \t]*([^;"'\s]*)/gi, what: (name) => `a shared access signature (\`${name}=\`)` },
  { pattern: /(?<=[?&])(sig)=([^&#"'\s]*)/gi, what: () => 'a SAS signature (`sig=`)' },
  // The scheme is checked behind a `://` found first: tried at every character, it would rescan each run of scheme
  // characters (`a.a.a.a...`) from each of its letters, quadratic in the run.
  { pattern: /:\/\/(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^\s:/@"';]+(:)([^\s/@"';]*)@/gi, what: () => 'a password in the URL (`user:password@`)' },
];

function describeKey(name: string): string {
  switch (name.toLowerCase()) {
    case 'accountkey':
      return 'an account key';
    case 'sharedaccesskey':
      return 'a shared access key';
    default:
      return 'a password';
  }
}

function serviceOf(text: string, what: string): Service {
  if (/AccountEndpoint\s*=|\.documents\.azure\.com/i.test(text)) return 'cosmos';
  if (/Endpoint\s*=\s*sb:\/\/|\.servicebus\.windows\.net/i.test(text)) return 'messaging';
  if (/AccountName\s*=|DefaultEndpointsProtocol\s*=|BlobEndpoint\s*=|\.core\.windows\.net/i.test(text)) return 'storage';
  if (what.startsWith('a password')) return 'database';
  return 'other';
}

/** The value as text, each unknown part replaced by its stand-in; `undefined` when nothing of it is known. */
function textOf(value: Value): { text: string; unknowns: UnknownValue[] } | undefined {
  if (value.kind === 'string') return { text: value.value, unknowns: [] };
  if (value.kind !== 'unknown' || !value.fragments) return undefined;
  const unknowns: UnknownValue[] = [];
  const text = value.fragments.map((f) => (f.kind === 'string' ? f.value : String.fromCharCode(FIRST_UNKNOWN + unknowns.push(f) - 1))).join('');
  return { text, unknowns };
}

/**
 * The secrets embedded in a string: `AccountKey=`, `SharedAccessKey=`, `SharedAccessSignature=`, a SAS `sig=`,
 * `Password=`/`Pwd=`, `user:password@` in a URL. A string built by concatenation is read through its known
 * pieces, so `AccountKey=` followed by a `listKeys()` result is found too. Placeholders are not secrets.
 */
export function embeddedSecrets(value: Value): EmbeddedSecret[] {
  const known = textOf(value);
  if (!known) return [];
  const { text, unknowns } = known;
  // Every marker needs a `=` (or a URL's `@`): most strings have neither, and skip four regular expressions.
  if (!text.includes('=') && !text.includes('@')) return [];
  const found: { start: number; end: number; secret: EmbeddedSecret }[] = [];
  for (const marker of MARKERS) {
    for (const match of text.matchAll(marker.pattern)) {
      const secretText = match[2];
      const end = match.index + match[0].length;
      const start = end - secretText.length;
      const what = marker.what(match[1]);
      const service = serviceOf(text, what);
      if (UNKNOWN_PART.test(secretText)) {
        const parts = [...secretText].filter((c) => UNKNOWN_PART.test(c)).map((c) => unknowns[c.charCodeAt(0) - FIRST_UNKNOWN]);
        const computed = parts.find((p) => p.runtimeFunction?.toLowerCase().startsWith('list')) ?? parts[0];
        found.push({ start, end, secret: { what, computed, service } });
      } else if (!isPlaceholder(secretText)) {
        found.push({ start, end, secret: { what, literal: secretText.trim(), service } });
      }
    }
  }
  // A `sig=` inside a `SharedAccessSignature=` is the same secret.
  return found.filter((f) => !found.some((other) => other !== f && other.start <= f.start && f.end <= other.end && (other.start < f.start || other.end > f.end))).map((f) => f.secret);
}

/** Where the secret comes from, for a message: `written out as 'ZmF…' (12 characters)`, `from `listKeys()``. */
export function secretOrigin(secret: EmbeddedSecret, mask: (secret: string) => string): string {
  if (secret.literal !== undefined) return `written out as ${mask(secret.literal)}`;
  const fn = secret.computed?.runtimeFunction;
  return fn ? `from \`${fn}()\`` : `computed at deployment (${secret.computed?.reason ?? 'unknown'})`;
}
