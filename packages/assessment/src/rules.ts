import { DomainError, ruleCatalogueVersion, type RuleCatalogueDraft, type RuleCatalogueVersion } from '@hall/contracts';
import { catalogueAt, completeDraft, hallClock } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import { idsTaken, tryAppendServiceEvents } from './append-service-events.ts';
import { storeFailure } from './store-failure.ts';
import type { HallState } from './hall-state.ts';

export function currentCatalogue(state: Pick<HallState, 'hall' | 'catalogueList'>, now: Date): RuleCatalogueVersion {
  return catalogueAt(state.catalogueList(), hallClock(state.hall.timezone).localDate(now.getTime()));
}

export function catalogueVersion(state: Pick<HallState, 'catalogueList'>, version: number): RuleCatalogueVersion {
  const found = state.catalogueList().find((c) => c.version === version);
  if (!found) throw new DomainError('NOT_FOUND', `No rule catalogue version ${version}`);
  return found;
}

/**
 * Publishes a new catalogue version. It may not take effect inside a month
 * already final: changing a published month is a restatement's job.
 */
export async function publishCatalogue(a: HallStates, hallId: string, draft: RuleCatalogueDraft): Promise<RuleCatalogueVersion> {
  const state = await a.caughtUp(hallId);
  const month = draft.effectiveFrom.slice(0, 7);
  const finalMonths = [...state.periods.values()].filter((p) => p.stage === 'final').map((p) => p.period);
  if (finalMonths.some((m) => m >= month)) {
    throw new DomainError('PERIOD_FINAL', `A version effective from ${draft.effectiveFrom} would change a final month; restate it instead`, [
      { path: '/effectiveFrom', message: 'inside or before a final month' },
    ]);
  }
  const list = state.catalogueList();
  const latest = list.reduce((max, c) => (c.version > max.version ? c : max), list[0]!);
  const next = completeDraft(latest, draft, latest.version + 1);
  const checked = ruleCatalogueVersion.safeParse(next);
  if (!checked.success) throw new DomainError('VALIDATION_FAILED', 'The catalogue is not complete', checked.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
  const categories = new Set([...next.categories.map((c) => c.code), next.bonusCategory]);
  const errors = next.rules.flatMap((rule, i) =>
    categories.has(rule.category) ? [] : [{ path: `/rules/${i}/category`, message: `unknown category ${rule.category}` }],
  );
  const codes = new Set<string>();
  next.rules.forEach((rule, i) => {
    if (codes.has(rule.code)) errors.push({ path: `/rules/${i}/code`, message: `duplicate rule code ${rule.code}` });
    codes.add(rule.code);
  });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'The catalogue refers to unknown categories or repeats codes', errors);
  // One version per number, decided by the store (decision 1121): version n
  // has the event id `rules:<hallId>:v<n>`, so of concurrent publications
  // that all built on version n−1 exactly one is stored. The others are not
  // rebased silently: their draft was completed from a catalogue that is no
  // longer the latest, so the supervisor looks again and republishes.
  const outcome = await tryAppendServiceEvents(a, hallId, [
    { id: `rules:${hallId}:v${next.version}`, type: 'RuleCatalogueVersionPublished', occurredAt: a.clock().toISOString(), data: next as unknown as Record<string, unknown> },
  ]);
  await a.caughtUp(hallId);
  if (idsTaken(outcome)) {
    throw new DomainError('RULE_VERSION_EXISTS', `Rule catalogue version ${next.version} was published meanwhile; reload the catalogue and publish again`);
  }
  if (!outcome.ok) {
    const failure = storeFailure(outcome.code, outcome.errors);
    throw new DomainError(failure.code, failure.message, failure.errors);
  }
  return next;
}
