import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeOpenApi } from '../src/domain/merge-openapi.ts';

describe('mergeOpenApi', () => {
  it('prefixes component schemas with their service and rewrites every $ref to them', () => {
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/def-0' } } } };
    const merged = mergeOpenApi(
      {
        catalog: {
          paths: { '/api/catalog/tree': { get: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/def-0' } } } } } } } },
          components: { schemas: { 'def-0': tree } },
        },
        search: { components: { schemas: { 'def-0': { type: 'string' } } } },
      },
      [],
    );
    const schemas = merged.components!.schemas as Record<string, any>;
    assert.deepEqual(Object.keys(schemas).sort(), ['catalog.def-0', 'search.def-0']);
    assert.equal(schemas['catalog.def-0'].properties.children.items.$ref, '#/components/schemas/catalog.def-0');
    const operation = (merged.paths as any)['/api/catalog/tree'].get;
    assert.equal(operation.responses[200].content['application/json'].schema.$ref, '#/components/schemas/catalog.def-0');
    assert.deepEqual(operation.tags, ['catalog']);
  });
});
