import { errorCodes, type ErrorCode, type FieldError, type ProblemDetails } from '@hall/contracts';

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function pointerToken(segment: PropertyKey): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function pointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${pointerToken(segment)}`).join('');
}

/** Builds an RFC 9457 body for a code of the one error catalogue. */
export function problem(code: ErrorCode, detail?: string, errors?: FieldError[]): ProblemDetails {
  const entry = errorCodes[code];
  return {
    type: `https://hall-assessment.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: entry.title,
    status: entry.status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined || errors.length === 0 ? {} : { errors }),
  };
}
