import { renderHaproxyConfig } from '@mercato/kit/runtime/haproxy-config.ts';
import { SERVICE_PORT, edgeService, type DeployedService } from '../model.ts';
import { EDGE_PORTS } from './compose.ts';

/** As many gateway replicas as the edge will find through Docker's DNS (`--scale gateway=N`, N up to this). */
const EDGE_SLOTS = 8;

/** The compose edge: TLS on 8443 (self-signed certificate from the `tls` service), HTTP on 8080 redirects there. */
export function edgeConfig(services: readonly DeployedService[]): string {
  const edge = edgeService(services);
  return renderHaproxyConfig({
    nameserver: '127.0.0.11:53', // Docker's embedded DNS
    tls: { service: edge.name, bind: `:${EDGE_PORTS.https}`, pem: '/tls/edge.pem', redirect: `:${EDGE_PORTS.http}` },
    services: [{ name: edge.name, discover: { address: `${edge.name}:${SERVICE_PORT}`, slots: EDGE_SLOTS } }],
  });
}
