/**
 * JSON string tokens read straight from the document text: decoding where jsonc-parser is stricter than Azure,
 * and mapping decoded characters back to document offsets.
 */

export interface RawString {
  readonly value: string;
  /** offset just after the closing quote, or the end of the text for an unterminated string */
  readonly end: number;
  readonly terminated: boolean;
  /** the first escape sequence that is not valid JSON, as document offsets */
  readonly badEscape?: { readonly start: number; readonly end: number };
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Reads the string token whose opening quote is at `start`, accepting raw line breaks and control characters
 * inside it as Azure's JSON reader does.
 */
export function readRawString(text: string, start: number): RawString {
  let value = '';
  let chunk = start + 1;
  let pos = chunk;
  let badEscape: RawString['badEscape'];
  while (pos < text.length) {
    const ch = text.charCodeAt(pos);
    if (ch === 0x22) {
      return { value: value + text.slice(chunk, pos), end: pos + 1, terminated: true, badEscape };
    }
    if (ch !== 0x5c) {
      pos++;
      continue;
    }
    value += text.slice(chunk, pos);
    const length = escapeLength(text, pos);
    const escape = text.slice(pos, pos + length);
    if (length === 6) value += String.fromCharCode(parseInt(escape.slice(2), 16));
    else if (length === 2 && escape[1] in SIMPLE_ESCAPES) value += SIMPLE_ESCAPES[escape[1]];
    else badEscape ??= { start: pos, end: pos + length };
    pos += length;
    chunk = pos;
  }
  return { value: value + text.slice(chunk), end: text.length, terminated: false, badEscape };
}

/** Length of the escape sequence at `pos` (a backslash): 6 for a valid `\uXXXX`, else up to 2. */
function escapeLength(text: string, pos: number): number {
  if (text.charCodeAt(pos + 1) === 0x75 && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) return 6;
  return Math.min(2, text.length - pos);
}

/**
 * For the string token `text[start, end)`: the document offset of each decoded character, plus one final entry
 * for the end of the content. Needed only when the token contains escapes, where decoded and raw positions differ.
 */
export function decodedOffsets(text: string, start: number, end: number): Int32Array {
  const contentEnd = end - start >= 2 && text.charCodeAt(end - 1) === 0x22 ? end - 1 : end;
  const offsets = new Int32Array(contentEnd - start);
  let count = 0;
  let pos = start + 1;
  while (pos < contentEnd) {
    offsets[count++] = pos;
    pos += text.charCodeAt(pos) === 0x5c ? escapeLength(text, pos) : 1;
  }
  offsets[count] = contentEnd;
  return offsets.subarray(0, count + 1);
}
