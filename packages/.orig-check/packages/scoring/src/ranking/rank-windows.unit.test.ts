import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RankingEntry } from '@hall/contracts';
import { rankWindows, type RankCandidate } from './rank-windows.ts';

const shares = { redFlagShare: 0.15, totalShare: 0.3 };

function candidate(windowId: string, total: number, extra: Partial<RankCandidate> = {}): RankCandidate {
  return {
    windowId,
    kind: 'approval',
    totalCents: Math.round(total * 100),
    veto: false,
    satisfactionRate: 1,
    deductionItems: 0,
    ticketsCompleted: 100,
    ...extra,
  };
}

/** N approval windows with distinct totals 100, 99, 98 … (w01 best). */
function distinct(n: number, extra: (i: number) => Partial<RankCandidate> = () => ({})): RankCandidate[] {
  return Array.from({ length: n }, (_, i) => candidate(`w${String(i + 1).padStart(2, '0')}`, 100 - i, extra(i)));
}

const honours = (entries: RankingEntry[]) => entries.map((e) => `${e.windowId}:${e.honour ?? '-'}`);
const count = (entries: RankingEntry[], honour: RankingEntry['honour']) =>
  entries.filter((e) => e.honour === honour).length;

describe('rankWindows', () => {
  describe('ordering and ties', () => {
    it('ranks by total, higher first, and reports the total as a decimal', () => {
      const { approval } = rankWindows([candidate('a', 90.5), candidate('b', 93.25), candidate('c', 91)], shares);
      expect(approval.map((e) => [e.windowId, e.rank, e.total])).toEqual([
        ['b', 1, 93.25],
        ['c', 2, 91],
        ['a', 3, 90.5],
      ]);
    });

    it('breaks a tie on total by the higher satisfaction rate', () => {
      const { approval } = rankWindows(
        [candidate('a', 95, { satisfactionRate: 0.9 }), candidate('b', 95, { satisfactionRate: 0.95 })],
        shares,
      );
      expect(approval.map((e) => [e.windowId, e.rank])).toEqual([
        ['b', 1],
        ['a', 2],
      ]);
    });

    it('ranks a window with no counted rating below any rate, even 0', () => {
      const { approval } = rankWindows(
        [candidate('a', 95, { satisfactionRate: null }), candidate('b', 95, { satisfactionRate: 0 })],
        shares,
      );
      expect(approval.map((e) => e.windowId)).toEqual(['b', 'a']);
      expect(approval[1].rank).toBe(2);
    });

    it('then by fewer deduction line items', () => {
      const { approval } = rankWindows(
        [candidate('a', 95, { deductionItems: 3 }), candidate('b', 95, { deductionItems: 2 })],
        shares,
      );
      expect(approval.map((e) => [e.windowId, e.rank])).toEqual([
        ['b', 1],
        ['a', 2],
      ]);
    });

    it('then by more completed tickets', () => {
      const { approval } = rankWindows(
        [candidate('a', 95, { ticketsCompleted: 10 }), candidate('b', 95, { ticketsCompleted: 11 })],
        shares,
      );
      expect(approval.map((e) => [e.windowId, e.rank])).toEqual([
        ['b', 1],
        ['a', 2],
      ]);
    });

    it('gives fully tied windows the same rank and skips the next (1, 2, 2, 4)', () => {
      const { approval } = rankWindows(
        [candidate('d', 90), candidate('c', 95), candidate('b', 95), candidate('a', 99)],
        shares,
      );
      expect(approval.map((e) => [e.windowId, e.rank])).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 2],
        ['d', 4],
      ]);
    });

    it('keeps null satisfaction rates tied with each other', () => {
      const { approval } = rankWindows(
        [candidate('b', 95, { satisfactionRate: null }), candidate('a', 95, { satisfactionRate: null })],
        shares,
      );
      expect(approval.map((e) => e.rank)).toEqual([1, 1]);
    });

    it('ranks approval and public service windows separately', () => {
      const result = rankWindows(
        [candidate('a', 90), candidate('p', 80, { kind: 'public_service' }), candidate('b', 85)],
        shares,
      );
      expect(result.approval.map((e) => [e.windowId, e.rank])).toEqual([
        ['a', 1],
        ['b', 2],
      ]);
      expect(result.public_service.map((e) => [e.windowId, e.rank, e.honour])).toEqual([['p', 1, 'red_flag']]);
    });

    it('answers empty lists for a kind with no windows', () => {
      expect(rankWindows([], shares)).toEqual({ approval: [], public_service: [] });
    });

    it('refuses a window listed twice', () => {
      expect(() => rankWindows([candidate('a', 90), candidate('a', 91)], shares)).toThrow(/twice/);
    });
  });

  describe('honours by number of windows', () => {
    it.each([
      // N, red-flag places, places in all
      [1, 1, 1],
      [2, 1, 1], // 0.3 → 0 red (max 1), 0.6 → 1 in all
      [7, 1, 2], // 1.05 → 1, 2.1 → 2
      [10, 2, 3], // 1.5 → 2 (half up, exact), 3
      [20, 3, 6],
      [5, 1, 2], // 0.75 → 1, 1.5 → 2
      [3, 1, 1], // 0.45 → 0 → 1, 0.9 → 1
    ])('with %i windows gives %i red flags and %i honours in all', (n, red, total) => {
      const { approval } = rankWindows(distinct(n), shares);
      expect(count(approval, 'red_flag')).toBe(red);
      expect(count(approval, 'red_flag') + count(approval, 'advanced')).toBe(total);
      // honours go to the top of the ranking
      expect(approval.slice(0, red).every((e) => e.honour === 'red_flag')).toBe(true);
      expect(approval.slice(red, total).every((e) => e.honour === 'advanced')).toBe(true);
      expect(approval.slice(total).every((e) => e.honour === null)).toBe(true);
    });

    it('uses the red-flag places as the places in all when the total share gives fewer', () => {
      const { approval } = rankWindows(distinct(2), { redFlagShare: 0, totalShare: 0 });
      expect(honours(approval)).toEqual(['w01:red_flag', 'w02:-']);
    });

    it('rounds places exactly where binary floats would not (N × 0.15 with N = 30 → 4.5 → 5)', () => {
      const { approval } = rankWindows(distinct(30), shares);
      expect(count(approval, 'red_flag')).toBe(5);
      expect(count(approval, 'advanced')).toBe(4);
    });
  });

  describe('ties at a boundary', () => {
    it('gives the red flag to every window tied with the last red-flag one', () => {
      // N = 7: 1 red flag, 2 in all; a and b tie for first
      const list = distinct(7);
      list[1] = candidate('w02', 100);
      const { approval } = rankWindows(list, shares);
      expect(honours(approval).slice(0, 4)).toEqual(['w01:red_flag', 'w02:red_flag', 'w03:-', 'w04:-']);
    });

    it('gives advanced to every window tied with the last advanced one', () => {
      // N = 7: 1 red, 2 in all; second place shared by three
      const list = distinct(7);
      list[2] = candidate('w03', 99);
      list[3] = candidate('w04', 99);
      const { approval } = rankWindows(list, shares);
      expect(honours(approval).slice(0, 5)).toEqual([
        'w01:red_flag',
        'w02:advanced',
        'w03:advanced',
        'w04:advanced',
        'w05:-',
      ]);
      expect(approval.slice(0, 5).map((e) => e.rank)).toEqual([1, 2, 2, 2, 5]);
    });

    it('does not extend the honours to a window ranked just below a boundary tie', () => {
      // N = 10: 2 red, 3 in all; places 2 and 3 tied; red-flag ties fill the places in all
      const list = distinct(10);
      list[2] = candidate('w03', 99);
      const { approval } = rankWindows(list, shares);
      expect(honours(approval).slice(0, 4)).toEqual(['w01:red_flag', 'w02:red_flag', 'w03:red_flag', 'w04:-']);
    });
  });

  describe('vetoes', () => {
    it('ranks a vetoed window but passes its honour to the next eligible window', () => {
      // N = 10: 2 red, 3 in all; w01 vetoed
      const { approval } = rankWindows(
        distinct(10, (i) => ({ veto: i === 0 })),
        shares,
      );
      expect(approval[0]).toEqual({ windowId: 'w01', rank: 1, total: 100, honour: null, veto: true });
      expect(honours(approval).slice(0, 5)).toEqual([
        'w01:-',
        'w02:red_flag',
        'w03:red_flag',
        'w04:advanced',
        'w05:-',
      ]);
    });

    it('counts vetoed windows in N', () => {
      // 10 windows, 9 vetoed: still 2 red flags' worth of places, only one eligible window
      const { approval } = rankWindows(
        distinct(10, (i) => ({ veto: i !== 9 })),
        shares,
      );
      expect(honours(approval).filter((h) => !h.endsWith('-'))).toEqual(['w10:red_flag']);
    });

    it('gives no honour when every window is vetoed', () => {
      const { approval } = rankWindows(
        distinct(3, () => ({ veto: true })),
        shares,
      );
      expect(approval.every((e) => e.honour === null && e.veto)).toBe(true);
    });
  });

  describe('properties', () => {
    const arbCandidates = fc.uniqueArray(
      fc.record({
        windowId: fc.string({ minLength: 1, maxLength: 4 }),
        kind: fc.constantFrom('approval' as const, 'public_service' as const),
        // a narrow range so ties happen
        totalCents: fc.integer({ min: 9_500, max: 9_504 }),
        veto: fc.boolean(),
        satisfactionRate: fc.option(fc.constantFrom(0.9, 0.95, 1), { nil: null }),
        deductionItems: fc.integer({ min: 0, max: 2 }),
        ticketsCompleted: fc.integer({ min: 0, max: 2 }),
      }),
      { selector: (c) => c.windowId, maxLength: 30 },
    );
    const arbShares = fc.record({
      redFlagShare: fc.constantFrom(0, 0.1, 0.15, 0.2, 0.5),
      totalShare: fc.constantFrom(0, 0.3, 0.35, 0.5, 1),
    });

    it('does not depend on the order of the input', () => {
      fc.assert(
        fc.property(arbCandidates, arbShares, fc.nat(), (list, s, seed) => {
          const shuffled = [...list].sort((a, b) => ((hash(a.windowId) ^ seed) % 97) - ((hash(b.windowId) ^ seed) % 97));
          expect(rankWindows(shuffled, s)).toEqual(rankWindows(list, s));
          expect(rankWindows([...list].reverse(), s)).toEqual(rankWindows(list, s));
        }),
      );
    });

    it('never honours a vetoed window, and lists each window once in rank order', () => {
      fc.assert(
        fc.property(arbCandidates, arbShares, (list, s) => {
          const result = rankWindows(list, s);
          const all = [...result.approval, ...result.public_service];
          expect(all.filter((e) => e.veto && e.honour !== null)).toEqual([]);
          expect(all.map((e) => e.windowId).sort()).toEqual(list.map((c) => c.windowId).sort());
          for (const entries of [result.approval, result.public_service]) {
            entries.forEach((e, i) => {
              if (i > 0) expect(e.rank).toBeGreaterThanOrEqual(entries[i - 1].rank);
              expect(e.rank).toBeLessThanOrEqual(i + 1);
            });
          }
        }),
      );
    });

    it('gives no more honours than the places unless a tie at the boundary carries them over', () => {
      fc.assert(
        fc.property(arbCandidates, arbShares, (list, s) => {
          const result = rankWindows(list, s);
          for (const entries of [result.approval, result.public_service]) {
            const n = entries.length;
            if (n === 0) continue;
            const redPlaces = Math.max(1, Math.floor(n * s.redFlagShare + 0.5 + 1e-9));
            const totalPlaces = Math.max(redPlaces, Math.floor(n * s.totalShare + 0.5 + 1e-9));
            const reds = entries.filter((e) => e.honour === 'red_flag');
            const honoured = entries.filter((e) => e.honour !== null);
            const eligible = entries.filter((e) => !e.veto);
            if (reds.length > redPlaces) {
              const lastRank = reds[reds.length - 1].rank;
              expect(reds.filter((e) => e.rank === lastRank).length).toBeGreaterThan(reds.length - redPlaces);
            }
            if (honoured.length > totalPlaces) {
              const lastRank = honoured[honoured.length - 1].rank;
              expect(honoured.filter((e) => e.rank === lastRank).length).toBeGreaterThan(
                honoured.length - totalPlaces,
              );
            }
            // places are filled while eligible windows remain
            expect(reds.length).toBeGreaterThanOrEqual(Math.min(redPlaces, eligible.length));
            expect(honoured.length).toBeGreaterThanOrEqual(Math.min(totalPlaces, eligible.length));
            // honours are a prefix of the eligible windows, red before advanced
            const order = eligible.map((e) => e.honour);
            const firstNonRed = order.findIndex((h) => h !== 'red_flag');
            const firstNone = order.indexOf(null);
            if (firstNonRed >= 0) expect(order.slice(firstNonRed).includes('red_flag')).toBe(false);
            if (firstNone >= 0) expect(order.slice(firstNone).every((h) => h === null)).toBe(true);
          }
        }),
      );
    });
  });
});

function hash(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h >>> 0;
}
