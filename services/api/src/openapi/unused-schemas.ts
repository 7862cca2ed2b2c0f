import type { OpenApiDocument } from './openapi-types.ts';

const SCHEMA_REF = /"#\/components\/schemas\/([^"]+)"/g;

function referencedNames(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(SCHEMA_REF)].map((match) => decodeURIComponent(match[1]!));
}

/**
 * Drops the component schemas nothing reaches from the paths. Every schema of
 * the zod registry is written twice (as read and as written); only one of the
 * two is used, and linters rightly flag the other.
 */
export function withoutUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const pending = referencedNames(document.paths);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    pending.push(...referencedNames(schemas[name]));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } };
}
