import * as assert from 'node:assert/strict';
import { parseArmExpression } from 'ztlint/arm/expression';
import { allTemplates, loadArm } from 'ztlint/arm/index';
import { corpusEntries, readCorpusFile } from '../support/corpus';

/** Documentation fragments that are not JSON: `...` placeholders and bare words where resources would go. */
const DOC_FRAGMENTS = new Set(
  [
    'functions/date/datetimeadd-automation.json',
    'scope/default-mg.json',
    'scope/default-rg.json',
    'scope/default-sub.json',
    'scope/default-tenant.json',
    'scope/different-sub-to-resource-group.json',
    'scope/management-group-to-tenant.json',
    'scope/mg-to-resource-group.json',
    'scope/mg-to-subscription.json',
    'scope/resource-group-to-subscription.json',
    'scope/resource-group-to-tenant.json',
    'scope/same-sub-to-resource-group.json',
    'scope/scope-mg.json',
    'scope/sub-to-resource-group.json',
    'scope/sub-to-sub.json',
    'scope/subscription-to-tenant.json',
    'scope/tenant-to-mg.json',
    'scope/tenant-to-rg.json',
    'scope/tenant-to-subscription.json',
  ].map((file) => `azure-docs-json-samples/azure-resource-manager/${file}`),
);

/** Valid JSON whose template holds a documentation placeholder where an expression would be. */
const PLACEHOLDER_EXPRESSIONS = new Map([['azure-docs-json-samples/application-insights/ServiceFabricCluster.json', '[Application_Insights_Key]']]);

/**
 * Rewrites JSONC as Azure accepts it into strict JSON, independently of the loader: comments dropped, trailing
 * commas removed, raw control characters inside strings escaped.
 */
function toStrictJson(text: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      let content = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          content += text.slice(j, j + 2);
          j += 2;
        } else {
          const code = text.charCodeAt(j);
          content += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : text[j];
          j++;
        }
      }
      out.push(`"${content}"`);
      i = j + 1;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else {
      if (ch === '}' || ch === ']') dropTrailingComma(out);
      out.push(ch);
      i++;
    }
  }
  return out.join('');
}

function dropTrailingComma(out: string[]): void {
  let last = out.length - 1;
  while (last >= 0 && /^\s$/.test(out[last])) last--;
  if (out[last] === ',') out.splice(last, 1);
}

function parseStrict(text: string): unknown {
  try {
    return JSON.parse(toStrictJson(text));
  } catch {
    return undefined;
  }
}

/** Every string value (not key) in a JSON value that ARM reads as a template expression. */
function expressionStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length >= 2 && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[')) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) expressionStrings(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) expressionStrings(item, found);
  }
  return found;
}

/** Inline nested templates: deployment resources anywhere whose `properties.template` is an object. */
function countInlineDeployments(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countInlineDeployments(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  const object = value as Record<string, unknown>;
  const properties = object.properties as Record<string, unknown> | undefined;
  const template = properties?.template;
  const isInline =
    typeof object.type === 'string' &&
    object.type.toLowerCase() === 'microsoft.resources/deployments' &&
    typeof template === 'object' &&
    template !== null &&
    !Array.isArray(template);
  return (isInline ? 1 : 0) + Object.values(object).reduce((sum: number, item) => sum + countInlineDeployments(item), 0);
}

function rootSchema(value: unknown): string {
  const schema = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).$schema : undefined;
  return typeof schema === 'string' ? schema.toLowerCase() : '';
}

describe('ARM loader on the corpus', () => {
  it('loads every ARM template as Azure would, and parses every expression in it', () => {
    const arm = corpusEntries('arm');
    assert.ok(arm.length > 900, `only ${arm.length} ARM templates in the corpus index`);
    const notJson: string[] = [];
    let templates = 0;
    let embedded = 0;
    let expressions = 0;
    for (const entry of arm) {
      const { text } = readCorpusFile(entry);
      const loaded = loadArm(text);
      const json = parseStrict(text);
      if (json === undefined) {
        notJson.push(entry.path);
        assert.equal(loaded.kind, 'template', entry.path);
        assert.ok(loaded.diagnostics.some((d) => d.code === 'json-syntax'), `${entry.path}: not JSON, yet no json-syntax diagnostic`);
        continue;
      }
      if (!rootSchema(json).includes('deploymenttemplate')) {
        // e.g. policy definitions that embed a deployment template deeper down
        assert.equal(loaded.kind, 'not-arm', entry.path);
        embedded++;
        continue;
      }
      templates++;
      assert.equal(loaded.kind, 'template', entry.path);
      const placeholder = PLACEHOLDER_EXPRESSIONS.get(entry.path);
      const expected = placeholder === undefined ? [] : [placeholder];
      const reported = loaded.diagnostics.map((d) => text.slice(d.range.start - 1, d.range.end + 1));
      assert.equal(loaded.diagnostics.length, expected.length, `${entry.path}: ${JSON.stringify(loaded.diagnostics.slice(0, 3))} at ${reported}`);
      for (const value of expressionStrings(json)) {
        expressions++;
        const token = JSON.stringify(value);
        const { diagnostic } = parseArmExpression(token, value, 0, token.length);
        if (value !== placeholder) assert.equal(diagnostic, undefined, `${entry.path}: ${value}: ${diagnostic?.message}`);
      }
      assert.equal(allTemplates(loaded.template!).length - 1, countInlineDeployments(json), `${entry.path}: nested templates`);
    }
    assert.deepEqual(new Set(notJson), DOC_FRAGMENTS);
    assert.ok(templates > 900 && expressions > 40000, `${templates} templates, ${expressions} expressions`);
    assert.ok(embedded < 40, `${embedded} files without a template $schema at the root`);
  });

  it('loads every ARM parameter file', () => {
    const parameterFiles = corpusEntries('armparams');
    assert.ok(parameterFiles.length > 400);
    for (const entry of parameterFiles) {
      const loaded = loadArm(readCorpusFile(entry).text);
      assert.equal(loaded.kind, 'parameters', entry.path);
      assert.deepEqual(loaded.diagnostics, [], entry.path);
      assert.ok(loaded.parameterFile!.values.every((v) => v.value !== undefined || v.keyVaultReference), entry.path);
    }
  });
});
