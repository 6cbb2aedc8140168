import type { AnalyzedDocument } from '../../engine/document';
import type { LintOptionsForScan } from '../../engine/lintScan';
import { parameterFilesFor } from '../../engine/parameterFiles';
import { scan } from '../../engine/scan';
import { withoutFile, workspaceView } from '../../engine/workspaceView';
import { Evaluator } from '../../evaluate/evaluator';
import { collectFacts } from '../../lint/collectFacts';
import type { Finding } from '../../lint/finding';
import { lintDocument } from '../../lint/lintDocument';
import type { Resource } from '../../model/template';
import { allResources, allTemplates } from '../../model/walk';
import { LineIndex } from '../../text/lineIndex';

/** A resource a template declares, with what the rules find on it there. */
export interface Declaration {
  readonly file: string;
  /** one-based, where the declaration starts */
  readonly line: number;
  readonly column: number;
  readonly resource: Resource;
  /** evaluates with the values that gave the resource its name: a parameter file's, or the template's defaults */
  readonly evaluator: Evaluator;
  /** the rules' findings, with the same values, that fall in the declaration (strict: "cannot verify" ones too) */
  readonly findings: readonly Finding[];
}

/** `type|name`, both lower-cased: how Resource Manager tells resources apart. */
export const declarationKey = (type: string, fullName: string) => `${type.toLowerCase()}|${fullName.toLowerCase()}`;

/**
 * The resources the templates under `paths` declare (not `existing` ones), keyed by type and name, once as the
 * template's defaults name them and once more for each parameter file of the template. A name that cannot be
 * evaluated cannot be matched and is left out.
 */
export function templateDeclarations(paths: readonly string[], options: LintOptionsForScan): Map<string, Declaration[]> {
  const documents = scan(paths).files.flatMap((f) => (f.kind === 'analyzed' ? [f.document] : []));
  // Strict, as the lints below: the facts are collected as the rules that read them run.
  const workspace = workspaceView(documents.map((document) => ({ path: document.path, facts: collectFacts(document, options.catalogue.rules, { strict: true }).facts })));
  const byKey = new Map<string, Declaration[]>();
  for (const document of documents) {
    if (!document.template) continue;
    const lines = new LineIndex(document.text);
    const resources = declaredResources(document);
    for (const parameterFile of [undefined, ...parameterFilesFor(document, documents)]) {
      const evaluator = new Evaluator(parameterFile?.parameterFile ? { parameterFile: parameterFile.parameterFile, parameterFilePath: parameterFile.path, template: document.template } : {});
      const named = resources.flatMap((resource) => {
        const name = evaluator.evaluate(resource.fullName, resource.template);
        return name.kind === 'string' ? [{ resource, key: declarationKey(resource.type, name.value) }] : [];
      });
      if (named.length === 0) continue;
      // Strict: a setting the template leaves unknown gives a "cannot verify" finding, which is no drift.
      const { findings } = lintDocument(document, {
        rules: options.catalogue.rules,
        strict: true,
        workspace: withoutFile(workspace, document.path),
        ...(parameterFile ? { parameterFile } : {}),
        ...(options.severities ? { severities: options.severities } : {}),
      });
      for (const { resource, key } of named) {
        const start = lines.positionAt(resource.range.start);
        const declaration: Declaration = { file: document.path, line: start.line + 1, column: start.character + 1, resource, evaluator, findings: findingsIn(resource, findings) };
        byKey.set(key, [...(byKey.get(key) ?? []), declaration]);
      }
    }
  }
  return byKey;
}

function declaredResources(document: AnalyzedDocument): Resource[] {
  return document.template ? allTemplates(document.template).flatMap((t) => allResources(t)).filter((r) => !r.existing) : [];
}

/** The findings inside the resource's declaration and not inside a resource declared within it. */
function findingsIn(resource: Resource, findings: readonly Finding[]): Finding[] {
  const inside = (r: { readonly range: { readonly start: number; readonly end: number } }, offset: number) => offset >= r.range.start && offset < r.range.end;
  const inner = [...resource.children, ...(resource.nestedTemplate ? allResources(resource.nestedTemplate) : [])];
  return findings.filter((f) => inside(resource, f.range.start) && !inner.some((child) => inside(child, f.range.start)));
}
