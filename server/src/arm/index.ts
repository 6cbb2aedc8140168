import type { ObjectExpr } from '../model/expr';
import type { Template, ParameterFile } from '../model/template';
import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { literalString, member } from './access';
import { parseJsonDocument } from './jsonDocument';
import { ArmLowering, plainJson } from './lower';
import { buildParameterFile } from './parameterFile';
import { buildTemplate } from './template';

export { allResources, allTemplates } from '../model/walk';

export interface ArmLoad {
  readonly kind: 'template' | 'parameters' | 'not-arm';
  readonly template?: Template;
  readonly parameterFile?: ParameterFile;
  /** JSON syntax (`json-syntax`) and template expression (`arm-expression`) errors, in document order */
  readonly diagnostics: SyntaxDiagnostic[];
  readonly comments: Comment[];
}

/**
 * Loads a JSON document as an ARM deployment template or parameter file, recognized by its `$schema`.
 * Other JSON is `not-arm`, with no diagnostics: it is not ours to judge. Nothing is thrown but what `check`
 * throws: it is called every few hundred tokens as the template is read and its expressions lowered.
 */
export function loadArm(text: string, check?: () => void): ArmLoad {
  return readArm(text, check).load;
}

/** `loadArm`, with the root object a template was built from: see `TemplateCache`. */
export function readArm(text: string, check?: () => void): { load: ArmLoad; root?: ObjectExpr } {
  const lowering = new ArmLowering(text);
  const document = parseJsonDocument(text, lowering, check);
  const root = document.root?.kind === 'object' ? document.root : undefined;
  const schema = literalString(member(root, '$schema'))?.toLowerCase() ?? '';
  if (root !== undefined && schema.includes('deploymenttemplate')) {
    const diagnostics = [...document.diagnostics, ...lowering.diagnostics].sort((a, b) => a.range.start - b.range.start);
    return { load: templateLoad(root, text, diagnostics, document.comments), root };
  }
  if (root !== undefined && schema.includes('deploymentparameters')) {
    // Read again without expressions: a parameter file's `[...]` strings are plain values. Such files are small.
    const plain = parseJsonDocument(text, plainJson);
    if (plain.root?.kind === 'object') {
      return { load: { kind: 'parameters', parameterFile: buildParameterFile(plain.root), diagnostics: plain.diagnostics, comments: plain.comments } };
    }
  }
  return { load: { kind: 'not-arm', diagnostics: [], comments: [] } };
}

export function templateLoad(root: ObjectExpr, text: string, diagnostics: SyntaxDiagnostic[], comments: Comment[]): ArmLoad {
  return { kind: 'template', template: buildTemplate(root, text), diagnostics, comments };
}
