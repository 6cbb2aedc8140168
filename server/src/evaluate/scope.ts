import type { Parameter, Resource, Template, Variable } from '../model/template';

/** The template whose parameters and variables a template's expressions read (ARM nested `outer` scope). */
export function nameScope(template: Template): Template {
  let scope = template;
  while (scope.expressionScope && scope.expressionScope !== scope) scope = scope.expressionScope;
  return scope;
}

/** A declaration list by exact name and by lower-case name, the first declaration winning as a search would. */
interface NameIndex<T> {
  readonly exact: ReadonlyMap<string, T>;
  readonly lower: ReadonlyMap<string, T>;
}

// Every reference is looked up: a linear search of a template's hundreds of parameters per reference shows in
// the lint time of large ARM templates.
const nameIndexes = new WeakMap<readonly { readonly name: string }[], NameIndex<unknown>>();

function nameIndex<T extends { readonly name: string }>(items: readonly T[]): NameIndex<T> {
  let index = nameIndexes.get(items) as NameIndex<T> | undefined;
  if (index) return index;
  const exact = new Map<string, T>();
  const lower = new Map<string, T>();
  for (const item of items) {
    if (!exact.has(item.name)) exact.set(item.name, item);
    const key = item.name.toLowerCase();
    if (!lower.has(key)) lower.set(key, item);
  }
  index = { exact, lower };
  nameIndexes.set(items, index);
  return index;
}

/** Bicep names are case-sensitive, ARM names are not. */
function findByName<T extends { readonly name: string }>(items: readonly T[], name: string, template: Template): T | undefined {
  const index = nameIndex(items);
  const exact = index.exact.get(name);
  if (exact || template.language === 'bicep') return exact;
  return index.lower.get(name.toLowerCase());
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
