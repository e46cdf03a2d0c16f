import { SERVICE_PORT, type DeployedService } from '../model.ts';
import { PODS_SERVICE_SUFFIX } from '../kubernetes/workload.ts';
import { JOB } from './metrics.ts';

const global = { scrape_interval: '15s', evaluation_interval: '15s' };

/**
 * Kubernetes: every pod of every service, found through the DNS SRV records of its headless
 * `<service>-pods` Service (ready pods only); the service and namespace labels come from the name.
 * DNS discovery works with any Prometheus, inside the cluster or not, and needs no API access.
 */
export function kubernetesScrapeConfig(services: readonly DeployedService[], namespaces: readonly string[], clusterDomain = 'cluster.local'): object {
  const names = namespaces.flatMap((ns) => services.map((s) => `_http._tcp.${s.name}${PODS_SERVICE_SUFFIX}.${ns}.svc.${clusterDomain}`));
  const pattern = `_http\\._tcp\\.(.+)${PODS_SERVICE_SUFFIX}\\.(.+)\\.svc\\..+`;
  return {
    global,
    rule_files: ['alerts.yml'],
    scrape_configs: [
      {
        job_name: JOB,
        honor_labels: true,
        dns_sd_configs: [{ names, type: 'SRV', refresh_interval: '30s' }],
        relabel_configs: [
          { source_labels: ['__meta_dns_name'], regex: pattern, target_label: 'service', replacement: '$1' },
          { source_labels: ['__meta_dns_name'], regex: pattern, target_label: 'namespace', replacement: '$2' },
        ],
      },
    ],
  };
}

/** Compose: each service's replicas through Docker's DNS (all of them, however many `--scale` made). */
export function composeScrapeConfig(services: readonly DeployedService[]): object {
  return {
    global,
    rule_files: ['alerts.yml'],
    scrape_configs: [
      {
        job_name: JOB,
        honor_labels: true,
        dns_sd_configs: services.map((s) => ({ names: [s.name], type: 'A', port: SERVICE_PORT, refresh_interval: '15s' })),
        relabel_configs: [{ source_labels: ['__meta_dns_name'], target_label: 'service' }],
      },
    ],
  };
}
