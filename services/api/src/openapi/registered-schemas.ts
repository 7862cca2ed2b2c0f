import type { SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenApiDocument } from './openapi-types.ts';

const fromRegistry = createJsonSchemaTransformObject({});

/**
 * Adds a component schema for every zod schema registered with an id
 * (`.meta({ id })`), such as each event type's envelope, which the operations
 * reference by `$ref`. zod writes each as a standalone JSON Schema with `$schema`
 * and an `$id` that is a fragment (`#/components/schemas/…`); inside an OpenAPI
 * document both are noise, and a fragment `$id` is invalid, so they go.
 */
export function withRegisteredSchemas(documents: Parameters<SwaggerTransformObject>[0]): OpenApiDocument {
  const document = fromRegistry(documents) as OpenApiDocument;
  const schemas = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => {
      const { $id: _id, $schema: _dialect, ...rest } = schema as Record<string, unknown>;
      return [name, rest];
    }),
  );
  return { ...document, components: { ...document.components, schemas } };
}
