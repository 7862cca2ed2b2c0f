import type { Insertable, Kysely } from 'kysely';
import type { Database, DepartmentsTable, InTransactionView, ServiceItemsTable, StaffTable, WindowsTable } from '@hall/event-store';

export const organisationEventTypes: ReadonlySet<string> = new Set([
  'DepartmentRegistered',
  'WindowOpened',
  'WindowClosed',
  'StaffRegistered',
  'ServiceItemRegistered',
]);

interface OrgEvent {
  type: string;
  position: number;
  data: Record<string, unknown>;
}

/**
 * The organisation view (departments, windows, staff, service items): the
 * store writes it in the append's own transaction, under the hall's lock, so
 * the next batch's reference check sees what this one registered, and a
 * rejected batch leaves it untouched. Every append of the use cases passes it;
 * restore rebuilds it with {@link applyOrganisationEvents}.
 */
export const organisationView: InTransactionView = {
  eventTypes: organisationEventTypes,
  apply: (trx, hallId, events) => applyOrganisationEvents(trx, hallId, events),
};

/**
 * Writes the organisation events of one append into the view tables, in the
 * append's transaction. The batch is folded first so each row is written once
 * (a multi-row upsert may not touch a row twice), then tables go in foreign-key
 * order. Registering an id again overwrites it; opening a closed window reopens it.
 */
export async function applyOrganisationEvents(trx: Kysely<Database>, hallId: string, events: OrgEvent[]): Promise<void> {
  const departments = new Map<string, Insertable<DepartmentsTable>>();
  const windows = new Map<string, Insertable<WindowsTable>>();
  const staff = new Map<string, Insertable<StaffTable>>();
  const serviceItems = new Map<string, Insertable<ServiceItemsTable>>();
  const closedOnly = new Map<string, number>();

  for (const { type, position, data } of events) {
    const s = (key: string) => String(data[key]);
    switch (type) {
      case 'DepartmentRegistered':
        departments.set(s('departmentId'), { hall_id: hallId, department_id: s('departmentId'), name: s('name'), position });
        break;
      case 'WindowOpened':
        closedOnly.delete(s('windowId'));
        windows.set(s('windowId'), {
          hall_id: hallId,
          window_id: s('windowId'),
          number: s('number'),
          name: s('name'),
          department_id: s('departmentId'),
          kind: data.kind as WindowsTable['kind'],
          closed: false,
          position,
        });
        break;
      case 'WindowClosed': {
        const opened = windows.get(s('windowId'));
        if (opened) windows.set(s('windowId'), { ...opened, closed: true, position });
        else closedOnly.set(s('windowId'), position);
        break;
      }
      case 'StaffRegistered':
        staff.set(s('staffId'), { hall_id: hallId, staff_id: s('staffId'), name: s('name'), department_id: s('departmentId'), position });
        break;
      case 'ServiceItemRegistered':
        serviceItems.set(s('serviceItemId'), {
          hall_id: hallId,
          service_item_id: s('serviceItemId'),
          name: s('name'),
          department_id: s('departmentId'),
          committed_working_days: Number(data.committedWorkingDays),
          position,
        });
        break;
      default:
        break;
    }
  }

  if (departments.size > 0) {
    await trx
      .insertInto('departments')
      .values([...departments.values()])
      .onConflict((oc) =>
        oc.columns(['hall_id', 'department_id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          position: eb.ref('excluded.position'),
        })),
      )
      .execute();
  }
  if (windows.size > 0) {
    await trx
      .insertInto('windows')
      .values([...windows.values()])
      .onConflict((oc) =>
        oc.columns(['hall_id', 'window_id']).doUpdateSet((eb) => ({
          number: eb.ref('excluded.number'),
          name: eb.ref('excluded.name'),
          department_id: eb.ref('excluded.department_id'),
          kind: eb.ref('excluded.kind'),
          closed: eb.ref('excluded.closed'),
          position: eb.ref('excluded.position'),
        })),
      )
      .execute();
  }
  if (staff.size > 0) {
    await trx
      .insertInto('staff')
      .values([...staff.values()])
      .onConflict((oc) =>
        oc.columns(['hall_id', 'staff_id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          department_id: eb.ref('excluded.department_id'),
          position: eb.ref('excluded.position'),
        })),
      )
      .execute();
  }
  if (serviceItems.size > 0) {
    await trx
      .insertInto('service_items')
      .values([...serviceItems.values()])
      .onConflict((oc) =>
        oc.columns(['hall_id', 'service_item_id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          department_id: eb.ref('excluded.department_id'),
          committed_working_days: eb.ref('excluded.committed_working_days'),
          position: eb.ref('excluded.position'),
        })),
      )
      .execute();
  }
  for (const [windowId, position] of closedOnly) {
    await trx
      .updateTable('windows')
      .set({ closed: true, position })
      .where('hall_id', '=', hallId)
      .where('window_id', '=', windowId)
      .execute();
  }
}

/** Whether the hall has ever opened this window; a closed window is still a window (its row stays, `closed`). */
export async function windowExists(db: Kysely<Database>, hallId: string, windowId: string): Promise<boolean> {
  const row = await db.selectFrom('windows').select('window_id').where('hall_id', '=', hallId).where('window_id', '=', windowId).executeTakeFirst();
  return row !== undefined;
}

/** Whether the hall has registered this person (staff rows are never deleted). */
export async function staffExists(db: Kysely<Database>, hallId: string, staffId: string): Promise<boolean> {
  const row = await db.selectFrom('staff').select('staff_id').where('hall_id', '=', hallId).where('staff_id', '=', staffId).executeTakeFirst();
  return row !== undefined;
}
