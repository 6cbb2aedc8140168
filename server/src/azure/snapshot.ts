/**
 * What `ztlint azure` reads from Azure Resource Manager, as plain data: the reader (azure/client) fills it with
 * read-only calls, the posture checks (azure/posture) lint it with the same rules as templates. Neither side
 * knows how the other works.
 */

/** A resource as a GET on its id returns it, with the API version that was asked for. */
export interface DeployedResource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly apiVersion: string;
  readonly location?: string;
  readonly kind?: string;
  readonly sku?: unknown;
  readonly identity?: unknown;
  readonly tags?: Readonly<Record<string, string>>;
  readonly properties?: unknown;
}

export interface DeployedRoleAssignment {
  readonly id: string;
  /** the scope it was made at: a subscription, resource group or resource id, or a management group */
  readonly scope: string;
  readonly principalId: string;
  /** `User`, `Group`, `ServicePrincipal`, `ForeignGroup`, `Device` */
  readonly principalType?: string;
  /** full id: `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>` */
  readonly roleDefinitionId: string;
}

export interface DeployedRoleDefinition {
  readonly id: string;
  readonly roleName: string;
  /** `BuiltInRole` or `CustomRole` */
  readonly roleType?: string;
  readonly permissions: readonly {
    readonly actions: readonly string[];
    readonly notActions: readonly string[];
    readonly dataActions: readonly string[];
    readonly notDataActions: readonly string[];
  }[];
}

/** A part of the scan that failed (a resource group, a resource, a list call); the rest carries on. */
export interface ScanProblem {
  /** the subscription, resource group or resource id the call was for */
  readonly scope: string;
  readonly message: string;
  readonly status?: number;
}

export interface DeployedSnapshot {
  readonly subscriptionId: string;
  /** the resource groups scanned; empty when the whole subscription was */
  readonly resourceGroups: readonly string[];
  readonly resources: readonly DeployedResource[];
  readonly roleAssignments: readonly DeployedRoleAssignment[];
  readonly roleDefinitions: readonly DeployedRoleDefinition[];
  readonly problems: readonly ScanProblem[];
}

/** A rule's finding on deployed state: it points at a resource id, not at a line. */
export interface DeployedFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** the resource the finding is about */
  readonly resourceId: string;
  /** the property it is about, dotted (`properties.enableRbacAuthorization`), when there is one */
  readonly property?: string;
  readonly related?: readonly { readonly message: string; readonly resourceId: string }[];
}

/** Where the deployed resource differs from what a template declares. */
export interface DriftFinding extends DeployedFinding {
  /** the template declaration the deployed resource was matched with */
  readonly template: { readonly file: string; readonly line: number; readonly column: number };
}
