import { fingerprintOf, personalRefOf } from '../content-fingerprint.ts';
import { eventHashOfText } from '../hash-chain.ts';
import { registeredField } from '../references.ts';
import { referenceErrors } from '../unknown-references.ts';
import type { AppendedEvent, AppendInput, AppendOutcome, HallHead, StoredIds } from './append-types.ts';
import { classifyIds } from './classify-ids.ts';
import type { PreparedEvent } from './prepare-batch.ts';
import type { StoredEvent } from '../stored-event.ts';
import { committedRunOf, type CommittedRun } from '../committed-run.ts';

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
 * batches it accepts, so later batches of the group see them as stored
 * (`stored` with all but the last batch's ids: nothing reads them after it).
 */
export function planGroup(hallId: string, inputs: AppendInput[], prepared: PreparedEvent[][], hall: HallHead, stored: StoredIds): GroupPlan {
  const known = hall.known;
  let position = hall.headPosition;
  let prevHash = hall.headHash;
  const appended: AppendedEvent[] = [];
  const perBatch: AppendedEvent[][] = [];

  const outcomes = inputs.map((input, k): AppendOutcome => {
    perBatch.push([]);
    const events = prepared[k];
    // personalRef (events with a contact), and each event's fingerprint, made only if its id comes again (1881):
    // no closure per event, the fingerprint is asked by index (1901).
    const personalRefs = new Array<string | null>(events.length);
    for (let i = 0; i < events.length; i += 1) {
      const e = events[i];
      personalRefs[i] = e.contact === undefined ? null : personalRefOf(hall.contactSalt, e.contact);
    }
    const fingerprintAt = (i: number) => fingerprintOf(events[i].type, events[i].occurredAt, events[i].dataText, personalRefs[i]);
    const contentHashAt = (i: number) => fingerprintAt(i)();

    const { classified, conflicts } = classifyIds(events, contentHashAt, stored);
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
    // Event i's position, for the events this call appends (an array, not a Map: 1901).
    const positionOf = new Array<number>(events.length);
    const results = events.map((e, i) => {
      const c = classified[i];
      if (c.status === 'duplicate') return { id: e.id, status: 'duplicate' as const, position: c.position };
      if (c.status === 'duplicate-in-batch') {
        // `of` is always an event this call appends (a stored id is a 'duplicate').
        return { id: e.id, status: 'duplicate' as const, position: positionOf[c.of] };
      }
      const schemaVersion = input.schemaVersions[e.type];
      if (schemaVersion === undefined) throw new Error(`no schema version for event type ${e.type}`);
      position += 1;
      positionOf[i] = position;
      // One object per stored event, its fields written out (no spread copies: the batch path is CPU-bound, 1802).
      const row: AppendedEvent = {
        hallId,
        position,
        id: e.id,
        type: e.type,
        occurredAt: e.occurredAt,
        recordedAt,
        clientId: input.clientId,
        schemaVersion,
        data: e.data,
        personalRef: personalRefs[i],
        hash: '',
        prevHash,
        dataText: e.dataText,
        contact: e.contact,
      };
      row.hash = eventHashOfText(prevHash, row, hallId, e.dataText);
      own.push(row);
      prevHash = row.hash;
      return { id: e.id, status: 'appended' as const, position };
    });

    // Only the group's later batches read these: the last batch (the only one, for a large batch) adds none (1901).
    if (k < inputs.length - 1) {
      for (let i = 0; i < events.length; i += 1) {
        if (classified[i].status === 'new') stored.set(events[i].id, { position: positionOf[i], contentHash: fingerprintAt(i) });
      }
    }
    appended.push(...own);
    perBatch[k] = own;
    // Made only when read: the client path reads only how many (500 copies per batch for a count, 1895).
    let appendedEvents: StoredEvent[] | undefined;
    let run: { of: CommittedRun | undefined } | undefined;
    return {
      ok: true,
      results,
      get appended() {
        return (appendedEvents ??= own.map(storedEventOf));
      },
      get run() {
        return (run ??= { of: committedRunOf(own) }).of;
      },
    };
  });

  return { outcomes, appended, perBatch, head: { headPosition: position, headHash: prevHash, contactSalt: hall.contactSalt, known } };
}

export function storedEventOf(e: AppendedEvent): StoredEvent {
  return {
    position: e.position,
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    clientId: e.clientId,
    schemaVersion: e.schemaVersion,
    data: e.data,
    personalRef: e.personalRef,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
