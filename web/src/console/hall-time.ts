/** The hall's UTC offset at an instant, as RFC 3339 wants it ("+08:00"), from Intl's time-zone data. */
export function offsetAt(instant: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** A `datetime-local` value read in the hall's time zone as an RFC 3339 time with the hall's offset. */
export function hallLocalToRfc3339(local: string, timeZone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const roughly = new Date(`${local}:00Z`);
  return `${local}:00${offsetAt(roughly, timeZone)}`;
}

/** Now in the hall's time zone as a `datetime-local` value ("2026-03-10T12:00"). */
export function hallNowLocal(timeZone: string, now = new Date()): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A fresh client event id: the console's own prefix and a random UUID (API ids are the client's choice). */
export const newEventId = (kind: string) => `console-${kind}-${crypto.randomUUID()}`;
