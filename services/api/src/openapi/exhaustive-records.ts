import type { OpenApiDocument } from './openapi-types.ts';

type JsonSchema = { [key: string]: unknown };

function isExhaustiveRecord(node: JsonSchema): node is JsonSchema & { propertyNames: { enum: string[] }; required: string[] } {
  const names = node.propertyNames as { enum?: unknown } | undefined;
  return node.type === 'object' && node.properties === undefined && Array.isArray(names?.enum) && Array.isArray(node.required);
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, rewrite(value)])) as JsonSchema;
  if (!isExhaustiveRecord(entries)) return entries;
  const { propertyNames, additionalProperties, ...rest } = entries;
  const value = additionalProperties ?? {};
  return { ...rest, properties: Object.fromEntries(propertyNames.enum.map((key) => [key, value])), additionalProperties: false };
}

/**
 * Writes a zod record keyed by an enum (`z.record(sectionName, …)`), which
 * requires every key and allows no other, as the object it is: one property per
 * key. zod writes `propertyNames` and a `required` list naming no property,
 * which linters flag and client generators turn into a loose map.
 */
export function withExhaustiveRecordsAsObjects(document: OpenApiDocument): OpenApiDocument {
  return { ...document, paths: rewrite(document.paths) as OpenApiDocument['paths'], components: rewrite(document.components) as OpenApiDocument['components'] };
}
