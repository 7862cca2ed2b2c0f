import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents } from '@hall/testing';
import { windowExists } from './organisation-view.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
  t.halls.backgroundCatchUp = false;
});
afterAll(() => t.close());

const at = '2026-11-02T09:00:00+08:00';
const ev = (id: string, type: string, data: Record<string, unknown>) => ({ id: `${id}-${Math.random().toString(36).slice(2)}`, type, occurredAt: at, data });

describe('the organisation view', () => {
  it('keeps in step with the history: renames, closes and reopens in the append that records them', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    const organisation = organisationEvents('2026-11-01T08:00:00+08:00');
    await t.post(hallId, organisation);
    const department = organisation.find((e) => e.type === 'DepartmentRegistered')!.data.departmentId as string;
    const window = organisation.find((e) => e.type === 'WindowOpened')!.data as { windowId: string; kind: string };
    await t.post(hallId, [
      ev('close', 'WindowClosed', { windowId: window.windowId }),
      ev('rename', 'DepartmentRegistered', { departmentId: department, name: 'Renamed bureau' }),
      ev('open', 'WindowOpened', { windowId: 'w-new', number: '99', name: 'New', departmentId: department, kind: 'approval' }),
      ev('close-new', 'WindowClosed', { windowId: 'w-new' }),
    ]);
    const db = t.database.db;
    const windows = await db.selectFrom('windows').select(['window_id', 'closed', 'kind']).where('hall_id', '=', hallId).where('window_id', 'in', [window.windowId, 'w-new']).orderBy('window_id').execute();
    expect(windows).toEqual(
      [
        { window_id: window.windowId, closed: true, kind: window.kind },
        { window_id: 'w-new', closed: true, kind: 'approval' },
      ].sort((a, b) => (a.window_id < b.window_id ? -1 : 1)),
    );
    const renamed = await db.selectFrom('departments').select('name').where('hall_id', '=', hallId).where('department_id', '=', department).executeTakeFirst();
    expect(renamed?.name).toBe('Renamed bureau');
    expect(await windowExists(db, hallId, 'w-new')).toBe(true);
    expect(await windowExists(db, hallId, 'w-never')).toBe(false);
  });

  it('lets the next batch refer to what an earlier one registered, and a refused batch registers nothing', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const department = (await t.database.db.selectFrom('departments').select('department_id').where('hall_id', '=', hallId).executeTakeFirstOrThrow()).department_id;
    const refused = [
      ev('open', 'WindowOpened', { windowId: 'w-late', number: '98', name: 'Late', departmentId: department, kind: 'approval' }),
      ev('bad', 'TicketCalled', { ticketId: 't1', windowId: 'w-unknown', staffId: 'nobody' }),
    ];
    await expect(t.post(hallId, refused)).rejects.toThrow(/UNKNOWN_REFERENCE/);
    expect(await windowExists(t.database.db, hallId, 'w-late')).toBe(false);
    await t.post(hallId, [refused[0]]);
    await t.post(hallId, [ev('rating', 'RatingSubmitted', { ratingId: 'r1', level: 5, channel: 'kiosk', windowId: 'w-late' })]);
    expect(await windowExists(t.database.db, hallId, 'w-late')).toBe(true);
  });
});
