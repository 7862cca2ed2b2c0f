import type { ErrorCode } from '@hall/contracts';

/** The parts of an OpenAPI 3.1 document the transforms here read and write; the rest passes through untouched. */
export type OpenApiOperation = {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
  'x-problems'?: readonly ErrorCode[];
  [key: string]: unknown;
};

export type OpenApiDocument = {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
};
