import type { WorkspaceView } from '../lint/ruleApi';
import type { KubernetesObject } from '../model/kubernetes';
import type { Resource } from '../model/template';
import { allResources, allTemplates } from '../model/walk';
import type { AnalyzedDocument } from './document';

/** What the view reads of a file: an analysed document, or only some of its Kubernetes objects. */
export type Declarations = Pick<AnalyzedDocument, 'path' | 'template' | 'kubernetesObjects'>;

/** A file of the workspace and its place in the scan, which orders what the view returns. */
export interface PlacedDocument {
  readonly order: number;
  readonly document: Declarations;
}

/** The documents that declare something under a key (see `declarationKeys`), in scan order. */
export type DocumentsDeclaring = (key: string) => readonly PlacedDocument[];

export const resourceKey = (type: string) => `resource:${type.toLowerCase()}`;
export const objectKey = (kind: string) => `object:${kind}`;

/** A document's resources as a walk finds them: each template (nested ones after their parent), then its resources. */
const resourcesByDocument = new WeakMap<Declarations, readonly Resource[]>();

function resourcesOf(document: Declarations): readonly Resource[] {
  let resources = resourcesByDocument.get(document);
  if (!resources) resourcesByDocument.set(document, (resources = document.template ? allTemplates(document.template).flatMap(allResources) : []));
  return resources;
}

/** What a document declares, as the keys a view asks `DocumentsDeclaring` for: resource types and object kinds. */
export function declarationKeys(document: Declarations): string[] {
  const keys = new Set<string>();
  for (const resource of resourcesOf(document)) keys.add(resourceKey(resource.type));
  for (const object of document.kubernetesObjects ?? []) keys.add(objectKey(object.kind));
  return [...keys];
}

type Declared<T> = { readonly file: string; readonly order: number; readonly position: number } & T;

function cached<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = compute()));
  return value;
}

/**
 * What the rules can see of a workspace: its resources (nested templates' too) by type and its Kubernetes
 * objects by kind, each gathered once from the documents that declare them. A scan lints every file against all
 * the others, and a rule asks for a few types only: walking every template of the workspace per linted file made
 * a scan quadratic. Documents are asked for only when their key is, so they may be read then.
 */
export function workspaceViewOf(declaring: DocumentsDeclaring): WorkspaceView {
  const byType = new Map<string, readonly Declared<{ resource: Resource }>[]>();
  const byKind = new Map<string, readonly Declared<{ object: KubernetesObject }>[]>();
  const ofType = (type: string) =>
    cached(byType, type, () =>
      declaring(resourceKey(type)).flatMap(({ order, document }) =>
        resourcesOf(document).flatMap((resource, position) => (resource.type.toLowerCase() === type ? [{ file: document.path, order, position, resource }] : [])),
      ),
    );
  return {
    resources(...types) {
      const wanted = [...new Set(types.map((t) => t.toLowerCase()))];
      if (wanted.length === 1) return ofType(wanted[0]);
      // several types come back in declaration order, as a walk of the templates would find them
      return wanted.flatMap(ofType).sort((a, b) => a.order - b.order || a.position - b.position);
    },
    kubernetesObjects: (kind) =>
      cached(byKind, kind, () =>
        declaring(objectKey(kind)).flatMap(({ order, document }) =>
          (document.kubernetesObjects ?? []).flatMap((object, position) => (object.kind === kind ? [{ file: document.path, order, position, object }] : [])),
        ),
      ),
  };
}

/** The view of documents all at hand, in scan order. */
export function workspaceView(documents: readonly AnalyzedDocument[]): WorkspaceView {
  const byKey = new Map<string, PlacedDocument[]>();
  documents.forEach((document, order) => {
    for (const key of declarationKeys(document)) cached(byKey, key, () => []).push({ order, document });
  });
  return workspaceViewOf((key) => byKey.get(key) ?? []);
}

/** The workspace as the rules of one file see it: everything but that file's own declarations. */
export function withoutFile(view: WorkspaceView, filePath: string): WorkspaceView {
  const others = <T extends { readonly file: string }>(list: readonly T[]) => (list.some((d) => d.file === filePath) ? list.filter((d) => d.file !== filePath) : list);
  return {
    resources: (...types) => others(view.resources(...types)),
    kubernetesObjects: (kind) => others(view.kubernetesObjects(kind)),
  };
}
