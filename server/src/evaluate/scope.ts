import type { Parameter, Resource, Template, Variable } from '../model/template';

/** The template whose parameters and variables a template's expressions read (ARM nested `outer` scope). */
export function nameScope(template: Template): Template {
  let scope = template;
  while (scope.expressionScope && scope.expressionScope !== scope) scope = scope.expressionScope;
  return scope;
}

/**
 * A declaration list by exact name and, for the ARM references that do not match a name exactly, by lower-case
 * name, the first declaration winning as a search would.
 */
interface NameIndex<T> {
  readonly exact: ReadonlyMap<string, T>;
  lower?: ReadonlyMap<string, T>;
}

// Every reference is looked up: a linear search of a template's hundreds of parameters per reference shows in
// the lint time of large ARM templates.
const nameIndexes = new WeakMap<readonly { readonly name: string }[], NameIndex<unknown>>();

function nameIndex<T extends { readonly name: string }>(items: readonly T[]): NameIndex<T> {
  let index = nameIndexes.get(items) as NameIndex<T> | undefined;
  if (index) return index;
  index = { exact: firstByName(items, (item) => item.name) };
  nameIndexes.set(items, index);
  return index;
}

function firstByName<T extends { readonly name: string }>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const byName = new Map<string, T>();
  for (const item of items) {
    const name = key(item);
    if (!byName.has(name)) byName.set(name, item);
  }
  return byName;
}

/** Bicep names are case-sensitive, ARM names are not. */
function findByName<T extends { readonly name: string }>(items: readonly T[], name: string, template: Template): T | undefined {
  const index = nameIndex(items);
  const exact = index.exact.get(name);
  if (exact || template.language === 'bicep') return exact;
  // Lower-cased only when a reference needs it: most ARM references spell the name as it is declared.
  index.lower ??= firstByName(items, (item) => item.name.toLowerCase());
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
