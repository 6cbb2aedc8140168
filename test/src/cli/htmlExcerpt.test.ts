import * as assert from 'node:assert/strict';
import { excerptHtml } from 'ztlint/cli/formats/htmlExcerpt';
import { LineIndex } from 'ztlint/text/lineIndex';

/** One line as the HTML report shows it, with masking on: masked spans as `•`, the rest as written. */
function shown(line: string, yaml: boolean): string {
  const html = excerptHtml(new LineIndex(line), { start: 0, end: 0 }, { mask: true, yaml });
  const code = /<td class="code">(.*)<\/td><\/tr>$/.exec(html)![1];
  return code
    .replace(/<span class="masked[^>]*>[^<]*<\/span>/g, '•')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
}

describe('HTML report excerpts: what is masked', () => {
  const cases: [string, boolean, string, string][] = [
    // The key before a quoted value: naming keys are never masked.
    ['a quoted JSON value', false, '"password": "Example-Only-123"', '"password": "•"'],
    ['a value under a quoted naming key', false, '  "name": "orders-api",', '  "name": "orders-api",'],
    ['a value under a YAML naming key, with spaces around the colon', true, "  name :  'orders-api'", "  name :  'orders-api'"],
    ['a value under a naming key in a sequence', true, '  - name: "orders-api"', '  - name: "orders-api"'],
    ['a value under a key that starts after a digit', false, '9name: "orders-api"', '9name: "orders-api"'],
    ['a value under a dotted key', false, 'x.name: "orders-api"', 'x.name: "•"'],
    ['a value under a key quoted with apostrophes', false, `'name': "orders-api"`, `'name': "•"`],
    // YAML plain scalars: the value ends at its last non-space, before a comment.
    ['a plain value before a comment', true, '  password: Example-Only-123   # rotated', '  password: •   # rotated'],
    ['a plain value with spaces inside and after', true, '  password: Example Only 123  ', '  password: •  '],
    ['a plain value in a sequence', true, '  - Example-Only-123', '  - •'],
    ['a value of four characters', true, '  token: abcd', '  token: abcd'],
    ['a block scalar indicator', true, '  password: |', '  password: |'],
  ];
  for (const [what, yaml, line, expected] of cases) {
    it(what, () => assert.equal(shown(line, yaml), expected));
  }
});
