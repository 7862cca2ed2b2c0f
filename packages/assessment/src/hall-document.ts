import type { HallRow } from '@hall/event-store';

export type HallDocument = ReturnType<typeof hallDocument>;

/** A hall as the API shows it. */
export function hallDocument(hall: HallRow) {
  return {
    id: hall.hallId,
    name: hall.name,
    timezone: hall.timezone,
    assessmentStartsOn: hall.assessmentStartsOn,
    autoAdvance: hall.autoAdvance,
    createdAt: hall.createdAt,
    headPosition: hall.headPosition,
  };
}
