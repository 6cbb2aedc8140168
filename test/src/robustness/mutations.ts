import type { prng } from './harness';

/** Edits a person or a broken tool makes to a file: each takes the text and the seeded random source. */
export type Mutation = (text: string, random: ReturnType<typeof prng>) => string;

const SYNTAX = ['{', '}', '[', ']', '(', ')', ':', ',', "'", '"', '`', '$', '\\', '\n', '\r\n', '\t', ' ', '#', '/', '*', '-', '|', '>', '&', '!', '@', '?', '.', '=', '\u0000', '\ud83d', '\u2028', '\ufeff', 'é'];

export const MUTATIONS: Record<string, Mutation> = {
  'flip a character': (text, r) => {
    if (text.length === 0) return text;
    const at = r.int(text.length);
    const replacement = r.next() < 0.7 ? r.pick(SYNTAX) : String.fromCharCode(r.int(0x10000));
    return text.slice(0, at) + replacement + text.slice(at + 1);
  },
  'flip a bit': (text, r) => {
    if (text.length === 0) return text;
    const at = r.int(text.length);
    return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << r.int(8))) + text.slice(at + 1);
  },
  'delete a token': (text, r) => {
    const tokens = [...text.matchAll(/[A-Za-z0-9_$@.-]+|'[^'\n]*'|"[^"\n]*"|\S/g)];
    if (tokens.length === 0) return text;
    const token = r.pick(tokens);
    return text.slice(0, token.index) + text.slice(token.index + token[0].length);
  },
  'insert a character': (text, r) => {
    const at = r.int(text.length + 1);
    return text.slice(0, at) + r.pick(SYNTAX) + text.slice(at);
  },
  truncate: (text, r) => text.slice(0, r.int(text.length + 1)),
  'duplicate a line': (text, r) => {
    const lines = text.split('\n');
    const at = r.int(lines.length);
    lines.splice(at, 0, lines[at]);
    return lines.join('\n');
  },
  'delete a line': (text, r) => {
    const lines = text.split('\n');
    lines.splice(r.int(lines.length), 1);
    return lines.join('\n');
  },
  'move a line': (text, r) => {
    const lines = text.split('\n');
    const [line] = lines.splice(r.int(lines.length), 1);
    lines.splice(r.int(lines.length + 1), 0, line);
    return lines.join('\n');
  },
  'change indentation': (text, r) => {
    const lines = text.split('\n');
    const at = r.int(lines.length);
    lines[at] = r.next() < 0.5 ? lines[at].replace(/^\s{1,2}/, '') : `${' '.repeat(1 + r.int(4))}${lines[at]}`;
    return lines.join('\n');
  },
};

const VALUES = ['true', 'false', '0', '-1', '1e309', "'*'", '"*"', "'0.0.0.0/0'", '""', "''", 'null', '~', "'${x}'", '"[parameters(\'x\')]"', '[', '{', '[]', '{}', '&a', '*a', '!!binary', '<<: *a', "'TLS1_0'", "'Enabled'"];

/** Bigger edits, for the fuzzer: they grow, nest and re-encode files rather than touch one character. */
export const STRUCTURAL_MUTATIONS: Record<string, Mutation> = {
  'repeat a region': (text, r) => {
    const start = r.int(text.length + 1);
    const region = text.slice(start, start + 1 + r.int(2_000));
    return text.slice(0, start) + region.repeat(2 + r.int(20)) + text.slice(start);
  },
  'nest a line deeper': (text, r) => {
    const lines = text.split('\n');
    const at = r.int(lines.length);
    const depth = 1 + r.int(200);
    const [open, close] = r.pick([['{', '}'], ['[', ']'], ['(', ')'], ['- ', ''], ['  ', '']]);
    lines[at] = open.repeat(depth) + lines[at] + close.repeat(r.next() < 0.5 ? depth : r.int(depth));
    return lines.join('\n');
  },
  'swap a value': (text, r) => {
    const values = [...text.matchAll(/'[^'\n]*'|"[^"\n]*"|\b(?:true|false|\d+)\b/g)];
    if (values.length === 0) return text;
    const value = r.pick(values);
    return text.slice(0, value.index) + r.pick(VALUES) + text.slice(value.index + value[0].length);
  },
  'long run of one character': (text, r) => {
    const at = r.int(text.length + 1);
    return text.slice(0, at) + r.pick(['a', ' ', '{', '[', '-', "'", '"', '\\', '$', '0', '\n', '#']).repeat(1 + r.int(50_000)) + text.slice(at);
  },
  'change line ends': (text, r) => (r.next() < 0.5 ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r?\n/g, () => r.pick(['\n', '\r\n', '\r']))),
  'add a byte order mark': (text) => `\ufeff${text}`,
};
