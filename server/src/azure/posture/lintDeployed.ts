import { analyzeDocument } from '../../engine/analyze';
import type { Catalogue } from '../../lint/catalogue';
import type { Finding } from '../../lint/finding';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../../lint/deadline';
import { lintDocument } from '../../lint/lintDocument';
import type { Severity } from '../../lint/ruleApi';
import type { DeployedFinding, DeployedSnapshot } from '../snapshot';
import { deployedPlaces, type DeployedPlace } from './locate';
import { renderSnapshot } from './render';

export interface PostureOptions {
  readonly catalogue: Catalogue;
  readonly strict: boolean;
  /** severities set by configuration; `off` turns a rule off */
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
}

/**
 * A snapshot is one document to the engine, and its time budget is a file's: a subscription's worth of resources
 * gets more, since each adds work for the rules that relate resources (role assignments to vaults).
 */
const TIME_PER_RESOURCE_MS = 20;

/** The name the rendered snapshot is linted under: its extension makes it an ARM template. */
const RENDERED_FILE = 'deployed-resources.json';

/**
 * The catalogue's rules run on what is deployed: the snapshot is linted as one ARM template and each finding
 * points at the deployed resource it is about.
 */
export function lintDeployed(snapshot: DeployedSnapshot, options: PostureOptions): DeployedFinding[] {
  const rendered = renderSnapshot(snapshot);
  const document = analyzeDocument(RENDERED_FILE, rendered.text);
  const timeoutMs = DEFAULT_ANALYSIS_TIMEOUT_MS + TIME_PER_RESOURCE_MS * rendered.resources.length;
  const result = lintDocument(document, { rules: options.catalogue.rules, strict: options.strict, timeoutMs, ...(options.severities ? { severities: options.severities } : {}) });
  const placeOf = deployedPlaces(rendered);
  // What is about no one resource (the time budget running out) is about the subscription.
  const subscription: DeployedPlace = { resourceId: `/subscriptions/${snapshot.subscriptionId}` };
  return result.findings.map((finding) => toDeployed(finding, (offset) => placeOf(offset) ?? subscription));
}

function toDeployed(finding: Finding, placeOf: (offset: number) => DeployedPlace): DeployedFinding {
  const place = placeOf(finding.range.start);
  const related = finding.related.flatMap((r) => {
    const at = placeOf(r.range.start);
    return at.resourceId !== place.resourceId ? [{ message: r.message, resourceId: at.resourceId }] : [];
  });
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    resourceId: place.resourceId,
    ...(place.property ? { property: place.property } : {}),
    ...(related.length > 0 ? { related } : {}),
  };
}
