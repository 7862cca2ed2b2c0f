import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { applyEvent, buildHallModel } from './hall-model.ts';
import { scoreMonth, scoreMonthFromModel } from '../score/score-month.ts';
import { event, rating, smallHall, ticket } from '../test-support/builders.ts';

/*
 * `buildHallModel` indexes in one pass as if no id repeated and the hall had
 * the timezone of a `HallCreated` near the front, and indexes again when not.
 * These check the cases where it must index again.
 */

/** 300 tickets at w1, each rated, in September 2026 (more than one block of events). */
function busyMonth(): AssessmentEvent[] {
  const events: AssessmentEvent[] = [];
  for (let i = 0; i < 300; i++) {
    const at = new Date(Date.parse('2026-09-01T01:00:00Z') + i * 7_200_000).toISOString();
    events.push(...ticket(`t${i}`, at), rating(`r${i}`, new Date(Date.parse(at) + 400_000).toISOString(), { level: 1 + (i % 5), ticketId: `t${i}` }));
  }
  return events;
}

describe('buildHallModel', () => {
  it('keeps the first event of a repeated id and ignores the later one, whatever it says', () => {
    const history = [...smallHall(), ...busyMonth()];
    const completion = history.find((e) => e.type === 'ServiceCompleted')!;
    const impostor = { ...completion, occurredAt: '2026-09-20T03:00:00Z', data: { ...completion.data, windowId: 'w2', staffId: 's3' } } as AssessmentEvent;
    const withRepeat = [...history.slice(0, 700), impostor, ...history.slice(700)];
    expect(scoreMonth(withRepeat, '2026-09')).toEqual(scoreMonth(history, '2026-09'));
    const model = buildHallModel([]);
    for (const e of withRepeat) applyEvent(model, e);
    expect(scoreMonthFromModel(model, '2026-09')).toEqual(scoreMonth(history, '2026-09'));
  });

  it('indexes in the hall’s own timezone when its HallCreated comes late in the list', () => {
    const [hall, ...rest] = smallHall();
    const utc = { ...hall, data: { ...hall.data, timezone: 'UTC' } } as AssessmentEvent;
    const history = [...rest, ...busyMonth()];
    expect(scoreMonth([...history, utc], '2026-09')).toEqual(scoreMonth([utc, ...history], '2026-09'));
    // 2026-09-30T20:00Z is 1 October in Shanghai but still September in UTC.
    const late = ticket('late', '2026-09-30T20:00:00Z');
    expect(scoreMonth([...history, ...late, utc], '2026-09').windows[0].metrics.ticketsCompleted).toBe(301);
  });

  it('does not fail on an unknown timezone that is not the effective one', () => {
    const [hall, ...rest] = smallHall();
    const bogus = event('HallCreated', '2026-06-01T00:00:00Z', { ...(hall.data as object), timezone: 'Mars/Olympus' } as never, 'hall-again');
    const model = buildHallModel([bogus, hall, ...rest]);
    expect(model.timeZone).toBe('Asia/Shanghai');
  });
});
