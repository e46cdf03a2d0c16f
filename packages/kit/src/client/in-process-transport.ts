import type { FastifyInstance } from 'fastify';
import { UnreachableError, type InboundResponse, type OutboundRequest, type ReplicaState, type StreamedResponse, type Transport } from './transport.ts';

/**
 * The embedded topology's transport: requests are serialized and handed to the target service's
 * Fastify instance with `inject()`, so every hook (auth, validation, metrics) runs as over HTTP.
 * A streamed body is handed over as a stream: the target reads it as it arrives.
 */
export class InProcessTransport implements Transport {
  private readonly apps = new Map<string, FastifyInstance>();

  /** Makes a started service reachable. */
  register(service: string, app: FastifyInstance): void {
    this.apps.set(service, app);
  }

  /** Makes a service unreachable (stopped). */
  unregister(service: string): void {
    this.apps.delete(service);
  }

  async send(service: string, request: OutboundRequest): Promise<InboundResponse> {
    const response = await this.inject(service, request, false);
    return { status: response.statusCode, headers: response.headers as InboundResponse['headers'], body: response.rawPayload };
  }

  async sendStreamed(service: string, request: OutboundRequest): Promise<StreamedResponse> {
    const response = await this.inject(service, request, true);
    return { status: response.statusCode, headers: response.headers as StreamedResponse['headers'], body: response.stream() };
  }

  private inject(service: string, request: OutboundRequest, payloadAsStream: boolean) {
    const app = this.apps.get(service);
    if (!app) throw new UnreachableError(service);
    return app.inject({
      method: request.method as 'GET',
      url: request.path,
      headers: request.headers,
      payloadAsStream,
      ...(request.body !== undefined ? { payload: request.body } : {}),
    });
  }

  replicas(service: string): ReplicaState[] {
    return [{ url: `inproc://${service}`, healthy: this.apps.has(service) }];
  }

  async close(): Promise<void> {
    this.apps.clear();
  }
}
