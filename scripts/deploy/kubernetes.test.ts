import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { NetworkPolicy, NetworkPolicyPeer } from 'kubernetes-types/networking/v1';
import { Deployment as DeploymentModel } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler as HpaModel } from 'kubernetes-models/autoscaling/v2';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy as NetworkPolicyModel } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments } from 'yaml';
import { topology } from '../../topology.ts';
import { environments } from './environments.ts';

/** The Kubernetes OpenAPI schema of every kind we generate (validators compiled from it by kubernetes-models). */
const models: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': DeploymentModel,
  'autoscaling/v2/HorizontalPodAutoscaler': HpaModel,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicyModel,
  'networking.k8s.io/v1/Ingress': Ingress,
};

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } & Record<string, any>;

const services = Object.keys(topology.services);
const declaredCalls = Object.entries(topology.services)
  .flatMap(([caller, entry]) => entry.calls.map((callee) => `${caller} -> ${callee}`))
  .sort();

for (const env of environments) {
  describe(`Kubernetes manifests: ${env.name}`, () => {
    let objects: Manifest[];
    const ofKind = <T>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as Array<T & Manifest>;
    before(async () => {
      const text = await readFile(join(import.meta.dirname, '../../deploy/kubernetes', `${env.name}.yaml`), 'utf8');
      objects = parseAllDocuments(text).map((d) => d.toJS() as Manifest);
    });

    it('validates every object against the Kubernetes OpenAPI schema', () => {
      assert.ok(objects.length > services.length * 4);
      for (const object of objects) {
        const Model = models[`${object.apiVersion}/${object.kind}`];
        assert.ok(Model, `no schema for ${object.apiVersion} ${object.kind}`);
        assert.doesNotThrow(() => new Model(object).validate(), `${object.kind}/${object.metadata.name}`);
        if (object.kind !== 'Namespace') assert.equal(object.metadata.namespace, env.namespace);
      }
    });

    it('gives each service a hardened Deployment with probes and resources, a Service, an HPA on CPU and a PDB', () => {
      for (const service of services) {
        for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
          assert.ok(objects.some((o) => o.kind === kind && o.metadata.name === service), `${kind}/${service}`);
        }
        const deployment = ofKind<Deployment>('Deployment').find((d) => d.metadata.name === service)!;
        const pod = deployment.spec!.template.spec!;
        const [container] = pod.containers;
        assert.equal(pod.securityContext?.runAsNonRoot, true);
        assert.equal(container!.securityContext?.readOnlyRootFilesystem, true);
        assert.equal(container!.securityContext?.allowPrivilegeEscalation, false);
        assert.deepEqual(container!.securityContext?.capabilities?.drop, ['ALL']);
        assert.equal(container!.readinessProbe?.httpGet?.path, '/health/ready');
        assert.equal(container!.livenessProbe?.httpGet?.path, '/health/live');
        assert.ok(container!.resources?.requests?.cpu && container!.resources.limits?.memory);
        assert.equal(container!.env?.find((e) => e.name === 'MERCATO_SERVICE')?.value, service);
        const hpa = ofKind<HorizontalPodAutoscaler>('HorizontalPodAutoscaler').find((h) => h.metadata.name === service)!;
        assert.equal(hpa.spec!.metrics![0]!.resource!.name, 'cpu');
        assert.ok(hpa.spec!.maxReplicas > (hpa.spec!.minReplicas ?? 1));
      }
    });

    it('routes HTTPS on the public host to the edge service only', () => {
      const [ingress] = ofKind<any>('Ingress');
      assert.deepEqual(ingress.spec.tls[0].hosts, [env.host]);
      assert.equal(ingress.spec.rules[0].http.paths[0].backend.service.name, 'gateway');
    });

    it('denies by default and allows exactly the calls the topology declares, no more, no less', () => {
      const policies = ofKind<NetworkPolicy>('NetworkPolicy');
      const deny = policies.find((p) => p.metadata.name === 'default-deny')!;
      assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

      const serviceOf = (selector: { matchLabels?: Record<string, string> } | undefined) => selector?.matchLabels?.['app.kubernetes.io/name'];
      const egress = new Set<string>();
      const ingress = new Set<string>();
      for (const policy of policies) {
        const self = serviceOf(policy.spec!.podSelector);
        for (const rule of policy.spec!.egress ?? []) {
          for (const peer of rule.to ?? []) {
            const callee = podPeer(peer);
            if (callee) egress.add(`${self} -> ${callee}`);
          }
        }
        for (const rule of policy.spec!.ingress ?? []) {
          for (const peer of rule.from ?? []) {
            const caller = podPeer(peer);
            if (caller) ingress.add(`${caller} -> ${self}`);
          }
        }
      }
      assert.deepEqual([...egress].sort(), declaredCalls, 'egress between services');
      assert.deepEqual([...ingress].sort(), declaredCalls, 'ingress between services');

      // Everything else a policy opens: DNS, the ingress controller to the edge, Prometheus, and
      // the database and broker networks only for the services that need them.
      const others = policies.flatMap((p) =>
        [...(p.spec!.egress ?? []).flatMap((r) => r.to ?? []), ...(p.spec!.ingress ?? []).flatMap((r) => r.from ?? [])]
          .filter((peer) => !podPeer(peer))
          .map((peer) => `${p.metadata!.name}: ${describePeer(peer)}`),
      );
      const network = env.network;
      const expected = [
        'allow-dns: namespace kube-system, pods k8s-app=kube-dns',
        `allow-metrics-scrape: namespace ${network.monitoringNamespace}`,
        `allow-gateway: namespace ${network.ingressNamespace}`,
        ...servicesWith('database').map((s) => `allow-${s}: ${network.databaseCidr}`),
        ...servicesWith('broker').map((s) => `allow-${s}: ${network.brokerCidr}`),
      ];
      assert.deepEqual(others.sort(), expected.sort());
    });

    /** A peer that selects Mercato pods of one service in the same namespace, or undefined. */
    function podPeer(peer: NetworkPolicyPeer): string | undefined {
      if (peer.namespaceSelector || peer.ipBlock) return undefined;
      const name = peer.podSelector?.matchLabels?.['app.kubernetes.io/name'];
      assert.ok(name, `a pod peer must select one service: ${JSON.stringify(peer)}`);
      return name;
    }

    function servicesWith(what: 'database' | 'broker'): string[] {
      const env = (name: string) =>
        ofKind<Deployment>('Deployment')
          .find((d) => d.metadata.name === name)!
          .spec!.template.spec!.containers[0]!.env!.map((e) => e.name);
      return services.filter((s) => env(s).includes(what === 'database' ? 'MERCATO_DATABASE_URL' : 'MERCATO_AMQP_URL'));
    }
  });
}

describe('Kubernetes environments', () => {
  it('come from one definition: the same objects everywhere, differing only in parameters', async () => {
    const shapes = await Promise.all(
      environments.map(async (env) => {
        const text = await readFile(join(import.meta.dirname, '../../deploy/kubernetes', `${env.name}.yaml`), 'utf8');
        return parseAllDocuments(text)
          .map((d) => d.toJS() as Manifest)
          .map((o) => (o.kind === 'Namespace' ? o.kind : `${o.kind}/${o.metadata.name}`));
      }),
    );
    for (const shape of shapes.slice(1)) assert.deepEqual(shape, shapes[0]);
  });
});

function describePeer(peer: NetworkPolicyPeer): string {
  if (peer.ipBlock) return peer.ipBlock.cidr;
  const namespace = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
  const pods = Object.entries(peer.podSelector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  return [`namespace ${namespace}`, ...(pods.length ? [`pods ${pods.join(',')}`] : [])].join(', ');
}
