import type { Catalogue } from '../../lint/catalogue';
import type { DeployedFinding, DeployedSnapshot, DriftFinding } from '../snapshot';

/** Everything an output of `ztlint azure` needs: what was read, what the rules found, and where paths are relative to. */
export interface DeployedReport {
  readonly snapshot: DeployedSnapshot;
  readonly findings: readonly DeployedFinding[];
  readonly drift: readonly DriftFinding[];
  readonly catalogue: Catalogue;
  /** template paths in drift findings are shown relative to this folder */
  readonly base: string;
}

/** Findings and drift together, in the order they are shown: by resource id, then rule. */
export function allFindings({ findings, drift }: DeployedReport): (DeployedFinding | DriftFinding)[] {
  return [...findings, ...drift].sort((a, b) => a.resourceId.toLowerCase().localeCompare(b.resourceId.toLowerCase()) || a.ruleId.localeCompare(b.ruleId));
}

export const isDrift = (finding: DeployedFinding): finding is DriftFinding => 'template' in finding;
