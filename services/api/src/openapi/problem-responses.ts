import { errorCodes, type ErrorCode } from '@hall/contracts';
import { problem } from '../http/problem.ts';
import type { OpenApiDocument, OpenApiOperation } from './openapi-types.ts';
import { problemSchema } from './problem-schema.ts';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * Error codes this route answers beyond those its shape implies (a 409 of
     * its own, a 403 on a route without a hall): see `impliedCodes`.
     */
    'x-problems'?: readonly ErrorCode[];
  }
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' } as const;

/**
 * The codes any operation of this shape can answer, so a new route is
 * described without listing them: path parameters can fail to decode, be too
 * long, name an unknown hall or entity and break their schema; a body can be
 * malformed, too large, of another media type or break its schema; a token can
 * be missing or bad and, in a hall's paths, belong to another hall or lack the
 * role; everything but the health checks is rate limited.
 */
function impliedCodes(path: string, operation: OpenApiOperation): ErrorCode[] {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const hasQuery = parameters.some((p) => p.in === 'query');
  const hasBody = operation.requestBody !== undefined;
  const secured = operation.security === undefined || operation.security.length > 0;
  const codes: ErrorCode[] = [];
  if (pathParameters.length > 0) codes.push('BAD_REQUEST', 'URI_TOO_LONG');
  if (hasBody) codes.push('MALFORMED_JSON', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (secured) codes.push('UNAUTHENTICATED');
  if (secured && pathParameters.includes('hallId')) codes.push('FORBIDDEN', 'OTHER_HALL');
  if (pathParameters.includes('hallId')) codes.push('HALL_NOT_FOUND');
  if (pathParameters.some((name) => name !== 'hallId')) codes.push('NOT_FOUND');
  if (pathParameters.length > 0 || hasQuery || hasBody) codes.push('VALIDATION_FAILED');
  if (!path.startsWith('/health/')) codes.push('RATE_LIMITED');
  return codes;
}

/** Codes a route declared a response schema for (health's 503) without naming them: every code of that status. */
function declaredCodes(operation: OpenApiOperation): ErrorCode[] {
  const statuses = Object.keys(operation.responses ?? {})
    .map(Number)
    .filter((status) => status >= 400);
  return (Object.keys(errorCodes) as ErrorCode[]).filter((code) => statuses.includes(errorCodes[code].status));
}

function problemResponse(codes: readonly ErrorCode[]) {
  return {
    description: codes.map((code) => `${code}: ${errorCodes[code].title}`).join('; '),
    content: {
      'application/problem+json': {
        schema: PROBLEM_REF,
        examples: Object.fromEntries(codes.map((code) => [code, { $ref: `#/components/examples/${code}` }])),
      },
    },
  };
}

function codesOf(path: string, operation: OpenApiOperation): Set<ErrorCode> {
  return new Set([...impliedCodes(path, operation), ...declaredCodes(operation), ...(operation['x-problems'] ?? [])]);
}

/** One example body per code, shared by every operation that answers it. */
function problemExamples(codes: Iterable<ErrorCode>) {
  const sorted = [...codes].sort((a, b) => errorCodes[a].status - errorCodes[b].status || a.localeCompare(b));
  return Object.fromEntries(
    sorted.map((code) => [code, { summary: errorCodes[code].title, value: problem(code, `${errorCodes[code].title} (an example)`) }]),
  );
}

function responsesFor(codes: Set<ErrorCode>, operation: OpenApiOperation) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(errorCodes) as ErrorCode[]) {
    if (!codes.has(code) || code === 'INTERNAL') continue;
    const status = errorCodes[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const successes = Object.entries(operation.responses ?? {}).filter(([status]) => Number(status) < 400);
  const problems = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, list]) => [String(status), problemResponse(list)]);
  return {
    ...Object.fromEntries(successes),
    ...Object.fromEntries(problems),
    default: {
      description: 'INTERNAL: an unexpected error (500); its text is logged, never sent',
      content: { 'application/problem+json': { schema: PROBLEM_REF } },
    },
  };
}

/**
 * Adds the problem body to the document: a `Problem` component and, on every
 * operation, one response per error status it can answer, naming its codes
 * with an example each (shared under `components.examples`), and a `default`
 * for the unexpected 500.
 */
export function withProblemResponses(document: OpenApiDocument): OpenApiDocument {
  const answered = new Set<ErrorCode>();
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const { 'x-problems': _declared, ...rest } = operation;
          const codes = codesOf(path, operation);
          for (const code of codes) if (code !== 'INTERNAL') answered.add(code);
          return [method, { ...rest, responses: responsesFor(codes, operation) }];
        }),
      ),
    ]),
  );
  const schemas = { ...document.components?.schemas, Problem: problemSchema };
  return { ...document, paths, components: { ...document.components, schemas, examples: problemExamples(answered) } };
}
