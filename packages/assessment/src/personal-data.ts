import { eraseContact, getContact, getHall } from '@hall/event-store';
import type { HallStates } from './hall-states.ts';
import { fail, succeed, type Outcome } from './outcome.ts';

/**
 * Citizens' contact data (docs/domain.md §10, PIPL). Both use cases answer
 * HALL_NOT_FOUND for an unknown hall and NOT_FOUND when the event carries no
 * contact (never had one, or erased); the door logs who asked, never the contact.
 */
async function hallKnown(a: HallStates, hallId: string): Promise<boolean> {
  return a.loadedState(hallId) !== undefined || (await getHall(a.db, hallId)) !== undefined;
}

/** The contact a rating or complaint carried. */
export async function readContact(a: HallStates, hallId: string, eventId: string): Promise<Outcome<string>> {
  if (!(await hallKnown(a, hallId))) return fail('HALL_NOT_FOUND', `Unknown hall ${hallId}`);
  const contact = await getContact(a.db, hallId, eventId);
  return contact === undefined ? fail('NOT_FOUND', `No personal data for event ${eventId}`) : succeed(contact);
}

/** Erases the contact; the history keeps only its salted hash, so chain, replays and scores are unchanged. */
export async function erasePersonalData(a: HallStates, hallId: string, eventId: string): Promise<Outcome<void>> {
  if (!(await hallKnown(a, hallId))) return fail('HALL_NOT_FOUND', `Unknown hall ${hallId}`);
  const erased = await eraseContact(a.db, hallId, eventId);
  return erased ? succeed(undefined) : fail('NOT_FOUND', `No personal data for event ${eventId}`);
}
