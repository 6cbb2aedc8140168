import type { WorkspaceView } from '../lint/ruleApi';
import { allTemplates } from '../model/walk';
import type { AnalyzedDocument } from './document';

/** What the rules can see of these documents: every template (nested ones too) and every Kubernetes object. */
export function workspaceView(documents: readonly AnalyzedDocument[]): WorkspaceView {
  return {
    templates: documents.flatMap((d) => (d.template ? allTemplates(d.template).map((template) => ({ file: d.path, template })) : [])),
    kubernetesObjects: documents.flatMap((d) => (d.kubernetesObjects ?? []).map((object) => ({ file: d.path, object }))),
  };
}

/** The workspace as the rules of one file see it: everything but that file's own declarations. */
export function withoutFile(view: WorkspaceView, filePath: string): WorkspaceView {
  return {
    templates: view.templates.filter((t) => t.file !== filePath),
    kubernetesObjects: view.kubernetesObjects.filter((o) => o.file !== filePath),
  };
}
