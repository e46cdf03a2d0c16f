/** The parts of an OpenAPI document the merge reads. */
export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; description?: string; version?: string };
  paths?: Record<string, unknown>;
  tags?: Array<{ name: string; description?: string }>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

/**
 * Merges each service's OpenAPI 3.1 document into one for the public origin. Paths are already
 * prefixed (`/api/<service>/…`); operations are grouped under one tag per service; component schemas keep their names
 * with the service as prefix so two services never clash.
 */
export function mergeOpenApi(documents: Record<string, OpenApiDocument>, unavailable: string[]): OpenApiDocument & Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const tags: Array<{ name: string; description?: string }> = [];
  for (const [service, doc] of Object.entries(documents).sort(([a], [b]) => a.localeCompare(b))) {
    tags.push({ name: service, description: doc.info?.description });
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      paths[path] = retag(prefixRefs(item, service), service);
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) schemas[`${service}.${name}`] = prefixRefs(schema, service);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mercato API',
      version: '0.1.0',
      description: 'Every service of the platform behind one origin. Errors are RFC 9457 application/problem+json.',
    },
    tags,
    paths,
    components: { schemas, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    ...(unavailable.length > 0 ? { 'x-unavailable-services': unavailable } : {}),
  };
}

const SCHEMA_REF = '#/components/schemas/';

/** Points every `$ref` to a component schema at its prefixed name in the merged document. */
function prefixRefs(value: unknown, service: string): unknown {
  if (Array.isArray(value)) return value.map((v) => prefixRefs(v, service));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF) ? `${SCHEMA_REF}${service}.${v.slice(SCHEMA_REF.length)}` : prefixRefs(v, service);
  }
  return out;
}

function retag(item: unknown, service: string): unknown {
  if (!item || typeof item !== 'object') return item;
  const out: Record<string, unknown> = {};
  for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
    if (operation && typeof operation === 'object' && !Array.isArray(operation)) {
      out[method] = { ...(operation as object), tags: [service] };
    } else {
      out[method] = operation;
    }
  }
  return out;
}
