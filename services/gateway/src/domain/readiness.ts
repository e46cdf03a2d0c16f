import type { ServiceContext } from '@mercato/kit';

/**
 * The gateway is ready when every upstream service has at least one ready replica; each check
 * reports how many replicas the balancer currently sends traffic to.
 */
export function upstreamReadiness(ctx: ServiceContext): Record<string, () => Promise<string>> {
  return Object.fromEntries(
    ctx.calls.map((service) => [
      service,
      async () => {
        const client = ctx.client(service);
        const response = await client.request('/health/ready', { timeoutMs: 1500 });
        if (response.status !== 200) throw new Error(`not ready (${response.status})`);
        const replicas = client.replicas();
        return `${replicas.filter((r) => r.healthy).length}/${replicas.length} replicas healthy`;
      },
    ]),
  );
}
