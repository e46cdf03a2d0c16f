import type { Topology } from '@mercato/kit';
import { loadService } from '@mercato/kit/runtime/load.ts';

/** Everything the deploy generators need to know about one service, read from the topology and its definition. */
export interface DeployedService {
  name: string;
  /** The services it may call (the topology's allow-list). */
  calls: readonly string[];
  /** Replicas declared in the topology (1 when it says nothing). */
  replicas: number;
  /** Whether it owns a PostgreSQL database. */
  database: boolean;
  /** Whether it publishes, consumes or listens to events, and so talks to the broker. */
  broker: boolean;
  /** Whether it is the public edge (the ingress and the TLS proxy send traffic there). */
  edge: boolean;
}

/** Every service listens on this port inside its container or pod. */
export const SERVICE_PORT = 3000;

/** Reads the deploy model: the topology plus what each service definition declares. */
export async function loadDeployModel(topology: Topology): Promise<DeployedService[]> {
  const services: DeployedService[] = [];
  for (const [name, entry] of Object.entries(topology.services)) {
    const definition = await loadService(topology, name);
    const database = entry.database !== false;
    services.push({
      name,
      calls: [...entry.calls],
      replicas: entry.replicas ?? 1,
      database,
      broker: (database && Boolean(definition.publishes?.length || definition.consumes?.length)) || definition.listens === true,
      edge: definition.edge === true,
    });
  }
  if (services.filter((s) => s.edge).length !== 1) throw new Error('the topology must have exactly one edge service');
  return services;
}

/** The edge service (the gateway). */
export function edgeService(services: readonly DeployedService[]): DeployedService {
  return services.find((s) => s.edge)!;
}

/** What a service's `MERCATO_UPSTREAMS` lists: its callees and itself, each at one address (the platform balances). */
export function upstreams(service: DeployedService, address: (name: string) => string): string {
  const names = [...service.calls, service.name];
  return JSON.stringify(Object.fromEntries(names.map((n) => [n, [address(n)]])));
}

/** The database name of a service (the same convention as the launcher's). */
export function databaseName(service: string): string {
  return `mercato_${service}`;
}
