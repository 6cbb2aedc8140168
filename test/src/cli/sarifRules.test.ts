import * as assert from 'node:assert/strict';
import { sarifRules } from 'ztlint/cli/formats/sarif';
import { builtinCatalogue } from 'ztlint/lint/catalogue';

describe('SARIF rule descriptors', () => {
  it('describe a rule in full by the first paragraph of its docs\u2019 "Why", each line break and the spaces around it one space', () => {
    const docs = '# rule\n\n## Why\n\nTLS 1.0  and 1.1 have\n   known weaknesses \t\r\n and are\ndeprecated.\n\nNot this paragraph.\n';
    const [rule] = sarifRules({ ...builtinCatalogue(), docs: () => docs });
    assert.equal(rule.fullDescription.text, 'TLS 1.0  and 1.1 have known weaknesses and are deprecated.');
  });
});
