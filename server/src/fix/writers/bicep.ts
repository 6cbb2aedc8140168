import { parseBicep, type ArraySyntax, type Declaration, type ExpressionSyntax, type ObjectSyntax, type ProgramSyntax, type PropertySyntax } from '../../bicep/index';
import type { AnalyzedDocument } from '../../engine/document';
import type { Value } from '../../model/value';
import type { AddParameter, AddResource, MakeSecure, NewValue } from '../intent';
import { FixNotWritable, type TextEdit } from '../textEdit';
import { BracedEditor, insertion } from './braced';
import { BicepRenderer, bicepString } from './bicepRender';
import { formatWriter, templateOf, type FormatEditor } from './editor';
import { Layout } from './layout';
import { SyntaxTree, type TreeShape } from './syntaxTree';

const BICEP_SHAPE: TreeShape = {
  objectEntries: (node) => (node.kind === 'object' ? (node as ObjectSyntax).members : undefined),
  arrayItems: (node) => (node.kind === 'array' ? (node as ArraySyntax).items : undefined),
  keyOf(entry) {
    if (entry.kind !== 'property') return undefined;
    const key = (entry as PropertySyntax).key;
    return key.kind === 'identifier' ? key.name : key.holes.length === 0 ? key.segments[0].value : undefined;
  },
  separator: 'line',
};

/** Declarations that open a file, before which nothing else is declared: a new first parameter goes after them. */
const PREAMBLE = new Set<Declaration['kind']>(['targetScope', 'metadata', 'import', 'extension', 'using']);

/** The declarations whose names a new parameter or resource must not reuse. */
const NAMESPACE = new Set<Declaration['kind']>(['param', 'var', 'resource', 'module']);

/** Writes fixes into `.bicep` and `.bicepparam` files. */
export const bicepWriter = formatWriter((document) => new BicepEditor(document));

class BicepEditor extends BracedEditor implements FormatEditor {
  private readonly program: ProgramSyntax;
  protected readonly tree: SyntaxTree;
  protected readonly layout: Layout;
  protected readonly render: BicepRenderer;

  constructor(private readonly document: AnalyzedDocument) {
    super();
    this.program = parseBicep(document.text, { parameterFile: document.format === 'bicepparam' }).program;
    this.layout = new Layout(document.text, document.comments);
    this.tree = new SyntaxTree(this.program, this.layout, BICEP_SHAPE);
    this.render = new BicepRenderer(this.layout);
  }

  replaceValue(value: Value, replacement: NewValue): TextEdit[] {
    const node = this.tree.nodeAt(value.range);
    if (!node || !isLiteralOf(node as ExpressionSyntax, value)) throw new FixNotWritable(`${this.layout.excerpt(value.range)} is not a literal of the value`);
    return [{ range: value.range, newText: this.render.value(replacement, this.tree.placement(value.range)) }];
  }

  /** `resource sym 'type@version' = {...}` after the last resource (else the last declaration), a blank line between. */
  addResource(intent: AddResource): TextEdit[] {
    const template = templateOf(this.document, intent.template);
    this.assertUndeclared(intent.symbolicName);
    const { eol } = this.layout;
    const declaration = `resource ${intent.symbolicName} ${bicepString(`${intent.type}@${intent.apiVersion}`)} = ${this.render.value(intent.body, { indent: '', inline: false })}`;
    const last = [...template.resources].sort((a, b) => a.range.end - b.range.end).pop()?.range ?? this.program.declarations.at(-1)?.range;
    if (!last) return [insertion(0, declaration + eol)];
    return [insertion(this.afterLine(last.end), eol + eol + declaration)];
  }

  /**
   * `@secure()`, `@description(...)` and `param name type = default` after the last parameter, spaced like the
   * parameters before it; the first parameter goes after the file's opening declarations or before the first one.
   */
  addParameter(intent: AddParameter): TextEdit[] {
    templateOf(this.document, intent.template);
    this.assertUndeclared(intent.name);
    const { eol } = this.layout;
    const lines = [
      ...(intent.secure ? ['@secure()'] : []),
      ...(intent.description !== undefined ? [`@description(${bicepString(intent.description)})`] : []),
      `param ${intent.name} ${intent.type}${intent.defaultValue === undefined ? '' : ` = ${this.render.value(intent.defaultValue, { indent: '', inline: false })}`}`,
    ];
    const declarations = this.program.declarations;
    const parameters = declarations.filter((d) => d.kind === 'param');
    const last = parameters.at(-1);
    if (last) {
      const previous = parameters.at(-2);
      const spaced = lines.length > 1 || last.decorators.length > 0 || (previous !== undefined && /\n[ \t]*\r?\n/.test(this.document.text.slice(previous.range.end, last.range.start)));
      return [insertion(this.afterLine(last.range.end), eol + (spaced ? eol : '') + lines.join(eol))];
    }
    let preamble: Declaration | undefined;
    for (const declaration of declarations) {
      if (!PREAMBLE.has(declaration.kind)) break;
      preamble = declaration;
    }
    if (preamble) return [insertion(this.afterLine(preamble.range.end), eol + eol + lines.join(eol))];
    const first = declarations[0];
    if (!first) return [insertion(0, lines.join(eol) + eol)];
    return [insertion(this.attachedCommentsStart(first.range.start), lines.join(eol) + eol + eol)];
  }

  /** `@secure()` on a line of its own above the `param` or `output` keyword, at its indentation. */
  makeSecure({ declaration, template }: MakeSecure): TextEdit[] {
    templateOf(this.document, template);
    const start = this.layout.lineStart(declaration.nameRange.start);
    const indent = /^[ \t]*/.exec(this.layout.text.slice(start, declaration.nameRange.start))![0];
    return [insertion(start, `${indent}@secure()${this.layout.eol}`)];
  }

  /** The end of the line holding `offset`, past any comment that ends it. */
  private afterLine(offset: number): number {
    return this.layout.endOfLineAfter(offset) ?? offset;
  }

  /** The start of the comment lines directly above a declaration (they describe it: the new one goes above them). */
  private attachedCommentsStart(offset: number): number {
    const layout = this.layout;
    let start = layout.lineStart(offset);
    while (start > 0) {
      const above = layout.lineStart(start - 1);
      const line = layout.text.slice(above, start).trim();
      if (!line.startsWith('//')) break;
      start = above;
    }
    return start;
  }

  /** Parameters, variables, resources and modules share one namespace in Bicep. */
  private assertUndeclared(name: string): void {
    const declared = this.program.declarations.some((d) => NAMESPACE.has(d.kind) && 'name' in d && d.name.kind === 'identifier' && d.name.name === name);
    if (declared) throw new FixNotWritable(`\`${name}\` is already declared`);
  }
}

/** Whether the syntax at a value's range is a literal of exactly that value (not an expression yielding it). */
function isLiteralOf(syntax: ExpressionSyntax, value: Value): boolean {
  switch (value.kind) {
    case 'string':
      return syntax.kind === 'string' && syntax.holes.length === 0 && syntax.segments[0].value === value.value;
    case 'number':
      if (syntax.kind === 'unary') return syntax.operator === '-' && syntax.operand.kind === 'literal' && syntax.operand.value === -value.value;
      return syntax.kind === 'literal' && syntax.value === value.value;
    case 'boolean':
      return syntax.kind === 'literal' && syntax.value === value.value;
    case 'null':
      return syntax.kind === 'literal' && syntax.value === null;
    case 'object':
    case 'array':
      return syntax.kind === value.kind;
    default:
      return false;
  }
}
