import type { ServiceDefinition } from '../service.ts';

/** One service's place in the topology: who it may call, how many replicas, what it needs. */
export interface TopologyEntry {
  /** Loads the service definition (lazy, so a process loads only the service it runs). */
  load: () => Promise<{ default: ServiceDefinition<any> }>;
  /** Services this one may call; any other call is refused with a 403 problem. */
  calls: readonly string[];
  /** Replicas in the `processes` and Kubernetes topologies. */
  replicas?: number;
  /** Whether the service owns a PostgreSQL database. */
  database?: boolean;
}

/** The declarative topology: every service and its allowed calls. */
export interface Topology {
  services: Readonly<Record<string, TopologyEntry>>;
}

/** Declares the topology, checking that every declared call names a known service. */
export function defineTopology<T extends Topology>(topology: T): T {
  for (const [name, entry] of Object.entries(topology.services)) {
    for (const target of entry.calls) {
      if (!(target in topology.services)) throw new Error(`topology: ${name} calls unknown service ${target}`);
    }
  }
  return topology;
}

/** Whether the topology lets `caller` call `callee`. */
export function callAllowed(topology: Topology, caller: string, callee: string): boolean {
  return topology.services[caller]?.calls.includes(callee) ?? false;
}
