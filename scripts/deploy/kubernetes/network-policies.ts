import type { NetworkPolicy, NetworkPolicyPeer } from 'kubernetes-types/networking/v1';
import { SERVICE_PORT, type DeployedService } from '../model.ts';
import type { Environment } from '../environments.ts';
import { labels, podsOf } from './labels.ts';

const namespaced = (name: string): NetworkPolicyPeer => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
const http = [{ protocol: 'TCP' as const, port: SERVICE_PORT }];

/**
 * Deny by default, then allow exactly the topology's calls: each service may send to the services
 * it calls, and accepts from the services that call it. Besides those: DNS for everyone, the
 * database for services that own one, the broker for services that publish or consume, the ingress
 * controller to the edge, and Prometheus to every pod's metrics port.
 */
export function networkPolicies(services: readonly DeployedService[], env: Environment): NetworkPolicy[] {
  const policy = (name: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: env.namespace, labels: labels() },
    spec,
  });
  const mercatoPods = { matchLabels: labels() };
  return [
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ ...namespaced('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
    policy('allow-metrics-scrape', {
      podSelector: mercatoPods,
      policyTypes: ['Ingress'],
      ingress: [{ from: [namespaced(env.network.monitoringNamespace)], ports: http }],
    }),
    ...services.map((service) => {
      const callers = services.filter((s) => s.calls.includes(service.name));
      const ingressFrom: NetworkPolicyPeer[] = [...callers.map((c) => ({ podSelector: podsOf(c.name) })), ...(service.edge ? [namespaced(env.network.ingressNamespace)] : [])];
      const egress = [
        ...(service.calls.length > 0 ? [{ to: service.calls.map((callee) => ({ podSelector: podsOf(callee) })), ports: http }] : []),
        ...(service.database ? [{ to: [{ ipBlock: { cidr: env.network.databaseCidr } }], ports: [{ protocol: 'TCP', port: 5432 }] }] : []),
        ...(service.broker ? [{ to: [{ ipBlock: { cidr: env.network.brokerCidr } }], ports: [{ protocol: 'TCP', port: 5672 }] }] : []),
      ];
      return policy(`allow-${service.name}`, {
        podSelector: podsOf(service.name),
        policyTypes: ['Ingress', 'Egress'],
        ingress: ingressFrom.length > 0 ? [{ from: ingressFrom, ports: http }] : [],
        egress,
      });
    }),
  ];
}
