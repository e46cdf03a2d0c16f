/** What every generated object has (the kubernetes-types objects all fit). */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}
