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
  /**
   * What this rule needs to know of the other files of the workspace. Rules that read the same facts declare the
   * same object: facts are known by name, and each name is collected once per file.
   */
  readonly workspaceFacts?: readonly WorkspaceFacts[];
}

/**
 * Plain JSON: what one file tells the others. Facts cross threads and are compared between versions of a file,
 * so they hold no model (a fact that points into its file carries a `Range`) and never a secret in full.
 */
export type FactValue = null | boolean | number | string | readonly FactValue[] | { readonly [key: string]: FactValue };

/**
 * Facts a rule reads of the other files of the workspace (`WorkspaceView.facts`). `collect` runs once on each
 * file, on its own model and with its own values (its parameters' defaults), whichever file is linted later.
 */
export interface WorkspaceFacts<T extends FactValue = FactValue> {
  /** unique in the catalogue: `<area>/<what>`, e.g. `keyvault/role-assignments` */
  readonly name: string;
  collect(context: FactContext): readonly T[];
}

/** One fact of another file, with that file's path. */
export interface FileFact<T extends FactValue = FactValue> {
  readonly file: string;
  readonly fact: T;
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

/** What the other files of the workspace tell the rules of one file. */
export interface WorkspaceView {
  /** the facts collected under this name in the other files, in file order, then in the order each file collected them */
  facts(name: string): readonly FileFact[];
}

/** The facts `facts` collected in the other files of the workspace, typed as it collects them. */
export function otherFiles<T extends FactValue>(context: RuleContext, facts: WorkspaceFacts<T>): readonly FileFact<T>[] {
  return context.workspace.facts(facts.name) as readonly FileFact<T>[];
}

/** What a rule reads of one file: its models and the evaluation of their values. */
export interface FactContext {
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
  /** How a message shows a detected secret: never in full (`'Exa…' (25 characters)`) */
  mask(secret: string): string;
  /** How messages name a resource: its symbolic name, else its name when known, else its type: `` `vault` `` */
  label(resource: Resource): string;
  /** whether the resource's API version is this date or later (`2026-02-01`); false when it has none */
  apiVersionAtLeast(resource: Resource, version: string): boolean;
  /** the range a finding or related location at `place` points to: what a fact carries to point into its file */
  rangeOf(place: Place): Range;
}

export interface RuleContext extends FactContext {
  readonly workspace: WorkspaceView;
  /** builders for values a fix writes that are more than JSON: references to parameters and resources */
  readonly values: NewValueFactory;
  report(report: Report): void;
  /**
   * For a value a rule cannot judge because it is unknown: in strict mode an `info` finding "cannot verify
   * <what>: <reason>"; otherwise nothing (unknown values give no warning by default).
   */
  cannotVerify(at: Lookup | Value, what: string): void;
}
