import type { Evaluator } from '../evaluate/evaluator';
import type { Expr } from '../model/expr';
import type { Resource, Template } from '../model/template';
import type { Value } from '../model/value';
import type { Finding } from './finding';

/** Why the deployed state of an `existing` resource could not be had: shown once, on its declaration. */
export interface DeployedProblem {
  readonly problem: string;
}

/**
 * What is deployed for an `existing` resource, from outside the engine (azure/existing): its body as known
 * values whose origin says where they came from, a problem, or `undefined` when nothing is known (yet). It must
 * answer at once: a provider that has to ask Azure answers `undefined` now and has the file linted again later.
 */
export type DeployedBodies = (resource: Resource, evaluate: (expr: Expr, template: Template) => Value) => Value | DeployedProblem | undefined;

/** The engine's finding for a lookup that failed: the rules go on with what the file says. */
export const DEPLOYED_LOOKUP_FAILED = 'azure-lookup-failed';

/**
 * The body rules see for each resource: the declaration, except for an `existing` one whose deployed state
 * `deployed` knows. Asked once per resource and lint, so a failure is reported once however many rules ask.
 */
export function resourceBodies(evaluator: Evaluator, deployed: DeployedBodies | undefined, report: (finding: Finding) => void): (resource: Resource) => Value {
  if (!deployed) return (resource) => evaluator.resourceBody(resource);
  const bodies = new Map<Resource, Value>();
  return (resource) => {
    if (!resource.existing) return evaluator.resourceBody(resource);
    let body = bodies.get(resource);
    if (body) return body;
    const found = deployed(resource, (expr, template) => evaluator.evaluate(expr, template));
    if (found && 'problem' in found) report({ ruleId: DEPLOYED_LOOKUP_FAILED, severity: 'info', message: found.problem, range: resource.name.range, related: [] });
    body = found && !('problem' in found) ? found : evaluator.resourceBody(resource);
    bodies.set(resource, body);
    return body;
  };
}
