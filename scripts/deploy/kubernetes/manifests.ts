import type { KubernetesObject } from './object.ts';
import { edgeService, type DeployedService } from '../model.ts';
import type { Environment } from '../environments.ts';
import { networkPolicies } from './network-policies.ts';
import { ingress, namespaceAndConfig } from './platform.ts';
import { workload } from './workload.ts';

/** Every object of one environment, in apply order. */
export function manifests(services: readonly DeployedService[], env: Environment): KubernetesObject[] {
  return [...namespaceAndConfig(env), ...networkPolicies(services, env), ...services.flatMap((s) => workload(s, env)), ingress(edgeService(services), env)];
}
