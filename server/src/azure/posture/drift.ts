import { showValue } from '../../model/describe';
import { lookup } from '../../model/lookup';
import { toJson, type Value } from '../../model/value';
import type { DeployedFinding, DeployedResource, DeployedSnapshot, DriftFinding } from '../snapshot';
import { lintDeployed, type PostureOptions } from './lintDeployed';
import { parseResourceId } from './resourceId';
import { declarationKey, templateDeclarations, type Declaration } from './templateDeclarations';
import { propertyAt } from './templateProperty';

/**
 * Drift is a finding a rule gives on a deployed resource that the same rule does not give on the template's
 * declaration of it (matched by type and name): the template declares the setting one way, what runs has it
 * another. A template that leaves the setting unknown (a parameter without a default) declares nothing to
 * drift from. The other way round, a finding on a setting the template writes, where the deployed resource has
 * that setting otherwise and no finding, is drift too: deploying the template again would weaken what runs.
 * `deployedFindings` are `lintDeployed`'s with the same options, when the caller has them already.
 */
export function driftFindings(snapshot: DeployedSnapshot, templatePaths: readonly string[], options: PostureOptions, deployedFindings?: readonly DeployedFinding[]): DriftFinding[] {
  const declarations = templateDeclarations(templatePaths, options);
  if (declarations.size === 0) return [];
  const deployed = deployedFindings ?? lintDeployed(snapshot, options);
  // A secret is no setting: Azure does not return it, and a message must never show one.
  const aboutSecrets = (ruleId: string) => options.catalogue.meta(ruleId)?.area === 'secrets';
  const drift: DriftFinding[] = [];
  const matches = new Map<DeployedResource, Declaration[]>();
  for (const resource of snapshot.resources) {
    const matched = declarations.get(declarationKey(resource.type, parseResourceId(resource.id)?.fullName ?? resource.name));
    if (matched) matches.set(resource, matched);
  }
  const byId = new Map([...matches.keys()].map((r) => [r.id.toLowerCase(), r]));
  for (const finding of deployed) {
    const resource = byId.get(finding.resourceId.toLowerCase());
    const matched = resource && matches.get(resource);
    if (!resource || !matched || matched.some((d) => d.findings.some((f) => f.ruleId === finding.ruleId) || leavesOpen(d, finding.property))) continue;
    const [declaration] = matched;
    drift.push({
      ...finding,
      message: `${finding.message}; the template declares otherwise (${declaration.file}, line ${declaration.line}${aboutSecrets(finding.ruleId) ? '' : declared(declaration, finding, resource)})`,
      template: location(declaration),
    });
  }
  const rulesOn = new Map<string, Set<string>>();
  for (const f of deployed) rulesOn.set(f.resourceId.toLowerCase(), (rulesOn.get(f.resourceId.toLowerCase()) ?? new Set()).add(f.ruleId));
  for (const [resource, [declaration]] of matches) {
    const weakened = weakenedBy(declaration, resource, rulesOn.get(resource.id.toLowerCase()) ?? new Set());
    drift.push(...weakened.filter((f) => !aboutSecrets(f.ruleId)));
  }
  return drift;
}

/** The template's findings on settings it writes that the deployed resource has otherwise, without the finding. */
function weakenedBy(declaration: Declaration, resource: DeployedResource, found: ReadonlySet<string>): DriftFinding[] {
  const body = declaration.evaluator.resourceBody(declaration.resource);
  return declaration.findings.flatMap((finding) => {
    if (found.has(finding.ruleId) || finding.message.startsWith(CANNOT_VERIFY)) return [];
    const path = propertyAt(body, finding.range);
    const inTemplate = path && lookup(body, path);
    const running = path && deployedValue(resource, path);
    if (!path || inTemplate?.state !== 'known' || running === undefined || typeof running === 'object' || sameValue(inTemplate.value, running)) return [];
    const property = path.join('.');
    return [
      {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: `${finding.message}, in the template (${declaration.file}, line ${declaration.line}); the deployed resource has \`${path[path.length - 1]}\` ${JSON.stringify(running)}: deploying the template again would change it back`,
        resourceId: resource.id,
        property,
        template: location(declaration),
      },
    ];
  });
}

/** How the engine words a strict-mode finding on a value the template leaves unknown. */
const CANNOT_VERIFY = 'cannot verify ';

const location = (declaration: Declaration) => ({ file: declaration.file, line: declaration.line, column: declaration.column });

function sameValue(value: Value, running: unknown): boolean {
  const json = toJson(value);
  return typeof json === 'string' && typeof running === 'string' ? json.toLowerCase() === running.toLowerCase() : json === running;
}

/** Segments of a finding's property that a template lookup can follow; `undefined` past an array index. */
function segments(property: string | undefined): string[] | undefined {
  return property === undefined || property.includes('[') ? undefined : property.split('.');
}

function leavesOpen(declaration: Declaration, property: string | undefined): boolean {
  const path = segments(property);
  return path !== undefined && lookup(declaration.evaluator.resourceBody(declaration.resource), path).state === 'unknown';
}

/** `: `enableRbacAuthorization` is true there, false deployed` when the template writes the value. */
function declared(declaration: Declaration, finding: DeployedFinding, resource: DeployedResource): string {
  const path = segments(finding.property);
  if (!path) return '';
  const inTemplate = lookup(declaration.evaluator.resourceBody(declaration.resource), path);
  const deployed = deployedValue(resource, path);
  const name = `\`${path[path.length - 1]}\``;
  // A setting the template does not write is judged with others it does (public access 'Disabled' with no ACLs).
  if (inTemplate.state !== 'known' || typeof deployed === 'object') return '';
  return `: ${name} is ${showValue(inTemplate.value)} there, ${deployed === undefined ? 'not set' : JSON.stringify(deployed)} deployed`;
}

function deployedValue(resource: DeployedResource, path: readonly string[]): unknown {
  let current: unknown = resource;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    const entry = Object.entries(current).find(([k]) => k.toLowerCase() === key.toLowerCase());
    current = entry?.[1];
  }
  return current;
}
