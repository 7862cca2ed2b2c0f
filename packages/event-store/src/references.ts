export type ReferenceKind = 'department' | 'window' | 'staff' | 'service_item';

export interface Reference {
  kind: ReferenceKind;
  id: string;
  /** JSON Pointer inside the event's `data`, e.g. `/findings/2/windowId`. */
  path: string;
}

/** Data fields that name an organisation entity, wherever they appear. */
const referenceFields: Readonly<Record<string, ReferenceKind>> = {
  departmentId: 'department',
  windowId: 'window',
  fromWindowId: 'window',
  toWindowId: 'window',
  reviewerWindowId: 'window',
  targetWindowId: 'window',
  staffId: 'staff',
  substituteStaffId: 'staff',
  serviceItemId: 'service_item',
};

/** The field an organisation event registers rather than refers to. */
export const registeredField: Readonly<Record<string, { field: string; kind: ReferenceKind }>> = {
  DepartmentRegistered: { field: 'departmentId', kind: 'department' },
  WindowOpened: { field: 'windowId', kind: 'window' },
  StaffRegistered: { field: 'staffId', kind: 'staff' },
  ServiceItemRegistered: { field: 'serviceItemId', kind: 'service_item' },
};

/** `/field` of each reference field: the path of a top-level reference, written once (1901). */
const topLevelPath: Readonly<Record<string, string>> = Object.fromEntries(Object.keys(referenceFields).map((key) => [key, `/${key}`]));

function collect(value: Record<string, unknown>, prefix: string, skip: string | undefined, out: Reference[]): void {
  // Object.keys, not Object.entries: no [key, value] pair per field of every event (1901).
  for (const key of Object.keys(value)) {
    // Own fields only: a data key such as `constructor` must not find Object.prototype's.
    const kind = Object.hasOwn(referenceFields, key) ? referenceFields[key] : undefined;
    const field = value[key];
    if (kind !== undefined && key !== skip && typeof field === 'string') {
      out.push({ kind, id: field, path: prefix === '' ? topLevelPath[key]! : `${prefix}/${key}` });
    }
  }
}

/**
 * Which fields of an event's data name departments, windows, staff or service
 * items, which must be known before the event is stored (docs/integration.md: unknown ones
 * are 422). Tickets, cases, leaves, inspectors … are not checked. Matches on
 * field names (so a new event type with a `windowId` is checked without a code
 * change), plus `findings[i]` of InspectionRecorded and `subject` of
 * ScoreAdjusted.
 *
 * ### Example
 * ```ts
 * referencesOf('TicketTransferred', { ticketId: 't1', fromWindowId: 'w1', toWindowId: 'w2' })
 * // → [{ kind: 'window', id: 'w1', path: '/fromWindowId' }, { kind: 'window', id: 'w2', path: '/toWindowId' }]
 * ```
 */
export function referencesOf(type: string, data: Record<string, unknown>): Reference[] {
  const out: Reference[] = [];
  collect(data, '', registeredField[type]?.field, out);
  if (type === 'InspectionRecorded' && Array.isArray(data.findings)) {
    data.findings.forEach((finding, i) => {
      if (finding !== null && typeof finding === 'object') collect(finding as Record<string, unknown>, `/findings/${i}`, undefined, out);
    });
  }
  if (type === 'ScoreAdjusted' && data.subject !== null && typeof data.subject === 'object') {
    const subject = data.subject as { type?: unknown; id?: unknown };
    if ((subject.type === 'window' || subject.type === 'staff') && typeof subject.id === 'string') {
      out.push({ kind: subject.type, id: subject.id, path: '/subject/id' });
    }
  }
  return out;
}
