import { Pool } from 'undici';
import { UnreachableError, unsentBody, type InboundResponse, type OutboundRequest, type ReplicaState, type StreamedResponse, type Transport } from './transport.ts';

/** Errors that prove the request never reached the server, so any request may go elsewhere. */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN']);
/** Errors after which the replica is suspect; idempotent requests may be retried elsewhere. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

interface Replica {
  url: string;
  pool: Pool;
  healthy: boolean;
}

/**
 * The `processes` topology's transport: HTTP to the service's replicas with client-side round-robin.
 * A replica that refuses or drops connections is ejected at once; a background probe of
 * `/health/live` re-admits it when it answers again. No sticky sessions.
 */
export class HttpTransport implements Transport {
  private readonly services = new Map<string, { replicas: Replica[]; next: number }>();
  private readonly probe: NodeJS.Timeout;

  constructor(upstreams: Record<string, readonly string[]>, probeIntervalMs = 1000) {
    for (const [service, urls] of Object.entries(upstreams)) {
      const replicas = urls.map((url) => ({
        url,
        pool: new Pool(url, { connections: 64, pipelining: 1, keepAliveTimeout: 10_000 }),
        healthy: true,
      }));
      this.services.set(service, { replicas, next: 0 });
    }
    this.probe = setInterval(() => void this.probeAll(), probeIntervalMs);
    this.probe.unref();
  }

  async send(service: string, request: OutboundRequest, options: { signal: AbortSignal; retrySafe: boolean }): Promise<InboundResponse> {
    const entry = this.services.get(service);
    if (!entry || entry.replicas.length === 0) throw new UnreachableError(service);
    const tried = new Set<Replica>();
    let lastError: unknown;
    while (tried.size < entry.replicas.length) {
      const replica = this.pick(entry, tried);
      tried.add(replica);
      try {
        return await this.sendTo(replica, request, options.signal);
      } catch (error) {
        const code = errorCode(error);
        if (!NOT_DELIVERED.has(code) && !CONNECTION_LOST.has(code)) throw error;
        replica.healthy = false;
        lastError = error;
        if (!NOT_DELIVERED.has(code) && !options.retrySafe) break;
        // A stream that undici already started reading cannot be sent again.
        if (!unsentBody(request.body)) break;
      }
    }
    throw new UnreachableError(service, lastError);
  }

  async sendStreamed(service: string, request: OutboundRequest, options: { signal: AbortSignal }): Promise<StreamedResponse> {
    const entry = this.services.get(service);
    if (!entry || entry.replicas.length === 0) throw new UnreachableError(service);
    const replica = this.pick(entry, new Set());
    try {
      const response = await replica.pool.request({
        method: request.method as 'GET',
        path: request.path,
        headers: request.headers,
        body: request.body ?? null,
        signal: options.signal,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      const code = errorCode(error);
      if (NOT_DELIVERED.has(code) || CONNECTION_LOST.has(code)) {
        replica.healthy = false;
        throw new UnreachableError(service, error);
      }
      throw error;
    }
  }

  replicas(service: string): ReplicaState[] {
    return (this.services.get(service)?.replicas ?? []).map(({ url, healthy }) => ({ url, healthy }));
  }

  async close(): Promise<void> {
    clearInterval(this.probe);
    await Promise.all([...this.services.values()].flatMap((s) => s.replicas.map((r) => r.pool.close())));
  }

  /** Round-robin over healthy replicas not yet tried; falls back to unhealthy ones as a last resort. */
  private pick(entry: { replicas: Replica[]; next: number }, tried: Set<Replica>): Replica {
    const n = entry.replicas.length;
    for (const wantHealthy of [true, false]) {
      for (let i = 0; i < n; i++) {
        const replica = entry.replicas[(entry.next + i) % n]!;
        if (replica.healthy === wantHealthy && !tried.has(replica)) {
          entry.next = (entry.next + i + 1) % n;
          return replica;
        }
      }
    }
    throw new Error('no replica left to try');
  }

  private async sendTo(replica: Replica, request: OutboundRequest, signal: AbortSignal): Promise<InboundResponse> {
    const response = await replica.pool.request({
      method: request.method as 'GET',
      path: request.path,
      headers: request.headers,
      body: request.body ?? null,
      signal,
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    return { status: response.statusCode, headers: response.headers, body };
  }

  private async probeAll(): Promise<void> {
    const checks = [...this.services.values()].flatMap((s) =>
      s.replicas.map(async (replica) => {
        try {
          const res = await replica.pool.request({ method: 'GET', path: '/health/live', signal: AbortSignal.timeout(800) });
          await res.body.dump();
          replica.healthy = res.statusCode === 200;
        } catch {
          replica.healthy = false;
        }
      }),
    );
    await Promise.all(checks);
  }
}

function errorCode(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code ?? '';
}
