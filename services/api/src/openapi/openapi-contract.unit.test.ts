import { beforeAll, describe, expect, it } from 'vitest';
import { appendRequest, clientEventTypes } from '@hall/contracts';
import { openApiDocument } from '../openapi-document.ts';

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Document = { tags: Array<{ name: string }>; paths: Record<string, Record<string, Operation>>; servers?: unknown[] };

let document: Document;
let operations: Array<{ path: string; method: string; operation: Operation }>;
beforeAll(async () => {
  document = (await openApiDocument()) as Document;
  operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
  );
});

function refs(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
}

function resolves(ref: string): boolean {
  let node: unknown = document;
  for (const token of ref.replace(/^#\//, '').split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[token.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node !== undefined;
}

const statuses = (path: string, method: string) => Object.keys(document.paths[path]![method]!.responses);

describe('the OpenAPI document', () => {
  it('resolves every $ref and names a server', () => {
    expect(refs(document).filter((ref) => !resolves(ref))).toEqual([]);
    expect(document.servers?.length).toBeGreaterThan(0);
  });

  it('gives each operation a unique operationId, a summary, a description and declared tags', () => {
    const declared = new Set(document.tags.map((t) => t.name));
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.description, where).toBeTruthy();
      expect(operation.tags?.length, where).toBeGreaterThan(0);
      for (const tag of operation.tags ?? []) expect(declared.has(tag), `${where}: tag ${tag}`).toBe(true);
    }
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers every error status with the problem schema', () => {
    for (const { path, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status !== 'default' && Number(status) < 400) continue;
        expect(response.content?.['application/problem+json']?.schema?.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/Problem');
      }
    }
  });

  it('lists the statuses an operation can answer, from its shape and its own conflicts', () => {
    expect(statuses('/v1/halls/{hallId}/events', 'post')).toEqual(['200', '400', '401', '403', '404', '409', '413', '414', '415', '422', '429', 'default']);
    expect(statuses('/v1/halls/{hallId}', 'get')).toEqual(['200', '400', '401', '403', '404', '414', '422', '429', 'default']);
    expect(statuses('/v1/audit/public-key', 'get')).toEqual(['200', '401', '429', 'default']);
    expect(statuses('/health/ready', 'get')).toEqual(['200', '503', 'default']);
  });

  it('shows one valid POST /events example per event type a client may post', () => {
    const media = document.paths['/v1/halls/{hallId}/events']!.post!.requestBody!.content['application/json']!;
    expect(Object.keys(media.examples ?? {}).sort()).toEqual([...clientEventTypes].sort());
    for (const [type, example] of Object.entries(media.examples ?? {})) {
      expect(appendRequest.safeParse(example.value).error?.issues, type).toBeUndefined();
    }
  });

  // That the document points only at documents in the repository is checked
  // with every other tracked file by test/docs-references.unit.test.ts.
});
