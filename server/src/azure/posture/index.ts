export { lintDeployed, type PostureOptions } from './lintDeployed';
export { driftFindings } from './drift';
