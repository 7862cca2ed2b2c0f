import {
  badRatingCaseClientEvents,
  DomainError,
  eventPosters,
  type FieldError,
  type IncomingEvent,
  type Role,
  type RuleCatalogueVersion,
} from '@hall/contracts';
import { catalogueAt, checkRatingReasons, hallClock } from '@hall/scoring';
import type { Principal } from '../http/principal.ts';
import { roleOf } from '../http/principal.ts';

/** Events may be dated at most this far in the future (docs/integration.md). */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

interface BatchInput {
  /** Is an event id already in the hall's history (for EventVoided)? */
  knownEvent: (id: string) => boolean;
  /** The window of a bad-rating case in the hall's history, or undefined when there is no such case. */
  badRatingCaseWindow?: (caseId: string) => string | undefined;
  /** The windows a leave was approved at in the hall's history (none: no approval stored). */
  leaveWindows?: (leaveId: string) => ReadonlySet<string> | undefined;
  /** The caller, already checked for this hall and a posting role by the route's access pre-handler. */
  principal: Principal;
  /** The request's events in order; undefined where an event already failed its schema (passed over here). */
  events: ReadonlyArray<IncomingEvent | undefined>;
  now: Date;
  catalogues: readonly RuleCatalogueVersion[];
  timezone: string;
}

/**
 * Checks what the schemas and the route's access check cannot: who may post
 * each type, a kiosk's and a window head's own window, a section's categories,
 * rule codes known to the catalogue in force, and dates not in the future. Permission problems throw (403 for the whole batch);
 * contract problems are returned, every one, for the caller's single 422.
 */
export function checkBatch(input: BatchInput): FieldError[] {
  const { principal, events } = input;
  const role = roleOf(principal);
  const errors: FieldError[] = [];
  const limit = input.now.getTime() + FUTURE_TOLERANCE_MS;
  const clock = hallClock(input.timezone);
  // NUL (and lone surrogates) anywhere in the body were refused before validation (plugins/unstorable-text.ts).

  events.forEach((event, i) => {
    if (event === undefined) return;
    // A supervisor may do everything in its hall (docs/integration.md "Tokens and roles"); the table binds the others.
    if (role !== 'supervisor' && !eventPosters[event.type].includes(role)) {
      const posters: readonly Role[] = [...eventPosters[event.type], 'supervisor'];
      throw new DomainError('FORBIDDEN', `Role ${role} may not do this; allowed: ${[...new Set(posters)].join(', ')}`);
    }
    const data = event.data as Record<string, unknown>;
    if (principal.kind === 'client' && principal.role === 'kiosk' && data.windowId !== principal.windowId) {
      throw new DomainError('FORBIDDEN', `A kiosk posts ratings for its own window ${principal.windowId} only`, [
        { path: `/events/${i}/data/windowId`, message: 'not this kiosk’s window' },
      ]);
    }
    // A window head approves leave for its own window's staff (docs/domain.md §1: heads approve short leave).
    if (event.type === 'LeaveApproved' && principal.kind === 'client' && principal.role === 'window_head' && data.windowId !== principal.windowId) {
      throw new DomainError('FORBIDDEN', `A window head approves leave at its own window ${principal.windowId} only`, [
        { path: `/events/${i}/data/windowId`, message: 'not this head’s window' },
      ]);
    }
    if ((event.type === 'LeaveRejected' || event.type === 'SubstituteAssigned') && principal.kind === 'client' && principal.role === 'window_head') {
      checkHeadsLeave(input, data.leaveId as string, principal.windowId, i);
    }
    if (event.type === 'ComplaintVerified' && principal.kind === 'client' && principal.role === 'section' && principal.section !== 'supervision') {
      throw new DomainError('FORBIDDEN', 'Only the supervision section verifies complaints');
    }
    if (isBadRatingCaseEvent(event.type)) checkCaseEvent(input, event, i, errors);
    if (event.type === 'EventVoided') {
      const target = data.voidedEventId as string;
      if (!input.knownEvent(target) && !events.slice(0, i).some((e) => e?.id === target)) {
        errors.push({ path: `/events/${i}/data/voidedEventId`, message: 'no such event in this hall' });
      }
    }
    if (Date.parse(event.occurredAt) > limit) {
      errors.push({ path: `/events/${i}/occurredAt`, message: 'more than 5 minutes in the future' });
    }
    if (event.type !== 'InspectionRecorded' && event.type !== 'RatingSubmitted' && event.type !== 'ScoreAdjusted') return;
    // Only these three read the catalogue in force on the event's local date.
    const catalogue = catalogueAt(input.catalogues, clock.localDate(Date.parse(event.occurredAt)));
    if (event.type === 'InspectionRecorded') {
      const findings = data.findings as Array<{ ruleCode: string }>;
      findings.forEach((finding, j) => {
        const rule = catalogue.rules.find((r) => r.code === finding.ruleCode);
        if (!rule || (rule.trigger !== 'finding' && !rule.alsoByFinding)) {
          errors.push({
            path: `/events/${i}/data/findings/${j}/ruleCode`,
            message: rule ? `rule ${finding.ruleCode} is derived by the service, not recorded as a finding` : `unknown rule code in catalogue version ${catalogue.version}`,
          });
          return;
        }
        if (role === 'section' && principal.kind === 'client') {
          const owned = catalogue.sectionCategories[principal.section ?? 'it'] ?? [];
          if (!owned.includes(rule.category)) {
            throw new DomainError('FORBIDDEN', `Section ${principal.section} does not own category ${rule.category}`, [
              { path: `/events/${i}/data/findings/${j}/ruleCode`, message: `category ${rule.category} not owned` },
            ]);
          }
        }
      });
    }
    if (event.type === 'RatingSubmitted') {
      const reasons = checkRatingReasons(event.data as { level: number; reasons?: string[] }, catalogue, `/events/${i}/data`);
      if (!reasons.ok) errors.push(...reasons.error.errors);
    }
    if (event.type === 'ScoreAdjusted') {
      const category = data.category as string;
      const known = catalogue.categories.some((c) => c.code === category) || catalogue.bonusCategory === category;
      if (!known) errors.push({ path: `/events/${i}/data/category`, message: `unknown category in catalogue version ${catalogue.version}` });
    }
  });

  return errors;
}

/**
 * A window head rejects or covers the leaves of its own window only (decision
 * 1831). The two events carry no window: the leave's approvals say it, those
 * stored and those earlier in the batch. A leave with no approval, or one
 * approved at another window, is 403 like another window's approval.
 */
function checkHeadsLeave(input: BatchInput, leaveId: string, own: string | null, i: number): void {
  const windows = new Set(input.leaveWindows?.(leaveId) ?? []);
  for (const earlier of input.events.slice(0, i)) {
    if (earlier?.type === 'LeaveApproved' && earlier.data.leaveId === leaveId) windows.add(earlier.data.windowId as string);
  }
  if (windows.size === 0 || [...windows].some((windowId) => windowId !== own)) {
    throw new DomainError('FORBIDDEN', `A window head rejects and covers leave approved at its own window ${own} only`, [
      { path: `/events/${i}/data/leaveId`, message: windows.size === 0 ? 'no leave approved at this head’s window' : 'not this head’s window' },
    ]);
  }
}

const CASE_EVENTS: ReadonlySet<string> = new Set(Object.keys(badRatingCaseClientEvents));

export function isBadRatingCaseEvent(type: string): boolean {
  return CASE_EVENTS.has(type);
}

/**
 * A case event names a case the history already holds (a counted 差评 opened
 * it); a window head handles its own window's cases only; a 追评 names the
 * case's window (decision 1701).
 */
function checkCaseEvent(input: BatchInput, event: IncomingEvent, i: number, errors: FieldError[]): void {
  const data = event.data as { badRatingCaseId: string; windowId?: string };
  const windowId = input.badRatingCaseWindow?.(data.badRatingCaseId);
  if (windowId === undefined) {
    errors.push({ path: `/events/${i}/data/badRatingCaseId`, message: 'no such bad-rating case in this hall' });
    return;
  }
  const { principal } = input;
  if (principal.kind === 'client' && principal.role === 'window_head' && windowId !== principal.windowId) {
    throw new DomainError('FORBIDDEN', `A window head handles bad-rating cases of its own window ${principal.windowId} only`, [
      { path: `/events/${i}/data/badRatingCaseId`, message: 'not this head’s window' },
    ]);
  }
  if (event.type === 'BadRatingFollowUpRated' && data.windowId !== windowId) {
    errors.push({ path: `/events/${i}/data/windowId`, message: 'not the window of this bad-rating case' });
  }
}
