import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (`module.exports = fn`); its typings claim an ES default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** prevHash of a hall's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain covers of one event. `occurredAt` is the client's text; `data` has no personal fields. */
export interface HashedEvent {
  hallId: string;
  position: number;
  id: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  clientId: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  personalRef: string | null;
}

/** RFC 8785 canonical JSON; throws on values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/**
 * `sha256_hex(prevHash ‖ canonicalize(event))` in UTF-8, where `event` holds
 * exactly the fields of {@link HashedEvent}. prevHash is always 64 hex
 * characters, so the concatenation is unambiguous; an auditor can recompute
 * the chain from the `GET .../events` pages with any RFC 8785 library.
 *
 * ### Example
 * ```ts
 * const first = eventHash(GENESIS_HASH, { hallId: 'h1', position: 1, id: 'e1', … });
 * ```
 */
export function eventHash(prevHash: string, e: HashedEvent): string {
  const body: HashedEvent = {
    hallId: e.hallId,
    position: e.position,
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    clientId: e.clientId,
    schemaVersion: e.schemaVersion,
    data: e.data,
    personalRef: e.personalRef,
  };
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(body), 'utf8').digest('hex');
}
