import type { ServiceDefinition } from '../service.ts';
import type { Topology } from '../topology/topology.ts';

/** The service names that own a database. */
export function servicesWithDatabase(topology: Topology): string[] {
  return Object.entries(topology.services)
    .filter(([, entry]) => entry.database !== false)
    .map(([name]) => name);
}

/** Loads a service definition and checks it matches its topology entry. */
export async function loadService(topology: Topology, name: string): Promise<ServiceDefinition<any>> {
  const entry = topology.services[name];
  if (!entry) throw new Error(`unknown service ${name}`);
  const definition = (await entry.load()).default;
  if (definition.name !== name) throw new Error(`topology entry ${name} loads service ${definition.name}`);
  return definition;
}

/** The database name of a service: `<prefix><service>`. */
export function databaseName(prefix: string, service: string): string {
  return `${prefix}${service}`;
}
