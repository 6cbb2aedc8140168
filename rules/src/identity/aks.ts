/** The resource type of an AKS cluster, shared by the rules on its identity settings. */
export const AKS_CLUSTER = 'Microsoft.ContainerService/managedClusters';
