import type { Parameter, Resource, Template, Variable } from '../model/template';

/** The template whose parameters and variables a template's expressions read (ARM nested `outer` scope). */
export function nameScope(template: Template): Template {
  let scope = template;
  while (scope.expressionScope && scope.expressionScope !== scope) scope = scope.expressionScope;
  return scope;
}

/** Bicep names are case-sensitive, ARM names are not. */
function findByName<T extends { readonly name: string }>(items: readonly T[], name: string, template: Template): T | undefined {
  const exact = items.find((item) => item.name === name);
  if (exact || template.language === 'bicep') return exact;
  const lower = name.toLowerCase();
  return items.find((item) => item.name.toLowerCase() === lower);
}

export function findParameter(template: Template, name: string): Parameter | undefined {
  return findByName(template.parameters, name, template);
}

export function findVariable(template: Template, name: string): Variable | undefined {
  return findByName(template.variables, name, template);
}

/** A resource by its symbolic name, searching nested resources too (Bicep reaches them with `parent::child`). */
export function findResourceBySymbol(template: Template, name: string): Resource | undefined {
  const search = (resources: readonly Resource[]): Resource | undefined => {
    for (const resource of resources) if (resource.symbolicName === name) return resource;
    for (const resource of resources) {
      const found = search(resource.children);
      if (found) return found;
    }
    return undefined;
  };
  return search(template.resources);
}
