import type { DeployedFinding, DeployedSnapshot } from '../snapshot';
import { lintSnapshot, type PostureOptions } from './lintDeployed';

export type { PostureOptions } from './lintDeployed';

/** The catalogue's rules run on what is deployed; findings point at resource ids. */
export function lintDeployed(snapshot: DeployedSnapshot, options: PostureOptions): DeployedFinding[] {
  return lintSnapshot(snapshot, options).findings;
}

export { driftFindings } from './drift';
