import type { Range } from '../text/range';
import type { Expr, ObjectExpr } from './expr';

/**
 * A deployment template, from Bicep or ARM alike. Rules see this, never the syntax it came from.
 * Names are case-sensitive in Bicep and case-insensitive in ARM: look them up with `findParameter` etc.
 */
export interface Template {
  readonly language: 'bicep' | 'arm';
  /** `resourceGroup` (default), `subscription`, `managementGroup`, `tenant` */
  readonly targetScope: string;
  readonly parameters: readonly Parameter[];
  readonly variables: readonly Variable[];
  readonly functions: readonly UserFunction[];
  readonly resources: readonly Resource[];
  readonly modules: readonly Module[];
  readonly outputs: readonly Output[];
  /** imports, `using`, `extension` declarations (Bicep) */
  readonly imports: readonly Import[];
  /** the whole template: the Bicep file or the ARM template object */
  readonly range: Range;
  /** For a nested ARM template: the deployment resource that holds it. */
  readonly parentDeployment?: Resource;
  /**
   * For a nested ARM template evaluated in the `outer` scope (ARM's default): the template whose parameters
   * and variables its expressions read.
   */
  readonly expressionScope?: Template;
  /**
   * Values supplied for parameters from outside the template: a nested deployment's `parameters`, a parameter
   * file. Each value is evaluated in `scope`.
   */
  readonly parameterValues: ReadonlyMap<string, SuppliedParameterValue>;
}

export interface SuppliedParameterValue {
  readonly value: Expr;
  /** the template (or parameter file) whose names the value's expression uses */
  readonly scope: Template;
  /** what supplied it, for messages: `parameter file main.bicepparam`, `deployment 'inner'` */
  readonly source: string;
  readonly range: Range;
  /** an ARM Key Vault reference (`{"reference": {"keyVault": ...}}`): a secret that exists only at deployment */
  readonly keyVaultReference?: boolean;
}

export interface Decorator {
  /** `secure`, `description`, `allowed`, `minLength`, `sys.description` is given as `description` */
  readonly name: string;
  readonly args: readonly Expr[];
  readonly range: Range;
}

export interface Parameter {
  readonly name: string;
  readonly nameRange: Range;
  /** `string`, `securestring`, `bool`, `int`, `object`, `secureObject`, `array`, or a Bicep type expression's text */
  readonly type: string;
  /** where the type is written: the Bicep type, the ARM `type` value (the name when it has none) */
  readonly typeRange: Range;
  /** `@secure()` in Bicep, `securestring`/`secureObject` in ARM */
  readonly secure: boolean;
  readonly defaultValue?: Expr;
  readonly allowedValues?: Expr;
  readonly description?: string;
  readonly decorators: readonly Decorator[];
  /** Bicep: a resource-typed parameter `param kv resource 'Microsoft.KeyVault/vaults@2023-07-01'` */
  readonly resourceType?: string;
  readonly range: Range;
}

export interface Variable {
  readonly name: string;
  readonly nameRange: Range;
  readonly value: Expr;
  readonly range: Range;
}

export interface UserFunction {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly body: Expr;
  readonly range: Range;
}

export interface Output {
  readonly name: string;
  readonly nameRange: Range;
  readonly type: string;
  /** where the type is written: the Bicep type, the ARM `type` value (the name when it has none) */
  readonly typeRange: Range;
  readonly secure: boolean;
  readonly value: Expr;
  readonly decorators: readonly Decorator[];
  readonly range: Range;
}

export interface Import {
  /** `extends` is a `.bicepparam` file taking values from another parameter file */
  readonly kind: 'import' | 'using' | 'extension' | 'extends';
  /** the path, registry reference or extension name as written */
  readonly target: string;
  readonly range: Range;
}

export interface Loop {
  readonly itemName?: string;
  readonly indexName?: string;
  /** the collection iterated over; for ARM `copy` the `count` */
  readonly source: Expr;
  /** ARM `copy.name` */
  readonly name?: string;
  readonly range: Range;
}

export interface Resource {
  /** the full type, children composed with their parents: `Microsoft.KeyVault/vaults/secrets` */
  readonly type: string;
  readonly typeRange: Range;
  readonly apiVersion?: string;
  /** Bicep symbolic name, ARM languageVersion 2.0 symbolic name */
  readonly symbolicName?: string;
  /**
   * The resource's name. For children written relative to a parent (ARM `resources` arrays, Bicep nested
   * resources) this is the name as written; `fullName` composes it with the parent's.
   */
  readonly name: Expr;
  readonly fullName: Expr;
  readonly parent?: Resource;
  readonly existing: boolean;
  readonly condition?: Expr;
  readonly loop?: Loop;
  /**
   * The resource declaration's object: `name`, `location`, `properties`, `identity`, `sku`, `scope`, `tags`...
   * For ARM this is the resource object itself (with `type` and `apiVersion` among its entries).
   */
  readonly body: ObjectExpr;
  /** Resources declared inside this one (Bicep nested resources, ARM child `resources`). */
  readonly children: readonly Resource[];
  /** An ARM `Microsoft.Resources/deployments` resource's inline template (`properties.template`). */
  readonly nestedTemplate?: Template;
  /** the template that declares it (and whose names its expressions use) */
  readonly template: Template;
  /** the whole declaration (decorators included in Bicep) */
  readonly range: Range;
  readonly decorators: readonly Decorator[];
}

export interface Module {
  readonly symbolicName: string;
  /** the module path or registry reference as written */
  readonly source: string;
  readonly sourceRange: Range;
  /** the module body: `name`, `scope`, `params`, `dependsOn` */
  readonly body: ObjectExpr;
  readonly condition?: Expr;
  readonly loop?: Loop;
  readonly template: Template;
  readonly range: Range;
  readonly decorators: readonly Decorator[];
}

/** A parameter file: `.bicepparam` or an ARM `deploymentParameters` JSON file. */
export interface ParameterFile {
  readonly language: 'bicep' | 'arm';
  /** the template it belongs to, as written in `using` (Bicep); ARM parameter files name none */
  readonly using?: string;
  readonly values: readonly ParameterFileValue[];
  /** the scope the values' expressions are evaluated in (a `.bicepparam` file can declare variables) */
  readonly scope: Template;
  readonly range: Range;
}

export interface ParameterFileValue {
  readonly name: string;
  readonly nameRange: Range;
  /** absent for ARM Key Vault references (`reference.keyVault`), which are known only at deployment */
  readonly value?: Expr;
  /** ARM `{"reference": {"keyVault": ...}}` */
  readonly keyVaultReference: boolean;
  readonly range: Range;
}
