import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { EnvVar, Service } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { SERVICE_PORT, upstreams, type DeployedService } from '../model.ts';
import type { Environment } from '../environments.ts';
import { CONFIG_MAP, labels, podsOf, secrets } from './labels.ts';

/** The suffix of each service's headless Service: one DNS SRV record per ready pod, which Prometheus scrapes. */
export const PODS_SERVICE_SUFFIX = '-pods';

/** The Deployment, Services (balanced, and headless for scraping), HorizontalPodAutoscaler and PodDisruptionBudget of one service. */
export function workload(service: DeployedService, env: Environment): [Deployment, Service, Service, HorizontalPodAutoscaler, PodDisruptionBudget] {
  const metadata = { name: service.name, namespace: env.namespace, labels: labels(service.name) };
  const minReplicas = Math.max(1, Math.round(service.replicas * env.replicas.minFactor));
  return [
    deployment(service, env, metadata),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: { selector: podsOf(service.name).matchLabels, ports: [{ name: 'http', port: SERVICE_PORT, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...metadata, name: service.name + PODS_SERVICE_SUFFIX },
      spec: { clusterIP: 'None', selector: podsOf(service.name).matchLabels, ports: [{ name: 'http', port: SERVICE_PORT, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service.name },
        minReplicas,
        maxReplicas: Math.max(minReplicas + 1, Math.ceil(minReplicas * env.replicas.maxFactor)),
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: env.cpuTarget } } }],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      spec: { maxUnavailable: 1, selector: podsOf(service.name) },
    },
  ];
}

function deployment(service: DeployedService, env: Environment, metadata: Deployment['metadata']): Deployment {
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      // No `replicas`: the HorizontalPodAutoscaler owns the count (an apply would reset it).
      selector: podsOf(service.name),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labels(service.name),
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(SERVICE_PORT), 'prometheus.io/path': '/metrics' },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: podsOf(service.name) },
          ],
          containers: [
            {
              name: service.name,
              image: env.image,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: SERVICE_PORT, protocol: 'TCP' }],
              envFrom: [{ configMapRef: { name: CONFIG_MAP } }],
              env: environment(service),
              resources: env.resources,
              startupProbe: probe('/health/live', 2, 60), // migrations run before the port opens
              readinessProbe: probe('/health/ready', 5, 3),
              livenessProbe: probe('/health/live', 10, 3),
              // Endpoints drop the pod before SIGTERM reaches it: keep serving meanwhile.
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

function environment(service: DeployedService): EnvVar[] {
  const secret = (name: string, key: string, optional = false): EnvVar['valueFrom'] => ({ secretKeyRef: { name, key, ...(optional ? { optional } : {}) } });
  return [
    { name: 'MERCATO_SERVICE', value: service.name },
    { name: 'MERCATO_UPSTREAMS', value: upstreams(service, (name) => `http://${name}:${SERVICE_PORT}`) },
    ...(service.database
      ? [
          { name: 'MERCATO_DATABASE_URL', valueFrom: secret(secrets.database(service.name), 'url') },
          { name: 'MERCATO_DATABASE_READ_URL', valueFrom: secret(secrets.database(service.name), 'read-url', true) },
        ]
      : []),
    ...(service.broker ? [{ name: 'MERCATO_AMQP_URL', valueFrom: secret(secrets.broker, 'url') }] : []),
    ...(service.name === 'identity'
      ? [
          { name: 'MERCATO_ADMIN_PASSWORD', valueFrom: secret(secrets.identity, 'admin-password', true) },
          { name: 'MERCATO_IDENTITY_COOKIE_KEYS', valueFrom: secret(secrets.identity, 'cookie-keys', true) },
        ]
      : []),
  ];
}
