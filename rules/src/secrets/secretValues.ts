import { nameWords, secretNameKind, type SecretKind } from './secretNames';

/**
 * Placeholders are values someone substitutes before deploying (a pipeline token, a documentation hint); they
 * are not secrets. A well-known default such as `changeme` or `P@ssw0rd` is not a placeholder: it is a secret
 * that everybody knows, and it is reported.
 */
const PLACEHOLDERS: readonly RegExp[] = [
  /^\s*$/,
  /^<[^<>]*>$/, // <password>
  /^\{\{?[^{}]*\}?\}$/, // {password}, {{ .Values.password }}
  /^\$\{[^}]*\}$/, // ${PASSWORD}
  /^\$\([^)]*\)$/, // $(PASSWORD): Azure Pipelines, Kubernetes env expansion
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $PASSWORD
  /^#\{[^}]*\}#?$/, // #{Password}#: replace-tokens
  /^__[A-Za-z0-9_.-]+__$/, // __PASSWORD__
  /^%[A-Za-z0-9_]+%$/, // %PASSWORD%
  /^\[[^\]]*\]$/, // [password]
  /^[*xX.•?]+$/, // ****, xxxx, ?
  /^GEN-[A-Z0-9-]+$/, // GEN-PASSWORD: the Azure Quickstart Templates test harness
];

/** Values that are no secret whatever they are called: flags, numbers, paths, addresses, references to a vault. */
const NOT_SECRETS: readonly RegExp[] = [
  /^(true|false|yes|no|on|off|null|none|nil|enabled|disabled|required|optional)$/i,
  /^-?\d+(\.\d+)?$/,
  /^\/[\w.-]+(\/[\w.@-]+)*\/?$/, // /var/run/secrets/..., a file the secret is mounted at
  /^[\w.-]+\.(pem|key|crt|cer|pfx|p12|jks|json|txt|yaml|yml)$/i, // a file name
  /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i, // a URL without credentials (a Key Vault secret URI, an endpoint)
  /^@Microsoft\.KeyVault\(/i, // an App Service Key Vault reference
  /^\S+(\s+\S+){3,}$/, // a sentence: "see readme.md for how to create one"
  /^PrivateSettingsRef:/i, // a DSC extension's reference to its protected settings
];

export function isPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  return PLACEHOLDERS.some((pattern) => pattern.test(trimmed));
}

/**
 * Whether a name-like text ends with a separator (`-`, `_`, `.`) and a word of letters: `vm-admin-password`, not
 * `Example-Secret-1`. By hand: as one regular expression its separators and words overlap and backtrack
 * exponentially.
 */
function endsWithSeparatedWord(text: string): boolean {
  let start = text.length;
  while (start > 0 && /[A-Za-z_]/.test(text[start - 1])) start--;
  if (start === text.length) return false;
  if (start > 0 && (text[start - 1] === '-' || text[start - 1] === '.')) return true;
  const underscore = text.indexOf('_', Math.max(start, 1));
  return underscore !== -1 && underscore < text.length - 1;
}

/**
 * Whether a value named like a secret could hold one: not a placeholder, a flag, a number, a path, a URL, a
 * sentence, its own name again (`FUNCTION_KEY: 'FUNCTION-KEY'`), or the name of a secret kept elsewhere
 * (`vm-admin-password`, `AzureUsage-OPSINSIGHTS_WS_KEY`).
 */
function couldBeSecret(text: string, name: string): boolean {
  const trimmed = text.trim();
  if (nameWords(trimmed).join(' ') === nameWords(name).join(' ')) return false;
  // A secret's name ends with a word; a password made of words (`Example-Secret-1`) usually does not.
  if (/^[A-Za-z][\w.-]*$/.test(trimmed) && endsWithSeparatedWord(trimmed) && secretNameKind(trimmed) !== undefined) return false;
  return !isPlaceholder(trimmed) && !NOT_SECRETS.some((pattern) => pattern.test(trimmed));
}

/**
 * The kind of secret a named value holds: the name says secret and the value could be one. Connection strings
 * are judged by what they contain (see connectionStrings.ts), not by their name.
 */
export function namedSecret(name: string | undefined, text: string): SecretKind | undefined {
  if (name === undefined) return undefined;
  const kind = secretNameKind(name);
  return kind !== undefined && kind !== 'connection string' && couldBeSecret(text, name) ? kind : undefined;
}

const CREDENTIAL_SHAPES: readonly (readonly [RegExp, string])[] = [
  [/-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----/, 'a private key'],
  // Starts only where a run of token characters starts: `\b` would let every `eyJ` inside one long run start a
  // scan to the run's end, which is quadratic.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JSON Web Token'],
  [/\bgh[pousr]_[A-Za-z0-9]{36}\b/, 'a GitHub token'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
];

/** What a value is when its shape alone shows a credential, whatever it is called: `a private key`... */
export function credentialShape(text: string): string | undefined {
  return CREDENTIAL_SHAPES.find(([pattern]) => pattern.test(text))?.[1];
}
