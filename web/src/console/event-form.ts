import { appendRequest } from '@hall/contracts';
import { postJson } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm, input, select, textarea } from './form.ts';
import { hallLocalToRfc3339, hallNowLocal, newEventId } from './hall-time.ts';
import type { Names } from './names.ts';

/** One field of an event's `data`: how it is entered and how its text becomes the value the schema wants. */
export type FieldSpec =
  | { key: string; kind: 'id'; prefix: string }
  | { key: string; kind: 'text' | 'textarea' | 'date' | 'number' | 'bool' | 'list'; optional?: boolean }
  | { key: string; kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { key: string; kind: 'window' | 'staff' | 'department'; optional?: boolean };

/** An event a console page records: its type and the fields of its data, in the order a person fills them. */
export interface EventAction {
  type: string;
  fields: readonly FieldSpec[];
}

const DATA = '/events/0/data';

/** The words of a field and of an enum's values come from the catalogue (`console.field.*`, `console.value.*`). */
const fieldLabel = (key: string) => i18n.maybe(`console.field.${key}`) ?? key;
const valueLabel = (key: string, value: string) => i18n.maybe(`console.value.${key}.${value}`) ?? value;

function control(spec: FieldSpec, names: Names): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const none = 'optional' in spec && spec.optional ? [{ value: '', label: t('console.none') }] : [];
  switch (spec.kind) {
    case 'id':
      // A short id a person can read back on the phone; the field stays editable for ids issued elsewhere.
      return input({ value: `${spec.prefix}-${crypto.randomUUID().slice(0, 8)}`, maxlength: 64 });
    case 'text':
      return input({ maxlength: 4000 });
    case 'list':
      return input({ maxlength: 4000 });
    case 'textarea':
      return textarea({ maxlength: 4000 });
    case 'date':
      return input({ type: 'date', value: hallNowLocal(names.timeZone).slice(0, 10) });
    case 'number':
      return input({ type: 'number', min: 0, step: 1 });
    case 'bool':
      return select([...none, { value: 'false', label: t('no') }, { value: 'true', label: t('yes') }]);
    case 'enum':
      return select([...none, ...spec.values.map((v) => ({ value: v, label: valueLabel(spec.key, v) }))]);
    case 'window':
      return select([...none, ...names.windows.map((w) => ({ value: w.windowId, label: `${w.number} ${w.name}` }))]);
    case 'staff':
      return select([...none, ...names.staff.map((s) => ({ value: s.staffId, label: s.name }))]);
    case 'department':
      return select([...none, ...names.departments.map((d) => ({ value: d.departmentId, label: d.name }))]);
    default: {
      const unknown: never = spec;
      return unknown;
    }
  }
}

/** The text of a field as the schema's value; an empty optional field is left out, an empty required one stays for zod to name. */
function valueOf(spec: FieldSpec, text: string): unknown {
  if (text === '') return 'optional' in spec && spec.optional ? undefined : spec.kind === 'number' ? undefined : '';
  if (spec.kind === 'number') return Number(text);
  if (spec.kind === 'bool') return text === 'true';
  if (spec.kind === 'list') return text.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
  return text;
}

/**
 * A form that records one event of `action.type` through `POST /events`,
 * checked first with the API's own `appendRequest` schema. The event id is
 * kept until a submit succeeds, so a retry never records twice.
 */
export function eventForm(ctx: ConsoleContext, action: EventAction, names: Names, onRecorded?: () => void): HTMLElement {
  const tz = ctx.frame.hall.timezone;
  let eventId = newEventId('event');
  const form = new PointerForm(action.type, t('console.record'), async (f) => {
    const data: Record<string, unknown> = {};
    for (const spec of action.fields) {
      const value = valueOf(spec, f.value(`${DATA}/${spec.key}`));
      if (value !== undefined) data[spec.key] = value;
    }
    const body = { events: [{ id: eventId, type: action.type, occurredAt: hallLocalToRfc3339(f.value('/events/0/occurredAt'), tz), data }] };
    if (!f.check(appendRequest, body)) return;
    try {
      await postJson(`${ctx.base}/events`, body);
      f.success(t('console.recorded', { type: i18n.maybe(`console.event.${action.type}`) ?? action.type }));
      eventId = newEventId('event');
      onRecorded?.();
    } catch (error) {
      f.showFailure(error);
    }
  });
  form.field('/events/0/occurredAt', t('console.occurredAt'), input({ type: 'datetime-local', value: hallNowLocal(tz) }), t('console.timeZone', { tz }));
  for (const spec of action.fields) form.field(`${DATA}/${spec.key}`, fieldLabel(spec.key), control(spec, names));
  return h('section', { class: 'event-action', 'data-event': action.type }, h('h3', {}, i18n.maybe(`console.event.${action.type}`) ?? action.type), form.element);
}
