import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '@hall/testing';
import type { TestStore } from '@hall/testing';
import { appendEvents } from './append/append-events.ts';
import { readEventBodies, streamEventBodies } from './read-event-bodies.ts';
import { readEvents } from './read-events.ts';
import { event, givenHall, input, ticketCalled, uniqueId } from './test-events.ts';

describe.each(storeBackends)('reading event bodies on $backend', ({ create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  it('gives the events readEvents gives, without the chain and schema version, page by page and up to `through`', async () => {
    const hallId = await givenHall(t.db);
    const contact = '13800000000';
    const rating = event('RatingSubmitted', { ratingId: uniqueId('r'), level: 2, channel: 'kiosk', windowId: 'w1', contact });
    const outcome = await appendEvents(t.db, input(hallId, [...Array.from({ length: 9 }, () => ticketCalled()), rating]));
    expect(outcome.ok).toBe(true);

    const full = await readEvents(t.db, hallId, { after: 0, limit: 1000 });
    const bodies = full.map(({ hash: _h, prevHash: _p, schemaVersion: _s, ...body }) => body);
    expect(bodies.at(-1)?.personalRef).not.toBeNull();
    expect(await readEventBodies(t.db, hallId, { after: 0, limit: 1000 })).toEqual(bodies);
    expect(await readEventBodies(t.db, hallId, { after: 2, limit: 3 })).toEqual(bodies.slice(2, 5));
    expect(await readEventBodies(t.db, hallId, { after: 2, limit: 100, through: 6 })).toEqual(bodies.slice(2, 6));

    const pages: number[][] = [];
    for await (const page of streamEventBodies(t.db, hallId, { after: 1, batchSize: 4 })) pages.push(page.map((e) => e.position));
    expect(pages.flat()).toEqual(bodies.slice(1).map((e) => e.position));
    expect(pages[0]).toHaveLength(4);
  });
});
