import { DomainError } from '@hall/contracts';
import type { Outcome } from '@hall/assessment';

/**
 * The one translation of a use case's outcome at the HTTP edge: a success is
 * the response body, a failure becomes the DomainError that the problem
 * handler renders as an RFC 9457 body with the catalogue's status.
 */
export function valueOrProblem<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new DomainError(outcome.error.code, outcome.error.message, outcome.error.errors);
}
