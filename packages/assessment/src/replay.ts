import { DomainError, type ScoreDocument } from '@hall/contracts';
import { canonicalJson, getHall, streamEvents } from '@hall/event-store';
import type { HallStates } from './hall-states.ts';
import { HallState } from './hall-state.ts';
import { latestVersion, readVersion } from './reads.ts';
import { scoreHallMonth } from './scorer.ts';
import { scoresHash } from './publish.ts';

export interface Difference {
  subject: { type: 'window' | 'staff'; id: string } | null;
  path: string;
  published: unknown;
  replayed: unknown;
}

function compare(path: string, published: unknown, replayed: unknown, subject: Difference['subject'], out: Difference[]): void {
  // Canonical JSON: jsonb does not keep key order, and order is not content.
  if (canonicalJson(published ?? null) !== canonicalJson(replayed ?? null)) out.push({ subject, path, published, replayed });
}

function compareDocs(type: 'window' | 'staff', published: ScoreDocument[], replayed: ScoreDocument[], out: Difference[]): void {
  const before = new Map(published.map((d) => [d.subject.id, d]));
  const after = new Map(replayed.map((d) => [d.subject.id, d]));
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const subject = { type, id };
    const p = before.get(id);
    const r = after.get(id);
    if (!p || !r) {
      out.push({ subject, path: '', published: p ?? null, replayed: r ?? null });
      continue;
    }
    for (const field of ['total', 'veto', 'categories', 'bonus', 'metrics'] as const) compare(`/${field}`, p[field], r[field], subject, out);
    const items = new Map(r.lineItems.map((li) => [li.id, li]));
    for (const item of p.lineItems) compare(`/lineItems/${item.id}`, item, items.get(item.id) ?? null, subject, out);
    for (const item of r.lineItems) if (!p.lineItems.some((li) => li.id === item.id)) compare(`/lineItems/${item.id}`, null, item, subject, out);
  }
}

/**
 * Re-computes a published version from the history alone — the events up to
 * the position it was computed through, with the catalogue versions they carry
 * — and compares it with what was published (docs/domain.md §10).
 */
export async function replayVersion(a: HallStates, hallId: string, period: string, version?: number) {
  const hall = await getHall(a.db, hallId);
  if (!hall) throw new DomainError('HALL_NOT_FOUND', `Unknown hall ${hallId}`);
  // Straight from the frozen versions: replay needs no live state, so a process that has not loaded
  // the hall yet (the CLI, a restarted service) does not fold its whole history first.
  const wanted = version ?? (await latestVersion(a, hallId, period));
  if (wanted === undefined) throw new DomainError('NO_PUBLICATION', `${period} has no published version to replay`);
  const published = await readVersion(a, hallId, period, wanted);
  if (!published) throw new DomainError('NOT_FOUND', `${period} has no published version ${wanted}`);

  const state = new HallState(hall);
  for await (const batch of streamEvents(a.db, hallId, { through: published.computedThrough })) {
    for (const stored of batch) state.applyStored(stored);
  }
  const stage = published.kind === 'preliminary' ? 'preliminary' : 'final';
  const replayed = scoreHallMonth(state, period, stage, published.version);
  const differences: Difference[] = [];
  compareDocs('window', published.windows, replayed.windows, differences);
  compareDocs('staff', published.staff, replayed.staff, differences);
  compare('/rankings', published.rankings, replayed.rankings, null, differences);
  const hash = scoresHash(replayed);
  if (hash !== published.scoresHash) compare('/scoresHash', published.scoresHash, hash, null, differences);
  return {
    period,
    version: published.version,
    computedThrough: published.computedThrough,
    eventsReplayed: state.position,
    matches: differences.length === 0,
    differences,
  };
}
