import { contentHashOfText, personalRefOf } from '../content-fingerprint.ts';
import { eventHashOfText } from '../hash-chain.ts';
import { registeredField } from '../references.ts';
import { referenceErrors } from '../unknown-references.ts';
import type { AppendedEvent, AppendInput, AppendOutcome, HallHead, StoredIds } from './append-types.ts';
import { classifyIds } from './classify-ids.ts';
import type { PreparedEvent } from './prepare-batch.ts';

export interface GroupPlan {
  outcomes: AppendOutcome[];
  /** Every event the group stores, in position order. */
  appended: AppendedEvent[];
  /** Per batch, the slice of `appended` it stores (empty for a rejected batch). */
  perBatch: AppendedEvent[][];
  head: HallHead;
}

/**
 * Decides each batch in order against the hall's head, the ids already
 * stored and the known organisation entities, computing positions and
 * hashes of what it appends. Pure: `stored` and `hall.known` grow with the
 * batches it accepts, so later batches of the group see them as stored.
 */
export function planGroup(hallId: string, inputs: AppendInput[], prepared: PreparedEvent[][], hall: HallHead, stored: StoredIds): GroupPlan {
  const known = hall.known;
  let position = hall.headPosition;
  let prevHash = hall.headHash;
  const appended: AppendedEvent[] = [];
  const perBatch: AppendedEvent[][] = [];

  const outcomes = inputs.map((input, k): AppendOutcome => {
    perBatch.push([]);
    const events = prepared[k].map((e) => {
      if (e.contact === undefined) return { ...e, personalRef: null, contentHash: e.contentHash as string };
      const personalRef = personalRefOf(hall.contactSalt, e.contact);
      return { ...e, personalRef, contentHash: contentHashOfText({ type: e.type, occurredAt: e.occurredAt, dataText: e.dataText, personalRef }) };
    });

    const { classified, conflicts } = classifyIds(events, stored);
    if (conflicts.length > 0) return { ok: false, code: 'EVENT_ID_CONFLICT', errors: conflicts };

    // Step 2, references: set-based against what the hall knows plus what earlier events of the batch register.
    const isNew = (i: number) => (classified[i].status === 'new' ? i : undefined);
    const unknown = referenceErrors(events, known, isNew);
    if (unknown.length > 0) return { ok: false, code: 'UNKNOWN_REFERENCE', errors: unknown };
    events.forEach((e, i) => {
      const registers = registeredField[e.type];
      if (registers && isNew(i) !== undefined) known.add(`${registers.kind}:${String(e.data[registers.field])}`);
    });

    // Step 4, the chain: positions and hashes of the new events, over the data text made once.
    const recordedAt = input.now.toISOString();
    const own: AppendedEvent[] = [];
    const positionOf = new Map<number, number>();
    const results = events.map((e, i) => {
      const c = classified[i];
      if (c.status === 'duplicate') return { id: e.id, status: 'duplicate' as const, position: c.position };
      if (c.status === 'duplicate-in-batch') {
        // `of` is always an event this call appends (a stored id is a 'duplicate').
        return { id: e.id, status: 'duplicate' as const, position: positionOf.get(c.of) as number };
      }
      const schemaVersion = input.schemaVersions[e.type];
      if (schemaVersion === undefined) throw new Error(`no schema version for event type ${e.type}`);
      position += 1;
      positionOf.set(i, position);
      const body = {
        hallId,
        position,
        id: e.id,
        type: e.type,
        occurredAt: e.occurredAt,
        recordedAt,
        clientId: input.clientId,
        schemaVersion,
        data: e.data,
        personalRef: e.personalRef,
      };
      const hash = eventHashOfText(prevHash, body, hallId, e.dataText);
      own.push({ ...body, hash, prevHash, dataText: e.dataText, contentHash: e.contentHash, contact: e.contact });
      prevHash = hash;
      return { id: e.id, status: 'appended' as const, position };
    });

    for (const e of own) stored.set(e.id, { position: e.position, contentHash: e.contentHash });
    appended.push(...own);
    perBatch[k] = own;
    return { ok: true, results, appended: own.map(storedEventOf) };
  });

  return { outcomes, appended, perBatch, head: { headPosition: position, headHash: prevHash, contactSalt: hall.contactSalt, known } };
}

export function storedEventOf({ contentHash: _c, contact: _p, hallId: _h, dataText: _d, ...event }: AppendedEvent) {
  return event;
}
