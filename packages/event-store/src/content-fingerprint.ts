import { createHash, createHmac, hash } from 'node:crypto';
import { canonicalJson } from './hash-chain.ts';

/** Data fields that are personal information (docs/domain.md §10): kept out of the history, erasable. */
const personalFields: Readonly<Record<string, 'contact'>> = {
  RatingSubmitted: 'contact',
  ComplaintReceived: 'contact',
};

/** Splits an event's data into what the history keeps and the contact kept apart. */
export function splitPersonalData(
  type: string,
  data: Record<string, unknown>,
): { data: Record<string, unknown>; contact: string | undefined } {
  const field = personalFields[type];
  if (field === undefined || !(field in data)) return { data, contact: undefined };
  const { [field]: contact, ...rest } = data;
  return { data: rest, contact: typeof contact === 'string' ? contact : undefined };
}

/**
 * HMAC-SHA256 of the contact under the hall's salt: the same citizen gives the
 * same ref within a hall, and the ref alone does not give the contact back.
 */
export function personalRefOf(salt: string, contact: string): string {
  return createHmac('sha256', salt).update(contact, 'utf8').digest('hex');
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * The instant an RFC 3339 timestamp names, as a UTC string that keeps every
 * fraction digit: `2026-09-01T08:00:00+08:00` and `2026-09-01T00:00:00.000Z`
 * give the same key, `….0001Z` and `….0002Z` do not (Date would merge them).
 */
export function instantOf(timestamp: string): string {
  // Most clients send UTC with `Z` already (toISOString): such a text is its own key (decision 1851, ~5 % of the batch path's CPU).
  return isOwnInstant(timestamp) ? timestamp : parsedInstantOf(timestamp);
}

/** `YYYY-MM-DDTHH:MM:SS[.f]Z`, the fraction without trailing zeros. */
const UTC_SHAPE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d*[1-9])?Z$/;

/**
 * Is the text exactly what {@link parsedInstantOf} would give back? It is when
 * it has the UTC shape and every field is in range: a day past the 28th, a
 * 24th hour or a leap second would be rolled over by `Date.UTC`, and a year
 * before 1000 is left to the parse too; those go the long way.
 */
function isOwnInstant(t: string): boolean {
  if (!UTC_SHAPE.test(t)) return false;
  const year = twoDigits(t, 0) * 100 + twoDigits(t, 2);
  const month = twoDigits(t, 5);
  const day = twoDigits(t, 8);
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && twoDigits(t, 11) <= 23 && twoDigits(t, 14) <= 59 && twoDigits(t, 17) <= 59;
}

/** The number two ASCII digits at `i` write (a module function: a closure per call showed in the profile, tsx names each one). */
function twoDigits(t: string, i: number): number {
  return (t.charCodeAt(i) - 48) * 10 + (t.charCodeAt(i + 1) - 48);
}

/** {@link instantOf} by parsing: any offset, any field. Exported for the test that holds the fast path to it. */
export function parsedInstantOf(timestamp: string): string {
  const m = RFC3339.exec(timestamp);
  if (m === null) {
    const ms = Date.parse(timestamp);
    return Number.isNaN(ms) ? timestamp : new Date(ms).toISOString();
  }
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const offsetMinutes = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  const fraction = (frac ?? '').replace(/0+$/, '');
  return `${new Date(utc).toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/**
 * Fingerprint for idempotent retries: type, occurredAt as an instant, data
 * without personal fields, and the personal ref standing in for the contact
 * (one-to-one within a hall, so a retry with another contact still conflicts).
 */
export function contentHashOf(e: {
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  personalRef: string | null;
}): string {
  const body = { type: e.type, occurredAt: instantOf(e.occurredAt), data: e.data, personalRef: e.personalRef };
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/**
 * {@link contentHashOf} from the data's canonical text the append already
 * made for the hash chain, so each event is canonicalised once. The body's
 * keys are written in their RFC 8785 order (data, occurredAt, personalRef,
 * type) and strings as `JSON.stringify` writes them: byte for byte
 * `canonicalJson` of the same object, so stored fingerprints keep matching
 * (canonical-json.unit.test.ts holds the two together).
 */
export function contentHashOfText(e: { type: string; occurredAt: string; dataText: string; personalRef: string | null }): string {
  const personalRef = e.personalRef === null ? 'null' : JSON.stringify(e.personalRef);
  const body = `{"data":${e.dataText},"occurredAt":${JSON.stringify(instantOf(e.occurredAt))},"personalRef":${personalRef},"type":${JSON.stringify(e.type)}}`;
  // One-shot: one call into the hash instead of three (create, update, digest).
  return hash('sha256', body, 'hex');
}

/**
 * {@link contentHashOfText} made on first call and kept: appends store no
 * fingerprint, so only an id that comes again needs one, of the incoming
 * event or of the stored row's own fields (decision 1881).
 */
export function fingerprintOf(type: string, occurredAt: string, dataText: string, personalRef: string | null): () => string {
  let made: string | undefined;
  return () => (made ??= contentHashOfText({ type, occurredAt, dataText, personalRef }));
}
