import type { FieldError } from '@hall/contracts';
import type { AppendOutcome } from '@hall/event-store';
import type { Failure } from './outcome.ts';

type StoreCode = Extract<AppendOutcome, { ok: false }>['code'];

/** The store's refusal of a batch, in the words of the error catalogue. */
export function storeFailure(code: StoreCode, errors: FieldError[]): Failure {
  switch (code) {
    case 'HALL_NOT_FOUND':
      return { code, message: 'Unknown hall', errors };
    case 'EVENT_ID_CONFLICT':
      return { code, message: 'An event id was reused with other content; nothing was stored', errors };
    case 'UNKNOWN_REFERENCE':
      return { code, message: 'The batch refers to unknown entities; nothing was stored', errors };
    default: {
      const unknown: never = code;
      throw new Error(`unhandled store refusal ${String(unknown)}`);
    }
  }
}
