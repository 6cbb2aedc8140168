/**
 * Whether a name (a parameter, a property, an app setting, an environment variable, a ConfigMap key) says that
 * its value is a secret. Names are split into words (`adminPassword`, `DB_PASSWORD`, `client-secret`) and judged
 * by their last word, the head noun: `secretName` is a name and `keyVaultSecretUsers` a list of users, while
 * `storageAccountKey` is a key. That one idea keeps `secretUri`, `sshPublicKey`, `keySource` or
 * `passwordAuthenticationDisabled` from being taken for secrets without a list of every such name.
 */
export type SecretKind = 'password' | 'secret' | 'key' | 'token' | 'credential' | 'connection string' | 'SAS';

/** Trailing words that qualify the head without changing what the value is: `passwordValue`, `apiKeyText`. */
const FILLER = new Set(['value', 'val', 'text', 'plain', 'plaintext', 'raw', 'b64', 'base64', 'encoded', 'str', 'string']);

const HEADS: ReadonlyMap<string, SecretKind> = new Map([
  ...['password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode'].map((w) => [w, 'password'] as const),
  ...['secret', 'secrets'].map((w) => [w, 'secret'] as const),
  ...['token', 'tokens'].map((w) => [w, 'token'] as const),
  ...['key', 'keys'].map((w) => [w, 'key'] as const),
  ...['credential', 'credentials', 'cred', 'creds'].map((w) => [w, 'credential'] as const),
  ...['connectionstring', 'connectionstrings', 'connstr', 'connstring'].map((w) => [w, 'connection string'] as const),
]);

/** Heads that are secrets only with a word before them: a bare `key` is a dictionary key, `pass` a verb. */
const NEEDS_MODIFIER = new Set(['key', 'keys', 'pass']);

/** Words before the head that make it something other than a secret: `sshKey` is public, `maxTokens` a count. */
const NOT_SECRET_MODIFIERS: Readonly<Partial<Record<SecretKind, ReadonlySet<string>>>> = {
  key: new Set([
    'public', 'ssh', 'partition', 'row', 'sort', 'hash', 'routing', 'cache', 'foreign', 'idempotency', 'lookup', 'dedup',
    'dedupe', 'encryption', 'kek', 'cmk', 'customer', 'unique', 'instrumentation', 'vault', 'config', 'configuration', 'setting',
    'settings', 'label', 'tag', 'header', 'index', 'column', 'shard', 'lock', 'object', 'map', 'dictionary', 'property', 'pub',
    'flag', 'taint', 'item', 'field', 'resource',
  ]),
  token: new Set(['type', 'resource', 'unique', 'creation', 'max', 'min', 'input', 'output', 'page', 'continuation', 'next', 'cancellation', 'sync', 'resume', 'num', 'total', 'count', 'completion', 'prompt']),
  secret: new Set(['vault']),
  credential: new Set(['federated', 'identity']),
};

/** A name written in one lower-case word still ends with its head: `adminpassword`, `storageaccountkey`. */
const COMPOUND_ENDINGS: readonly (readonly [string, SecretKind])[] = [
  ['connectionstrings', 'connection string'],
  ['connectionstring', 'connection string'],
  ['password', 'password'],
  ['passwd', 'password'],
  ['pwd', 'password'],
  ['secret', 'secret'],
  ['token', 'token'],
  ['credentials', 'credential'],
  ...['apikey', 'accesskey', 'accountkey', 'sharedkey', 'privatekey', 'masterkey', 'secretkey', 'storagekey'].map((w) => [w, 'key'] as const),
];

/** URL-like heads that hold a SAS token when the name says so: `sasUrl`, `containerSasUri`. */
const SAS_HEADS = new Set(['url', 'uri', 'urls', 'uris', 'token', 'signature', 'string']);

/** `adminPassword` → `admin password`; `DB_PASSWORD` → `db password`; `AzureWebJobsStorage` → `azure web jobs storage`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => withoutTrailingDigits(w.toLowerCase()))
    .filter((w) => w !== '');
}

/** `password2` → `password`; by hand, as `/\d+$/` retries from every digit of a long run of them. */
function withoutTrailingDigits(word: string): string {
  let end = word.length;
  while (end > 0 && word.charCodeAt(end - 1) >= 48 && word.charCodeAt(end - 1) <= 57) end--;
  return word.slice(0, end);
}

/**
 * Names already judged (`null`: not a secret's): the same property keys recur in every template of a scan. One
 * lookup per name, as comparing a name read from a large file with the one remembered is most of the cost.
 */
const judged = new Map<string, SecretKind | null>();
/** A scan of hostile input could name millions of keys: past this, the cache starts over. */
const JUDGED_AT_MOST = 50_000;

/** What kind of secret a name says its value is, or `undefined` when it does not name one. */
export function secretNameKind(name: string): SecretKind | undefined {
  const known = judged.get(name);
  if (known !== undefined) return known ?? undefined;
  if (judged.size >= JUDGED_AT_MOST) judged.clear();
  const kind = judgeName(name);
  judged.set(copyOf(name), kind ?? null);
  return kind;
}

/**
 * A string of its own: a name read from a file is often a slice of the file's text, and as a key of a cache that
 * lives as long as the process it kept the whole text alive (the language server held 25 MB of closed files' text).
 */
function copyOf(name: string): string {
  return ` ${name}`.slice(1);
}

function judgeName(name: string): SecretKind | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  if (words.includes('sas') && SAS_HEADS.has(words[words.length - 1])) return 'SAS';
  const last = words[words.length - 1];
  if ((last === 'string' || last === 'strings' || last === 'str') && (words[words.length - 2] === 'connection' || words[words.length - 2] === 'conn')) {
    return 'connection string';
  }
  while (words.length > 1 && FILLER.has(words[words.length - 1])) words.pop();
  const head = words[words.length - 1];
  const modifier = words[words.length - 2];
  const kind = HEADS.get(head);
  if (kind) {
    if (modifier === undefined && NEEDS_MODIFIER.has(head)) return undefined;
    if (modifier !== undefined && NOT_SECRET_MODIFIERS[kind]?.has(modifier)) return undefined;
    return kind;
  }
  return COMPOUND_ENDINGS.find(([ending]) => head.length > ending.length && head.endsWith(ending))?.[1];
}
