import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '@hall/testing';
import type { TestStore } from '@hall/testing';
import { appendEvents } from './append/append-events.ts';
import { eventBodiesOf } from './committed-run.ts';
import { readEventBodies } from './read-event-bodies.ts';
import { event, givenHall, input, ticketCalled, uniqueId } from './test-events.ts';

describe.each(storeBackends)('the committed run of an append on $backend', ({ create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  it('gives exactly the bodies the store reads back (decision 1931), duplicates left out', async () => {
    const hallId = await givenHall(t.db);
    const earlier = await appendEvents(t.db, input(hallId, [ticketCalled(), ticketCalled()]));
    if (!earlier.ok) throw new Error(`append refused: ${earlier.code}`);
    const head = earlier.results[1]!.position;
    // Sent again as it is stored: a duplicate, which the run leaves out.
    const again = (await readEventBodies(t.db, hallId, { after: head - 1, limit: 1 }))[0]!;
    const rating = event('RatingSubmitted', { ratingId: uniqueId('r'), level: 2, channel: 'kiosk', windowId: 'w1', contact: '13800000000', note: '窗口 “服务” \\ 好' });
    const batch = [ticketCalled(), { id: again.id, type: again.type, occurredAt: again.occurredAt, data: again.data }, rating, ticketCalled()];
    const outcome = await appendEvents(t.db, input(hallId, batch));
    if (!outcome.ok) throw new Error(`append refused: ${outcome.code}`);
    expect(outcome.results.map((r) => r.status)).toEqual(['appended', 'duplicate', 'appended', 'appended']);

    const run = outcome.run!;
    expect(run).toMatchObject({ hallId, from: head + 1, count: 3 });
    const read = await readEventBodies(t.db, hallId, { after: head, limit: 10 });
    expect(read.at(1)?.personalRef).not.toBeNull();
    expect(eventBodiesOf(run)).toEqual(read);
    // What crosses to the thread is plain data: a structured clone gives the same bodies.
    expect(eventBodiesOf(structuredClone(run))).toEqual(read);
  });

  it('is undefined when the append stored nothing new', async () => {
    const hallId = await givenHall(t.db);
    const once = [ticketCalled()];
    expect((await appendEvents(t.db, input(hallId, once))).ok).toBe(true);
    const again = await appendEvents(t.db, input(hallId, once));
    expect(again.ok && again.run).toBeUndefined();
  });
});
