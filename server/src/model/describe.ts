import type { Range } from '../text/range';
import type { Hop, Value } from './value';

/** Maps a range to its one-based line number; `file` names the file when it is not the template's own. */
export type LineOf = (range: Range, file?: string) => number;

const MAX_SHOWN_CHARS = 40;

/** A short rendering of a value for messages: `false`, `'Allow'`, `an object`. Never used for secrets. */
export function showValue(value: Value): string {
  switch (value.kind) {
    case 'string': {
      const shown = value.value.length > MAX_SHOWN_CHARS ? `${value.value.slice(0, MAX_SHOWN_CHARS - 1)}…` : value.value;
      return `'${shown}'`;
    }
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'resource':
      return value.aspect === 'id' ? `the id of \`${value.resource.symbolicName ?? value.resource.type}\`` : `\`${value.resource.symbolicName ?? value.resource.type}\``;
    case 'unknown':
      return 'unknown';
  }
}

function describeHop(hop: Hop, lineOf: LineOf): string {
  const line = lineOf(hop.declarationRange, hop.file);
  switch (hop.kind) {
    case 'parameter-default':
      return `the default of parameter \`${hop.name}\` (line ${line})`;
    case 'parameter-value':
      return `the value of parameter \`${hop.name}\` in the ${hop.source ?? 'parameter file'} (line ${line})`;
    case 'variable':
      return `variable \`${hop.name}\` (line ${line})`;
    case 'deployed':
      return `the deployed resource ${hop.name}, looked up live`;
  }
}

/**
 * Where a value came from, for a message: "from the default of parameter `enableRbac` (line 3)". The innermost
 * hop is where the value is written, so it comes first; the rest say how it got to the use site.
 */
export function describeOrigin(value: Value, lineOf: LineOf): string | undefined {
  if (value.via.length === 0) return undefined;
  const [source, ...through] = [...value.via].reverse();
  const rest = through.length > 0 ? `, through ${through.map((h) => describeHop(h, lineOf)).join(', ')}` : '';
  return `from ${describeHop(source, lineOf)}${rest}`;
}

/** `false, from the default of parameter `enableRbac` (line 3)`, or `unknown: parameter `x` has no default`. */
export function describeValue(value: Value, lineOf: LineOf): string {
  if (value.kind === 'unknown') return `unknown: ${value.reason}`;
  const origin = describeOrigin(value, lineOf);
  return origin ? `${showValue(value)}, ${origin}` : showValue(value);
}
