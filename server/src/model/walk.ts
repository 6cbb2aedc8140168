import type { Resource, Template } from './template';

/** `root` and every template nested in it (ARM inline deployments), at any depth, parents before children. */
export function allTemplates(root: Template): Template[] {
  const result: Template[] = [];
  const pending = [root];
  for (let template = pending.pop(); template !== undefined; template = pending.pop()) {
    result.push(template);
    const nested = allResources(template).flatMap((resource) => resource.nestedTemplate ?? []);
    pending.push(...nested.reverse());
  }
  return result;
}

/** The resources of one template with child resources flattened in after their parents. */
export function allResources(template: Template): Resource[] {
  const result: Resource[] = [];
  const add = (resource: Resource): void => {
    result.push(resource);
    resource.children.forEach(add);
  };
  template.resources.forEach(add);
  return result;
}
