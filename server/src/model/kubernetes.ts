import type { Range } from '../text/range';
import type { ObjectValue } from './value';

/** A Kubernetes object from a manifest (a document, or an item of a `List`), detected by `apiVersion` + `kind`. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  /** the whole object; its `metadata`, `spec`, `data`... are looked up in it */
  readonly value: ObjectValue;
  /** For workloads (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController...). */
  readonly podTemplate?: PodTemplate;
  /** zero-based index of the YAML document in the file */
  readonly documentIndex: number;
  readonly range: Range;
}

/**
 * The pod a workload runs: the Pod itself, `spec.template` of a Deployment and its kin, or
 * `spec.jobTemplate.spec.template` of a CronJob. `metadata` and `spec` are looked up in `value`.
 */
export interface PodTemplate {
  /** the object that holds the pod's `metadata` and `spec` */
  readonly value: ObjectValue;
  /** its path from the object's root: `[]` for a Pod, `['spec', 'template']` for a Deployment */
  readonly path: readonly string[];
}
