import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { SERVICE_PORT, type DeployedService } from '../model.ts';
import type { Environment } from '../environments.ts';
import { CONFIG_MAP, labels, secrets } from './labels.ts';

/** The namespace, its restricted Pod Security level and the settings every service shares. */
export function namespaceAndConfig(env: Environment): [Namespace, ConfigMap] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: env.namespace,
        labels: { ...labels(), 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: CONFIG_MAP, namespace: env.namespace, labels: labels() },
      data: {
        MERCATO_PUBLIC_URL: `https://${env.host}`,
        MERCATO_LOG_LEVEL: env.logLevel,
        MERCATO_SEED: env.seed ? '1' : '0',
      },
    },
  ];
}

/** HTTPS on the public host, terminated by the ingress controller, to the edge service. */
export function ingress(edge: DeployedService, env: Environment): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'mercato',
      namespace: env.namespace,
      labels: labels(),
      annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true', 'nginx.ingress.kubernetes.io/proxy-body-size': '16m' },
    },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [env.host], secretName: secrets.tls }],
      rules: [
        {
          host: env.host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: edge.name, port: { number: SERVICE_PORT } } } }] },
        },
      ],
    },
  };
}
