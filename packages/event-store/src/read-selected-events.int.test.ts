import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '@hall/testing';
import type { TestStore } from '@hall/testing';
import { appendEvents } from './append/append-events.ts';
import { readEvents } from './read-events.ts';
import { readEventsAt } from './read-selected-events.ts';
import { givenHall, input, ticketCalled } from './test-events.ts';

describe.each(storeBackends)('events read by position on $backend', ({ create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  it('answers the events at the positions asked, in position order, whatever the chunk size, and only of its hall', async () => {
    const hallId = await givenHall(t.db); // positions 1–6
    const other = await givenHall(t.db);
    const appended = await appendEvents(t.db, input(hallId, Array.from({ length: 14 }, () => ticketCalled())));
    if (!appended.ok) throw new Error(JSON.stringify(appended));
    const all = await readEvents(t.db, hallId, { after: 0, limit: 100 });
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    const asked = [17, 2, 3, 4, 9, 3, 10, 11, 12, 20, 1, 99];
    const expected = [1, 2, 3, 4, 9, 10, 11, 12, 17, 20];
    for (const chunk of [1, 2, 3, 5000]) {
      const read = await readEventsAt(t.db, hallId, asked, chunk);
      expect(read.map((e) => e.position)).toEqual(expected);
      expect(read).toEqual(all.filter((e) => expected.includes(e.position)));
    }
    expect((await readEventsAt(t.db, other, asked)).map((e) => e.position)).toEqual([1, 2, 3, 4]);
    expect(await readEventsAt(t.db, hallId, [])).toEqual([]);
  });
});
