import { z } from 'zod';

/**
 * The one error-code catalogue: code → HTTP status and title. The HTTP edge
 * renders these as RFC 9457 problem bodies; nothing below it knows HTTP.
 */
export const errorCodes = {
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  UNAUTHENTICATED: { status: 401, title: 'Missing or invalid token' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  OTHER_HALL: { status: 403, title: 'Token belongs to another hall' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  HALL_NOT_FOUND: { status: 404, title: 'Unknown hall' },
  EVENT_ID_CONFLICT: { status: 409, title: 'Event id reused with other content' },
  HALL_EXISTS: { status: 409, title: 'Hall already exists' },
  PERIOD_NOT_ENDED: { status: 409, title: 'Period has not ended' },
  TRANSITION_OUT_OF_ORDER: { status: 409, title: 'Transition out of order' },
  PERIOD_NOT_FINAL: { status: 409, title: 'Period is not final' },
  PERIOD_FINAL: { status: 409, title: 'Period is final' },
  NO_PUBLICATION: { status: 409, title: 'Period has no published version' },
  OBJECTION_WINDOW_CLOSED: { status: 409, title: 'Objection window closed' },
  APPEAL_DECIDED: { status: 409, title: 'Appeal already decided' },
  APPEAL_PENDING: { status: 409, title: 'Line item already has a pending appeal' },
  RULE_VERSION_EXISTS: { status: 409, title: 'Rule catalogue version already published' },
  CLIENT_NAME_TAKEN: { status: 409, title: 'Client name already in use' },
  BODY_TOO_LARGE: { status: 413, title: 'Body too large' },
  URI_TOO_LONG: { status: 414, title: 'A path segment is too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Body must be application/json' },
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  UNKNOWN_REFERENCE: { status: 422, title: 'Unknown entity referenced' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  NOT_READY: { status: 503, title: 'Not ready' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const;
export type ErrorCode = keyof typeof errorCodes;

export const problemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ProblemDetails = z.infer<typeof problemDetails>;
export type FieldError = { path: string; message: string };

/** A domain outcome the edge turns into a problem body (habit 5: expected outcomes are values). */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    Object.setPrototypeOf(this, DomainError.prototype);
  }
}
