import { createHash } from 'node:crypto';
import { FINGERPRINT_KEY } from '../../engine/baseline';
import { displayPath } from '../../cli/formats/location';
import { LEVEL, sarifLog, sarifRules } from '../../cli/formats/sarif';
import { allFindings, isDrift, type DeployedReport } from './deployedReport';

const logicalLocation = (resourceId: string) => ({ fullyQualifiedName: resourceId, name: resourceId.split('/').pop(), kind: 'resource' });

/**
 * Where a resource is, for SARIF readers that need a file: GitHub code scanning rejects the whole log when a
 * result has only logical locations. The resource id, as a path below the checkout, names it and exists nowhere,
 * which GitHub shows as a location without a preview.
 */
const resourceLocation = (resourceId: string) => ({
  physicalLocation: { artifactLocation: { uri: encodeURI(resourceId.replace(/^\/+/, '')), uriBaseId: '%SRCROOT%' } },
  logicalLocations: [logicalLocation(resourceId)],
});

/** Stable across runs and casing: the rule, the resource and the property a finding is about. */
function fingerprint(ruleId: string, resourceId: string, property: string | undefined): string {
  return createHash('sha256').update(`${ruleId}\0${resourceId.toLowerCase()}\0${property ?? ''}`).digest('hex');
}

/**
 * SARIF 2.1.0 with the same rule descriptors as the file scan. A finding on deployed state has no file: its
 * location is the resource id, logical and as a path; drift points at the template declaration it was compared with.
 * What could not be read is a tool execution notification, located at its scope.
 */
export function formatDeployedSarif(report: DeployedReport): string {
  const { snapshot, catalogue, base } = report;
  const rules = sarifRules(catalogue);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = allFindings(report).map((f) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.property ? `${f.message} (${f.property})` : f.message },
    locations: [
      {
        ...resourceLocation(f.resourceId),
        // Drift is about the template as much as the resource: its declaration is where the alert is shown.
        ...(isDrift(f)
          ? { physicalLocation: { artifactLocation: { uri: encodeURI(displayPath(f.template.file, base)), uriBaseId: '%SRCROOT%' }, region: { startLine: f.template.line, startColumn: f.template.column } } }
          : {}),
      },
    ],
    ...(f.related && f.related.length > 0 ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, ...resourceLocation(r.resourceId) })) } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.ruleId, f.resourceId, isDrift(f) ? `drift:${f.property ?? ''}` : f.property) },
  }));
  const notifications = snapshot.problems.map((p) => ({ level: 'warning', message: { text: p.message }, descriptor: { id: 'azure-read-failed' }, locations: [resourceLocation(p.scope)] }));
  return sarifLog(base, rules, notifications, { results, properties: { subscriptionId: snapshot.subscriptionId, resourceGroups: snapshot.resourceGroups } });
}
