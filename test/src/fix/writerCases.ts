import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import type { AnalyzedDocument } from 'ztlint/engine/document';
import { Evaluator } from 'ztlint/evaluate/evaluator';
import type { FixIntent } from 'ztlint/fix/intent';
import { applyEdits, FixNotWritable } from 'ztlint/fix/textEdit';
import { writerFor } from 'ztlint/fix/writer';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import { toJson, type ArrayValue, type KnownValue, type ObjectValue, type PropertyValue, type Value } from 'ztlint/model/value';
import { allResources, allTemplates } from 'ztlint/model/walk';

const ROOT = path.resolve('/workspace');

/** A file read as the engine reads it, with an evaluator, and ways to reach the values an intent targets. */
export class Loaded {
  readonly document: AnalyzedDocument;
  readonly evaluator: Evaluator;

  constructor(file: string, text: string, parameterFile?: { file: string; text: string }) {
    this.document = analyzeDocument(path.join(ROOT, file), text);
    assert.deepEqual(errors(this.document), [], 'the fixture parses');
    const supplied = parameterFile && analyzeDocument(path.join(ROOT, parameterFile.file), parameterFile.text);
    this.evaluator = new Evaluator(supplied?.parameterFile ? { parameterFile: supplied.parameterFile, parameterFilePath: supplied.path } : {});
  }

  /** A resource by symbolic name or type (case-insensitive), in any template of the file. */
  resource(selector: string): Resource {
    const template = this.document.template;
    assert.ok(template, 'the fixture is a template');
    const wanted = selector.toLowerCase();
    const found = allTemplates(template)
      .flatMap(allResources)
      .find((r) => r.symbolicName?.toLowerCase() === wanted || r.type.toLowerCase() === wanted);
    assert.ok(found, `the fixture declares ${selector}`);
    return found;
  }

  /**
   * The value at `path` below a resource's body (`vault`, `properties.enableRbacAuthorization`), a Kubernetes
   * object (`#0` for the first), or a template variable (`var:name`). Keys with dots are given as an array.
   */
  get(selector: string, at: string | readonly string[]): Lookup {
    const keys = typeof at === 'string' ? at.split('.').filter((key) => key !== '') : at;
    let current = this.root(selector);
    let from = 0;
    // numeric keys index arrays (`containers.0.image`), which lookup() does not
    for (let i = 0; i < keys.length; i++) {
      if (!/^\d+$/.test(keys[i])) continue;
      const found = i > from ? lookup(current, keys.slice(from, i)) : known(current);
      assert.ok(found.state === 'known' && found.value.kind === 'array', `${keys.slice(0, i).join('.')} is an array`);
      current = found.value.items[Number(keys[i])];
      from = i + 1;
    }
    return from === keys.length ? known(current) : lookup(current, keys.slice(from));
  }

  value(selector: string, at: string | readonly string[]): KnownValue {
    const found = this.get(selector, at);
    assert.equal(found.state, 'known', `${selector} ${at} is known`);
    return found.value as KnownValue;
  }

  object(selector: string, at: string | readonly string[]): ObjectValue {
    const value = this.value(selector, at);
    assert.equal(value.kind, 'object');
    return value as ObjectValue;
  }

  array(selector: string, at: string | readonly string[]): ArrayValue {
    const value = this.value(selector, at);
    assert.equal(value.kind, 'array');
    return value as ArrayValue;
  }

  property(selector: string, at: string | readonly string[]): PropertyValue {
    const found = this.get(selector, at);
    assert.ok(found.state !== 'absent' && found.property, `${selector} ${at} is set`);
    return found.property;
  }

  private root(selector: string): Value {
    if (selector.startsWith('#')) {
      const object = this.document.kubernetesObjects?.[Number(selector.slice(1))];
      assert.ok(object, `the fixture has Kubernetes object ${selector}`);
      return object.value;
    }
    if (selector.startsWith('var:')) {
      const template = this.document.template!;
      const variable = template.variables.find((v) => v.name === selector.slice(4));
      assert.ok(variable, `the fixture declares ${selector}`);
      return this.evaluator.evaluate(variable.value, template);
    }
    return this.evaluator.resourceBody(this.resource(selector));
  }
}

function known(value: Value): Lookup {
  return value.kind === 'unknown' ? { state: 'unknown', value } : { state: 'known', value };
}

function errors(document: AnalyzedDocument): string[] {
  return document.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

export interface WriterCase {
  readonly name: string;
  /** its name decides the format: `main.bicep`, `azuredeploy.json`, `app.yaml` */
  readonly file: string;
  readonly text: string;
  /** a parameter file belonging to the template, whose values the evaluator sees */
  readonly parameterFile?: { readonly file: string; readonly text: string };
  readonly intent: (loaded: Loaded) => FixIntent;
  /** the whole file after the edits */
  readonly fixed?: string;
  /** the writer refuses with a message matching this */
  readonly refused?: RegExp;
  /** after the fix, re-read: the value at this place is this JSON */
  readonly then?: { readonly selector: string; readonly path: string | readonly string[]; readonly is: unknown };
}

/** What the writer for the case's file writes for its intent, applied to its text. */
export function fixedText(testCase: WriterCase): string {
  const loaded = new Loaded(testCase.file, testCase.text, testCase.parameterFile);
  const writer = writerFor(loaded.document);
  assert.ok(writer, `a writer for ${testCase.file}`);
  return applyEdits(testCase.text, writer.edits(loaded.document, testCase.intent(loaded)));
}

/**
 * One test per case: the exact text written (or the refusal), then the result re-read: it parses, and the
 * edited value is what was written.
 */
export function writerCases(title: string, cases: readonly WriterCase[]): void {
  describe(title, () => {
    for (const testCase of cases) {
      it(testCase.name, () => {
        if (testCase.refused) {
          assert.throws(() => fixedText(testCase), (error: unknown) => error instanceof FixNotWritable && testCase.refused!.test(error.message));
          return;
        }
        const text = fixedText(testCase);
        if (testCase.fixed !== undefined) assert.equal(text, testCase.fixed);
        const after = new Loaded(testCase.file, text, testCase.parameterFile);
        if (testCase.then) assert.deepEqual(toJson(after.value(testCase.then.selector, testCase.then.path)), testCase.then.is);
      });
    }
  });
}
