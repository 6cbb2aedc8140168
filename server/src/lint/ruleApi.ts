import type { Range } from '../text/range';
import type { Expr } from '../model/expr';
import type { KubernetesObject } from '../model/kubernetes';
import type { Lookup } from '../model/lookup';
import type { ParameterFile, Resource, Template } from '../model/template';
import type { PropertyValue, Value } from '../model/value';
import type { FixIntent, NewValueFactory } from '../fix/intent';

/**
 * How rules compare what ARM and Bicep compare ignoring case (resource types, property keys, names): without
 * lower-casing both sides, which made two strings per comparison in loops over a workspace's resources.
 */
export { equalsIgnoringCase } from '../text/equalsIgnoringCase';

/** The declarations a template's expressions name, found as the evaluator finds them (in the template's `nameScope`). */
export { findParameter, findVariable, nameScope } from '../evaluate/scope';

/**
 * What a rule author writes against. A rule sees the model only: it never knows whether a resource came from
 * Bicep or ARM, and it describes fixes as intents that a writer per format turns into edits.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Every severity, the most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type Area = 'keyvault' | 'network' | 'secrets' | 'identity' | 'kubernetes' | 'data' | 'monitoring';

/** The zero-trust principle a rule serves, as a SARIF tag. */
export type Principle = 'verify-explicitly' | 'least-privilege' | 'assume-breach';

/** The model a rule reads: deployment templates (Bicep and ARM alike), parameter files, or Kubernetes objects. */
export type RuleTarget = 'template' | 'parameters' | 'kubernetes';

export interface RuleMeta {
  /** stable kebab-case id, e.g. `keyvault-rbac-disabled` */
  readonly id: string;
  /** one line: what is wrong, e.g. "Key Vault uses access policies instead of Azure RBAC" */
  readonly title: string;
  readonly severity: Severity;
  readonly area: Area;
  readonly principle: Principle;
  readonly targets: readonly RuleTarget[];
  /** whether findings usually carry a fix */
  readonly fixable: boolean;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

/** Where a finding points: the engine turns any of these into a range in the file. */
export type Place = Resource | KubernetesObject | Lookup | PropertyValue | Value | Range;

export interface Related {
  readonly message: string;
  readonly at: Place;
  /** the file `at` is in, when it is not the one being linted */
  readonly file?: string;
}

export interface Fix {
  /** what the quick fix says it does: "Set enableRbacAuthorization to true" */
  readonly title: string;
  readonly intents: readonly FixIntent[];
  /**
   * Safe to apply without a person looking (the editor's preferred fix, the CLI's `--fix`): it cannot break a
   * deployment or lock anyone out.
   */
  readonly safe: boolean;
}

export interface Report {
  readonly message: string;
  readonly at: Place;
  /** a rule can lower its own default (an `info` for what cannot be verified) */
  readonly severity?: Severity;
  readonly related?: readonly Related[];
  readonly fix?: Fix;
}

/** A fact another file of the workspace declares, for rules that need more than one file. */
export interface WorkspaceView {
  /**
   * The resources of these types (case-insensitive, as the model writes them: an ARM child keeps its relative
   * type) in the other files' templates, nested templates included, in file and declaration order. The file being
   * linted is not included.
   */
  resources(...types: string[]): readonly { readonly file: string; readonly resource: Resource }[];
  /** the Kubernetes objects of this kind in the other files, in file and document order */
  kubernetesObjects(kind: string): readonly { readonly file: string; readonly object: KubernetesObject }[];
}

export interface RuleContext {
  /** report unknowns too, as `info` ("cannot verify: parameter X has no default") */
  readonly strict: boolean;
  /** every template in the file, nested ARM deployments included */
  readonly templates: readonly Template[];
  /** resources of the file with this full type (case-insensitive), from every template */
  resources(type: string): readonly Resource[];
  /** the resource declaration, evaluated (cached) */
  body(resource: Resource): Value;
  /** `lookup(body(resource), path)` */
  get(resource: Resource, path: string | readonly string[]): Lookup;
  evaluate(expr: Expr, template: Template): Value;
  /** the parameter file being linted (`.bicepparam`, ARM `deploymentParameters`) */
  readonly parameterFile?: ParameterFile;
  readonly kubernetesObjects: readonly KubernetesObject[];
  readonly workspace: WorkspaceView;
  /** builders for values a fix writes that are more than JSON: references to parameters and resources */
  readonly values: NewValueFactory;
  report(report: Report): void;
  /** How a message shows a detected secret: never in full (`'Exa…' (25 characters)`) */
  mask(secret: string): string;
  /** How messages name a resource: its symbolic name, else its name when known, else its type: `` `vault` `` */
  label(resource: Resource): string;
  /** whether the resource's API version is this date or later (`2026-02-01`); false when it has none */
  apiVersionAtLeast(resource: Resource, version: string): boolean;
  /**
   * For a value a rule cannot judge because it is unknown: in strict mode an `info` finding "cannot verify
   * <what>: <reason>"; otherwise nothing (unknown values give no warning by default).
   */
  cannotVerify(at: Lookup | Value, what: string): void;
}
