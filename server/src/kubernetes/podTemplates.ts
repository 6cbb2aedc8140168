import type { ObjectValue } from '../model/value';
import type { PodTemplate } from '../model/kubernetes';
import { valueAt } from './valuePath';

interface PodTemplateCarrier {
  readonly kind: string;
  /** API groups (the part of `apiVersion` before `/`; `''` for the core group) the kind is known in */
  readonly groups: readonly string[];
  readonly path: readonly string[];
}

const SPEC_TEMPLATE = ['spec', 'template'];

/** Kinds that run pods, and where their pod template sits. Custom resources are matched by group too. */
const CARRIERS: readonly PodTemplateCarrier[] = [
  { kind: 'Pod', groups: [''], path: [] },
  { kind: 'PodTemplate', groups: [''], path: ['template'] },
  { kind: 'ReplicationController', groups: [''], path: SPEC_TEMPLATE },
  { kind: 'Deployment', groups: ['apps', 'extensions'], path: SPEC_TEMPLATE },
  { kind: 'StatefulSet', groups: ['apps'], path: SPEC_TEMPLATE },
  { kind: 'DaemonSet', groups: ['apps', 'extensions'], path: SPEC_TEMPLATE },
  { kind: 'ReplicaSet', groups: ['apps', 'extensions'], path: SPEC_TEMPLATE },
  { kind: 'Job', groups: ['batch'], path: SPEC_TEMPLATE },
  { kind: 'CronJob', groups: ['batch'], path: ['spec', 'jobTemplate', 'spec', 'template'] },
  { kind: 'Rollout', groups: ['argoproj.io'], path: SPEC_TEMPLATE },
  { kind: 'DeploymentConfig', groups: ['apps.openshift.io', ''], path: SPEC_TEMPLATE },
  { kind: 'ScaledJob', groups: ['keda.sh'], path: ['spec', 'jobTargetRef', 'template'] },
];

export function podTemplateOf(apiVersion: string, kind: string, object: ObjectValue): PodTemplate | undefined {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const carrier = CARRIERS.find((c) => c.kind === kind && c.groups.includes(group));
  if (!carrier) return undefined;
  const value = valueAt(object, carrier.path);
  return value?.kind === 'object' ? { value, path: carrier.path } : undefined;
}
