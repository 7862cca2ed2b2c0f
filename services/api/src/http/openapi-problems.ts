import { errorCodes } from '@hall/contracts';

type OpenApiDocument = { components?: Record<string, unknown>; paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>> };

/** The RFC 9457 body every 4xx and 5xx carries, with the service's own error codes (docs/integration.md "Errors"). */
const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: {
      type: 'string',
      enum: Object.keys(errorCodes),
      description: Object.entries(errorCodes)
        .map(([code, { status, title }]) => `${code} (${status}): ${title}`)
        .join('; '),
    },
    errors: {
      type: 'array',
      description: 'Every bad field, by JSON Pointer into the request',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/**
 * Adds the problem body to the document: a `Problem` component and, on every
 * operation, a `default` response pointing at it, so the error codes (the
 * service's choice where docs/integration.md names only statuses) are in the contract.
 */
export function withProblemResponses<T>(document: T): T {
  const doc = document as OpenApiDocument;
  const components = (doc.components ?? {}) as { schemas?: Record<string, unknown> };
  components.schemas = { ...components.schemas, Problem: problemSchema };
  doc.components = components;
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      if (typeof operation !== 'object' || operation === null) continue;
      operation.responses = {
        ...operation.responses,
        default: {
          description: 'An RFC 9457 problem (4xx, 5xx): see the Problem schema for the codes',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      };
    }
  }
  return document;
}
