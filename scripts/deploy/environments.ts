/**
 * The Kubernetes environments: one parameterised definition, each environment a handful of values.
 * Anything not listed here is the same everywhere (see `kubernetes/`).
 */
export interface Environment {
  name: string;
  namespace: string;
  /** The public host name (Ingress, TLS certificate, OIDC issuer). */
  host: string;
  /** The image every service runs (tag per environment). */
  image: string;
  /** HPA bounds: the topology's replicas times `minFactor`, up to `maxFactor` times that. */
  replicas: { minFactor: number; maxFactor: number };
  /** Average CPU utilisation (% of the request) the HPA aims for. */
  cpuTarget: number;
  resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
  logLevel: 'debug' | 'info' | 'warn';
  /** Demo data and first accounts on an empty database. */
  seed: boolean;
  /** Where the managed PostgreSQL and RabbitMQ live (egress is allowed there only). */
  network: { databaseCidr: string; brokerCidr: string; ingressNamespace: string; monitoringNamespace: string };
}

const IMAGE = 'ghcr.io/mercato-commerce/mercato';

const base = {
  cpuTarget: 70,
  network: { databaseCidr: '10.20.0.0/24', brokerCidr: '10.20.1.0/24', ingressNamespace: 'ingress-nginx', monitoringNamespace: 'monitoring' },
} as const;

export const environments: readonly Environment[] = [
  {
    ...base,
    name: 'dev',
    namespace: 'mercato-dev',
    host: 'dev.mercato.example',
    image: `${IMAGE}:main`,
    replicas: { minFactor: 0.5, maxFactor: 2 },
    resources: { requests: { cpu: '50m', memory: '192Mi' }, limits: { cpu: '500m', memory: '384Mi' } },
    logLevel: 'debug',
    seed: true,
  },
  {
    ...base,
    name: 'staging',
    namespace: 'mercato-staging',
    host: 'staging.mercato.example',
    image: `${IMAGE}:staging`,
    replicas: { minFactor: 1, maxFactor: 3 },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    logLevel: 'info',
    seed: true,
  },
  {
    ...base,
    name: 'live',
    namespace: 'mercato-live',
    host: 'shop.mercato.example',
    image: `${IMAGE}:live`,
    replicas: { minFactor: 2, maxFactor: 5 },
    resources: { requests: { cpu: '250m', memory: '384Mi' }, limits: { cpu: '2', memory: '768Mi' } },
    logLevel: 'info',
    seed: false,
    network: { ...base.network, databaseCidr: '10.30.0.0/24', brokerCidr: '10.30.1.0/24' },
  },
];
