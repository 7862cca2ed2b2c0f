import type { ErrorCode, FieldError } from '@hall/contracts';

/** Why a use case did not do what it was asked: a code of the error catalogue, never an HTTP status. */
export interface Failure {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
}

/**
 * An expected business outcome as a value: the doors (routes, CLI, jobs)
 * decide what a failure means to their caller. Bugs and outages still throw.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Failure };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, errors?: FieldError[]): Outcome<T> {
  return { ok: false, error: errors ? { code, message, errors } : { code, message } };
}
