import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { emptyReferenceIds } from '../unknown-references.ts';
import type { AppendedEvent, AppendInput, AppendOutcome, HallHead } from './append-types.ts';
import { planGroup, storedEventOf, type GroupPlan } from './plan-group.ts';
import { prepareBatch, type PreparedEvent } from './prepare-batch.ts';
import { readHall } from './read-hall.ts';
import { writeEvents, writeEventsIfHead, type IfHeadResult } from './write-events.ts';

/**
 * Most events a group carries; a larger batch goes alone. Grouping pays for
 * small appends (round trips and a commit each); large batches already
 * amortise those, and alone their database work overlaps the parsing and
 * hashing of the next batch instead of waiting for it (measured, 0305).
 */
const GROUP_EVENTS = 100;

interface Waiting {
  input: AppendInput;
  split: PreparedEvent[];
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

interface StoreAppends {
  /** Per hall: batches waiting while that hall's append runs. */
  queues: Map<string, Waiting[]>;
  /** Per hall: wakes a drain that waits on its groups in flight when a batch arrives (1871). */
  wakers: Map<string, () => void>;
  /** Per hall: the head as this process last committed it (see {@link planWithKnownHead}). */
  heads: Map<string, HallHead>;
}

const perStore = new WeakMap<Kysely<Database>, StoreAppends>();

/**
 * Appends a batch in its own transaction. See {@link appendEventsInTransaction}.
 *
 * Group commit: appends of one hall are serial anyway (the hall row lock is
 * held to commit, fsync included), so batches arriving for a hall while its
 * append runs wait in this process and then go together in the next one,
 * which costs the same round trips and one commit. Each batch keeps its own
 * outcome, exactly as if the batches had gone one after the other in arrival
 * order (a rejected batch stores nothing and does not affect the others). A
 * batch arriving at an idle hall starts at once. Halls never share a
 * transaction.
 */
export function appendEvents(db: Kysely<Database>, input: AppendInput): Promise<AppendOutcome> {
  return new Promise((resolve, reject) => {
    // Done here, before waiting for the hall, so it overlaps the hall's running append.
    const split = prepareBatch(input);
    let store = perStore.get(db);
    if (!store) perStore.set(db, (store = { queues: new Map(), heads: new Map(), wakers: new Map() }));
    const waiting = store.queues.get(input.hallId);
    if (waiting) {
      waiting.push({ input, split, resolve, reject });
      // A full group goes at once; smaller ones keep gathering until the group in flight settles (group commit).
      if (waiting.reduce((n, w) => n + w.input.events.length, 0) >= GROUP_EVENTS) store.wakers.get(input.hallId)?.();
      return;
    }
    const queue: Waiting[] = [{ input, split, resolve, reject }];
    store.queues.set(input.hallId, queue);
    void drain(db, store, input.hallId, queue);
  });
}

/**
 * Fast groups a hall may have in flight at once (see {@link drain}). Two lets
 * the next group's statement wait on the hall row while the previous one
 * commits, instead of starting only after it returned; more would only queue
 * more connections on the same row lock and split groups that would
 * otherwise commit together.
 */
const PIPELINE_DEPTH = 2;

/** A fast group sent and not yet settled, in hall order. */
interface InFlight {
  /** The head the group leaves if its statement commits. */
  head: HallHead;
  /** Settles the group's batches (after every earlier group's). */
  settled: Promise<void>;
  /** Set once `settled` has resolved. */
  done: boolean;
}

/**
 * Runs a hall's queue, group after group, with the outcomes of each batch in
 * arrival order.
 *
 * Pipelining (1141, 1802): when this process knows the head, a group is
 * planned on the head the group before it *will* leave and its one statement
 * is sent at once, on its own connection, while that group is still in
 * flight. Its compare-and-set waits on the hall row the earlier statement
 * holds until that commits, and then succeeds; if the earlier group did not
 * leave exactly that head (refused, fell back, failed), the compare-and-set
 * finds another head, stores nothing, and the group falls back to the locked
 * path after the earlier group has settled. So positions stay gap-free and
 * commit in order, and every batch gets the outcome it would have had alone.
 * The statement inserts before it waits for the hall row, holding the hall's
 * append lock shared; every other writer takes that lock exclusively before
 * the row (1821), so none of them can be waiting on a pipelined group's rows:
 * no deadlock with the locked path or a period move.
 */
async function drain(db: Kysely<Database>, store: StoreAppends, hallId: string, queue: Waiting[]): Promise<void> {
  const inFlight: InFlight[] = [];
  for (;;) {
    // Groups settle in order: the settled ones are the first ones.
    while (inFlight.length > 0 && inFlight[0].done) inFlight.shift();
    if (queue.length === 0) {
      if (inFlight.length === 0) break;
      // A batch arriving now is planned on the head in flight at once, not after it settled (1871):
      // wait for whichever comes first, that batch or the oldest group's outcome.
      await new Promise<void>((resolve) => {
        store.wakers.set(hallId, resolve);
        void inFlight[0].settled.then(resolve);
      });
      store.wakers.delete(hallId);
      continue;
    }
    if (inFlight.length >= PIPELINE_DEPTH) await inFlight.shift()!.settled;
    // Planned on the head the last group in flight leaves, or on the committed one.
    const base = inFlight.length > 0 ? inFlight[inFlight.length - 1].head : store.heads.get(hallId);
    const group = takeGroup(queue);
    const fast = base ? planWithKnownHead(hallId, group, base) : undefined;
    if (!fast) {
      // The locked path reads the database: everything in flight must have settled first.
      for (const f of inFlight.splice(0)) await f.settled;
      await settleLocked(db, store, hallId, group);
      continue;
    }
    const plannedOn = base!;
    const sent = sendWithKnownHead(db, hallId, fast, plannedOn);
    // Never rejects: a failed group's batches are settled by the locked path or get their error.
    sent.catch(() => undefined);
    const earlier = inFlight.length > 0 ? inFlight[inFlight.length - 1].settled : Promise.resolve();
    const settled = earlier.then(async () => {
      let committed = false;
      try {
        let result = await sent;
        // Sent before the group ahead of it had started in the database (1897): now that group has settled, the
        // same statement goes once more if that group left exactly the head this one was planned on.
        if (result === 'behind' && store.heads.get(hallId) === plannedOn) result = await sendWithKnownHead(db, hallId, fast, plannedOn);
        committed = result === 'committed';
      } catch (error) {
        store.heads.delete(hallId);
        await settleAfterError(db, store, hallId, group, error);
        return;
      }
      if (committed) {
        store.heads.set(hallId, fast.head);
        group.forEach((w, i) => w.resolve(fast.outcomes[i]));
      } else {
        // Forgotten until an append commits: a failure never leaves a stale head behind.
        store.heads.delete(hallId);
        await settleLocked(db, store, hallId, group);
      }
    });
    const flight: InFlight = { head: fast.head, settled, done: false };
    void settled.then(() => (flight.done = true));
    inFlight.push(flight);
  }
  store.queues.delete(hallId);
}

/** The next group: the first batch and the ones after it while they fit in {@link GROUP_EVENTS}. */
function takeGroup(queue: Waiting[]): Waiting[] {
  let events = queue[0].input.events.length;
  let size = 1;
  while (size < queue.length && events + queue[size].input.events.length <= GROUP_EVENTS) events += queue[size++].input.events.length;
  return queue.splice(0, size);
}

/** A group through the locked transaction, its outcomes given to its batches. */
async function settleLocked(db: Kysely<Database>, store: StoreAppends, hallId: string, group: Waiting[]): Promise<void> {
  try {
    const outcomes = await appendLockedGroup(db, store, hallId, group);
    group.forEach((w, i) => w.resolve(outcomes[i]));
  } catch (error) {
    await settleAfterError(db, store, hallId, group, error);
  }
}

/**
 * A database error fails the whole group: run each batch alone (locked) so
 * the error reaches only the batch that causes it.
 */
async function settleAfterError(db: Kysely<Database>, store: StoreAppends, hallId: string, group: Waiting[], error: unknown): Promise<void> {
  if (group.length === 1) {
    group[0].reject(error);
    return;
  }
  for (const w of group) {
    try {
      const [outcome] = await appendLockedGroup(db, store, hallId, [w]);
      w.resolve(outcome);
    } catch (own) {
      w.reject(own);
    }
  }
}

/** The locked transaction for a group; keeps the head it commits. */
async function appendLockedGroup(db: Kysely<Database>, store: StoreAppends, hallId: string, group: Waiting[]): Promise<AppendOutcome[]> {
  store.heads.delete(hallId);
  const inputs = group.map((w) => w.input);
  const split = group.map((w) => w.split);
  const locked = await db.transaction().execute((trx) => appendLocked(trx, hallId, inputs, split));
  if (locked.head) store.heads.set(hallId, locked.head);
  return locked.outcomes;
}

/**
 * Appends a batch inside the caller's transaction (READ COMMITTED, the
 * default). Locks the hall row until the caller commits, so positions are
 * gap-free and commit in order. All or nothing: on any `ok: false` nothing
 * has been written. Round trips: one read (lock, existing ids, known
 * references), one write (events, personal data, head), plus what the
 * input's view writes.
 */
export async function appendEventsInTransaction(trx: Kysely<Database>, input: AppendInput): Promise<AppendOutcome> {
  const { outcomes } = await appendLocked(trx, input.hallId, [input], [prepareBatch(input)]);
  return outcomes[0];
}

/**
 * Appends several batches of one hall in the caller's transaction under the
 * hall row lock, each with its own outcome, as if appended one after the
 * other. Returns the new head too (undefined if the hall does not exist).
 */
async function appendLocked(
  trx: Kysely<Database>,
  hallId: string,
  inputs: AppendInput[],
  prepared: PreparedEvent[][],
): Promise<{ outcomes: AppendOutcome[]; head: HallHead | undefined }> {
  const ids = new Set<string>();
  const refIds = emptyReferenceIds();
  for (const events of prepared) {
    for (const e of events) {
      ids.add(e.id);
      for (const ref of e.refs) refIds[ref.kind].add(ref.id);
    }
  }
  const hall = await readHall(trx, hallId, [...ids], refIds);
  if (!hall) return { outcomes: inputs.map(() => ({ ok: false, code: 'HALL_NOT_FOUND', errors: [] })), head: undefined };
  const plan = planGroup(hallId, inputs, prepared, hall, hall.stored);
  if (plan.appended.length > 0) await writeEvents(trx, hallId, plan.appended);
  for (const [k, input] of inputs.entries()) {
    const forView = input.view ? viewEvents(input, plan.perBatch[k]) : [];
    if (forView.length > 0) await input.view!.apply(trx, hallId, forView.map(storedEventOf));
  }
  return plan;
}

/** The events of a batch its view handles. */
function viewEvents(input: AppendInput, appended: AppendedEvent[]): AppendedEvent[] {
  const types = input.view?.eventTypes;
  return types ? appended.filter((e) => types.has(e.type)) : [];
}

/**
 * The common case in one round trip and without an explicit transaction:
 * when this process committed the hall's last append (or has the group
 * before this one in flight), it knows the head (position, hash, salt) and
 * which organisation entities exist, so it can compute positions and hashes
 * before touching the database, and {@link writeEventsIfHead} stores them
 * only if the head is still that one: positions stay gap-free and commit in
 * order. Anything this path cannot decide alone goes to {@link appendLocked},
 * which gives the same outcomes: another writer moved the head, an id already
 * stored (unique violation, the statement undone), a reference it does not
 * know, a rejected batch, or events a batch's view handles (they need the
 * transaction). Returns undefined for those it sees before sending.
 */
function planWithKnownHead(hallId: string, group: Waiting[], known: HallHead): GroupPlan | undefined {
  const inputs = group.map((w) => w.input);
  const plan = planGroup(hallId, inputs, group.map((w) => w.split), { ...known, known: new Set(known.known) }, new Map());
  if (plan.appended.length === 0 || !plan.outcomes.every((o) => o.ok)) return undefined;
  if (inputs.some((input, k) => viewEvents(input, plan.perBatch[k]).length > 0)) return undefined;
  return plan;
}

/**
 * Sends a planned group. Nothing is written unless 'committed': 'moved' when
 * the head had moved or an id was stored meanwhile, or on a deadlock between
 * two processes' pipelined statements; 'behind' when the group before it had
 * not reached the database yet (see {@link IfHeadResult}).
 */
async function sendWithKnownHead(db: Kysely<Database>, hallId: string, plan: GroupPlan, known: HallHead): Promise<IfHeadResult> {
  try {
    return await writeEventsIfHead(db, hallId, plan.appended, known);
  } catch (error) {
    // An id or position stored meanwhile; or two processes' pipelined statements waiting on each other's rows (1821).
    const code = (error as { code?: unknown }).code;
    if (code === UNIQUE_VIOLATION || code === DEADLOCK_DETECTED) return 'moved';
    throw error;
  }
}

const UNIQUE_VIOLATION = '23505';
const DEADLOCK_DETECTED = '40P01';
