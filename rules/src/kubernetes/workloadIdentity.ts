/** The pod label that makes the workload identity webhook project a token into the pod (azure-workload-identity v1). */
export const USE_LABEL = 'azure.workload.identity/use';

/** The ServiceAccount annotation the webhook turns into `AZURE_CLIENT_ID` for the pod. */
export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
