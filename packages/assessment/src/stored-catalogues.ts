import type { RuleCatalogueVersion } from '@hall/contracts';
import { readEventsOfTypes, type Database, type HallRow } from '@hall/event-store';
import { defaultCatalogue } from '@hall/scoring';
import type { Kysely } from 'kysely';
import { toAssessmentEvent } from './hall-state.ts';

/**
 * A hall's published catalogue versions read from the store by type (index
 * events_hall_type_read), or the default catalogue when none was published:
 * what `catalogueList()` of its state gives, without loading the state.
 */
export async function storedCatalogues(db: Kysely<Database>, hall: HallRow): Promise<RuleCatalogueVersion[]> {
  const catalogues: RuleCatalogueVersion[] = [];
  for (const stored of await readEventsOfTypes(db, hall.hallId, ['RuleCatalogueVersionPublished'])) {
    const event = toAssessmentEvent(stored);
    if (event.type === 'RuleCatalogueVersionPublished') catalogues.push(event.data);
  }
  return catalogues.length > 0 ? catalogues : [defaultCatalogue(hall.assessmentStartsOn)];
}
