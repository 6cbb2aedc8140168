import type { AnalyzedDocument } from '../engine/document';
import type { Evaluator } from '../evaluate/evaluator';
import { lookup } from '../model/lookup';
import type { Resource } from '../model/template';
import type { Value } from '../model/value';
import { allResources, allTemplates } from '../model/walk';
import { maskSecret } from './mask';
import { rangeOf } from './place';
import type { FactContext } from './ruleApi';

/**
 * What rules read of one document, with `evaluator`'s values: the context facts are collected in, and the part of
 * a lint's context that does not report.
 */
export function factContext(document: AnalyzedDocument, evaluator: Evaluator, body: (resource: Resource) => Value, strict: boolean): FactContext {
  const templates = document.template ? allTemplates(document.template) : [];
  let byType: Map<string, Resource[]> | undefined;
  return {
    strict,
    templates,
    resources(type) {
      if (!byType) {
        byType = new Map();
        for (const template of templates) {
          for (const resource of allResources(template)) {
            const key = resource.type.toLowerCase();
            const list = byType.get(key);
            if (list) list.push(resource);
            else byType.set(key, [resource]);
          }
        }
      }
      return byType.get(type.toLowerCase()) ?? [];
    },
    body,
    get: (resource, propertyPath) => lookup(body(resource), propertyPath),
    evaluate: (expr, template) => evaluator.evaluateForRule(expr, template),
    ...(document.parameterFile ? { parameterFile: document.parameterFile } : {}),
    kubernetesObjects: document.kubernetesObjects ?? [],
    mask: maskSecret,
    label(resource) {
      if (resource.symbolicName) return `\`${resource.symbolicName}\``;
      const name = evaluator.evaluateForRule(resource.fullName, resource.template);
      if (name.kind === 'string') return `'${name.value}'`;
      // A computed name is shown as written, when it is written in this file.
      const written = templates.includes(resource.template) ? document.text.slice(resource.name.range.start, resource.name.range.end) : '';
      return written && written.length <= 80 ? `\`${written.replace(/^"|"$/g, '')}\`` : `\`${resource.type}\``;
    },
    apiVersionAtLeast: (resource, version) => (resource.apiVersion ?? '').slice(0, 10) >= version,
    rangeOf,
  };
}
