import { findEntry, literalString } from '../../arm/access';
import { parseArmExpression } from '../../arm/expression';
import { parseJsonDocument } from '../../arm/jsonDocument';
import { plainJson } from '../../arm/lower';
import type { AnalyzedDocument } from '../../engine/document';
import type { ArrayExpr, Expr, ObjectExpr, PropertyEntryExpr } from '../../model/expr';
import type { Resource, Template } from '../../model/template';
import type { Value } from '../../model/value';
import { newValues, TemplateReference, type AddParameter, type AddResource, type MakeSecure, type NewObject, type NewValue } from '../intent';
import { FixNotWritable, type TextEdit } from '../textEdit';
import { ArmRenderer, jsonStringContent } from './armRender';
import { BracedEditor, insertEntry } from './braced';
import { formatWriter, templateOf, type FormatEditor } from './editor';
import { Layout } from './layout';
import { referencedResources } from './newValue';
import { nodeAt, nodesContaining, SyntaxTree, type TreeShape } from './syntaxTree';

const JSON_SHAPE: TreeShape = {
  objectEntries: (node) => (node.kind === 'object' ? (node as ObjectExpr).entries : undefined),
  arrayItems: (node) => (node.kind === 'array' ? (node as ArrayExpr).items : undefined),
  keyOf: (entry) => (entry.kind === 'property' ? (entry as PropertyEntryExpr).key : undefined),
  separator: 'comma',
};

/** Root keys a new `parameters` object follows, in the order templates write them. */
const BEFORE_PARAMETERS = ['$schema', 'languageVersion', 'contentVersion'];

/** Writes fixes into ARM templates and parameter files. */
export const jsonWriter = formatWriter((document) => new JsonEditor(document));

/** ARM's secure types exist for strings and objects only. */
const SECURE_TYPES: Record<string, string> = { string: 'securestring', object: 'secureObject' };

class JsonEditor extends BracedEditor implements FormatEditor {
  protected readonly tree: SyntaxTree;
  protected readonly layout: Layout;
  protected readonly render: ArmRenderer;
  /** templates read `[...]` strings as expressions; parameter files hold plain values */
  private readonly isTemplate: boolean;

  constructor(private readonly document: AnalyzedDocument) {
    super();
    // The JSON as written (no expressions, no `copy` expansion) is what the edits are placed in.
    const root = parseJsonDocument(document.text, plainJson).root;
    this.layout = new Layout(document.text, document.comments);
    this.tree = new SyntaxTree({ root }, this.layout, JSON_SHAPE);
    this.isTemplate = document.format === 'arm-template';
    this.render = new ArmRenderer(this.layout, this.isTemplate);
  }

  replaceValue(value: Value, replacement: NewValue): TextEdit[] {
    const node = this.tree.nodeAt(value.range) as Expr | undefined;
    if (node) {
      if (!this.isJsonLiteralOf(node, value)) throw new FixNotWritable(`${this.layout.excerpt(value.range)} is not a literal of the value`);
      return [{ range: value.range, newText: this.render.value(replacement, this.tree.placement(value.range)) }];
    }
    // Not a JSON value of its own: a literal inside a template expression, `"[if(c, 'Allow', 'Deny')]"`.
    const token = nodesContaining(this.tree.root, value.range).at(-1) as Expr | undefined;
    if (!this.isTemplate || token?.kind !== 'literal' || typeof token.value !== 'string') {
      throw new FixNotWritable(`${this.layout.excerpt(value.range)} is not a value written in this file`);
    }
    const { expr } = parseArmExpression(this.document.text, token.value, token.range.start, token.range.end);
    const literal = nodeAt({ expr }, value.range) as Expr | undefined;
    if (literal?.kind !== 'literal' || !sameScalar(literal.value, value)) {
      throw new FixNotWritable(`${this.layout.excerpt(value.range)} is computed in a template expression, not a literal`);
    }
    return [{ range: value.range, newText: jsonStringContent(this.render.expression(replacement)) }];
  }

  /**
   * A new resource object with `type`, `apiVersion`, the body's entries and a `dependsOn` on the resources the
   * body refers to: an item of the `resources` array, or for languageVersion 2.0 an entry keyed by its symbolic name.
   */
  addResource(intent: AddResource): TextEdit[] {
    const template = templateOf(this.document, intent.template);
    const root = this.templateObject(template);
    const declared = findEntry(root, 'resources')?.value;
    const symbolic = declared ? declared.kind === 'object' : literalString(findEntry(root, 'languageVersion')?.value)?.startsWith('2') === true;
    const dependsOn = this.dependsOn(intent.body, template, symbolic);
    const resource: NewObject = { type: intent.type, apiVersion: intent.apiVersion, ...intent.body, ...(dependsOn !== undefined && { dependsOn }) };
    if (!declared) {
      const resources = symbolic ? { [intent.symbolicName]: resource } : [resource];
      return insertEntry(this.layout, this.tree.object(root.range), (at) => this.render.property('resources', resources, at));
    }
    if (!symbolic) return insertEntry(this.layout, this.tree.array(declared.range), (at) => this.render.value(resource, at));
    if (findEntry(declared as ObjectExpr, intent.symbolicName)) throw new FixNotWritable(`resource \`${intent.symbolicName}\` is already declared`);
    return insertEntry(this.layout, this.tree.object(declared.range), (at) => this.render.property(intent.symbolicName, resource, at));
  }

  /** An entry of `parameters` (created after `contentVersion` when the template has none). */
  /** The declaration's `type` value becomes its secure form, keeping the quotes it is written in. */
  makeSecure({ declaration, template }: MakeSecure): TextEdit[] {
    templateOf(this.document, template);
    const written = this.document.text.slice(declaration.typeRange.start, declaration.typeRange.end);
    const secure = SECURE_TYPES[written.replace(/^"|"$/g, '').toLowerCase()];
    if (!secure || !written.startsWith('"')) throw new FixNotWritable(`a \`${declaration.name}\` of type ${written} cannot be made secure`);
    return [{ range: declaration.typeRange, newText: `"${secure}"` }];
  }

  addParameter(intent: AddParameter): TextEdit[] {
    const template = templateOf(this.document, intent.template);
    if (template.parameters.some((p) => p.name.toLowerCase() === intent.name.toLowerCase())) throw new FixNotWritable(`parameter \`${intent.name}\` is already declared`);
    const type = intent.secure ? (intent.type === 'object' ? 'secureObject' : 'securestring') : intent.type;
    const definition: NewObject = {
      type,
      ...(intent.description !== undefined && { metadata: { description: intent.description } }),
      ...(intent.defaultValue !== undefined && { defaultValue: intent.defaultValue }),
    };
    const root = this.templateObject(template);
    const declared = findEntry(root, 'parameters');
    if (declared) return insertEntry(this.layout, this.tree.object(declared.value.range), (at) => this.render.property(intent.name, definition, at));
    const keys = root.entries.map((entry) => (entry.kind === 'property' ? entry.key?.toLowerCase() : undefined));
    const after = Math.max(...BEFORE_PARAMETERS.map((key) => keys.lastIndexOf(key.toLowerCase())));
    return insertEntry(this.layout, this.tree.object(root.range), (at) => this.render.property('parameters', { [intent.name]: definition }, at), after < 0 ? undefined : after);
  }

  private templateObject(template: Template): ObjectExpr {
    const node = this.tree.nodeAt(template.range);
    if (node?.kind !== 'object') throw new FixNotWritable('the template is not written as a JSON object');
    return node as ObjectExpr;
  }

  /**
   * The body's own `dependsOn` (in languageVersion 2.0 with resources named by symbolic name), else one on the
   * resources of this template the body refers to, which ARM does not infer.
   */
  private dependsOn(body: NewObject, template: Template, symbolic: boolean): NewValue | undefined {
    const given = body.dependsOn;
    if (given !== undefined) {
      if (!symbolic || !Array.isArray(given)) return given;
      return given.map((item: NewValue) => (item instanceof TemplateReference && 'resource' in item.spec ? this.dependency(item.spec.resource, true) : item));
    }
    const resources = referencedResources(body).filter((r) => r.template === template && !r.existing);
    return resources.length > 0 ? resources.map((r) => this.dependency(r, symbolic)) : undefined;
  }

  /** How `dependsOn` names a resource: its symbolic name in languageVersion 2.0, else its resource id. */
  private dependency(resource: Resource, symbolic: boolean): NewValue {
    return symbolic && resource.symbolicName !== undefined ? resource.symbolicName : newValues.resourceId(resource);
  }

  /** Whether a JSON value is a literal of exactly `value` (a string is not, when the template reads it as an expression). */
  private isJsonLiteralOf(node: Expr, value: Value): boolean {
    if (value.kind === 'object' || value.kind === 'array') return node.kind === value.kind;
    if (node.kind !== 'literal') return false;
    const text = node.value;
    if (typeof text !== 'string' || !this.isTemplate || !text.startsWith('[') || !text.endsWith(']')) return sameScalar(text, value);
    // `[[...]` is the escape for a literal string starting with `[`; any other `[...]` is an expression
    return text.startsWith('[[') && sameScalar(text.slice(1), value);
  }
}

function sameScalar(literal: string | number | boolean | null, value: Value): boolean {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return literal === value.value;
    case 'null':
      return literal === null;
    default:
      return false;
  }
}
