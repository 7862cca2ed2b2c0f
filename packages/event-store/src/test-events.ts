import { schemaVersions } from '@hall/contracts';
import type { Kysely } from 'kysely';
import type { AppendInput, InTransactionView } from './append/append-types.ts';
import { appendEvents } from './append/append-events.ts';
import type { Database } from './database.ts';
import { createHall } from './halls.ts';

/** Test helpers: event builders and a hall with a small organisation. Not exported from the package. */
export type TestEvent = AppendInput['events'][number];

let sequence = 0;
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
}

export function event(type: string, data: Record<string, unknown>, overrides: Partial<TestEvent> = {}): TestEvent {
  return { id: uniqueId('ev'), type, occurredAt: '2026-09-01T09:00:00+08:00', data, ...overrides };
}

export const now = new Date('2026-09-01T01:00:00.123Z');

/**
 * Stand-in for the organisation view packages/assessment owns (the store may
 * not import it): registers each entity's row, enough for the reference check
 * to see it and for tests to prove the view is written in the append's
 * transaction. Closing a window and renaming are the real view's business.
 */
export const registryView: InTransactionView = {
  eventTypes: new Set(['DepartmentRegistered', 'WindowOpened', 'StaffRegistered', 'ServiceItemRegistered']),
  async apply(trx, hallId, events) {
    for (const { type, position, data } of events) {
      const s = (key: string) => String(data[key]);
      const common = { hall_id: hallId, name: s('name'), position };
      if (type === 'DepartmentRegistered') {
        await trx.insertInto('departments').values({ ...common, department_id: s('departmentId') }).onConflict((oc) => oc.doNothing()).execute();
      } else if (type === 'WindowOpened') {
        const row = { ...common, window_id: s('windowId'), number: s('number'), department_id: s('departmentId'), kind: data.kind as 'approval' };
        await trx.insertInto('windows').values(row).onConflict((oc) => oc.doNothing()).execute();
      } else if (type === 'StaffRegistered') {
        await trx.insertInto('staff').values({ ...common, staff_id: s('staffId'), department_id: s('departmentId') }).onConflict((oc) => oc.doNothing()).execute();
      } else {
        const row = { ...common, service_item_id: s('serviceItemId'), department_id: s('departmentId'), committed_working_days: Number(data.committedWorkingDays) };
        await trx.insertInto('service_items').values(row).onConflict((oc) => oc.doNothing()).execute();
      }
    }
  },
};

export function input(hallId: string, events: TestEvent[], clientId = 'client-1'): AppendInput {
  return { hallId, clientId, now, events, schemaVersions, view: registryView };
}

/** The organisation events of a small hall: department d1, windows w1 and w2, staff s1 and s2, service item si1. */
export function organisation(): TestEvent[] {
  return [
    event('DepartmentRegistered', { departmentId: 'd1', name: 'Civil affairs' }),
    event('WindowOpened', { windowId: 'w1', number: '01', name: 'Window 1', departmentId: 'd1', kind: 'approval' }),
    event('WindowOpened', { windowId: 'w2', number: '02', name: 'Window 2', departmentId: 'd1', kind: 'public_service' }),
    event('StaffRegistered', { staffId: 's1', name: 'Li', departmentId: 'd1' }),
    event('StaffRegistered', { staffId: 's2', name: 'Wang', departmentId: 'd1' }),
    event('ServiceItemRegistered', { serviceItemId: 'si1', name: 'Licence', departmentId: 'd1', committedWorkingDays: 5 }),
  ];
}

export function ticketCalled(windowId = 'w1', staffId = 's1'): TestEvent {
  return event('TicketCalled', { ticketId: uniqueId('t'), windowId, staffId });
}

/** A new hall; with `withOrganisation` its organisation is appended as positions 1–6. */
export async function givenHall(db: Kysely<Database>, opts: { withOrganisation?: boolean } = {}): Promise<string> {
  const hallId = uniqueId('hall');
  const created = await createHall(
    db,
    { hallId, name: 'Test hall', timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: true },
    now,
  );
  if (!created.ok) throw new Error('hall exists');
  if (opts.withOrganisation ?? true) {
    const outcome = await appendEvents(db, input(hallId, organisation(), 'supervisor'));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  }
  return hallId;
}
