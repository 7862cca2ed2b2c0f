/**
 * Scoring throughput, in one run:
 * (a) one month of a busy hall (50 windows, 200 staff, 100,000 events) through
 *     `buildHallModel` + `scoreMonthFromModel` (= `scoreMonth`): the headline, printed last;
 * (b) `scoreMonthFromModel` of that month on a model holding 12 such months
 *     (should cost about what (a)'s scoring part does: work scales with the month);
 * (c) `applyEvent` per event, as the service folds each appended event;
 * (d) a plain loop over the same events as a same-run baseline, and the ratio;
 * (e) ranking a province of 500 halls × 50 windows.
 * The machine may be shared: every figure is a median; compare ratios across runs.
 * Run: pnpm bench:scoring
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AssessmentEvent, EventData, EventType, WindowKind } from '@hall/contracts';
import { type MonthScores, applyEvent, buildHallModel, scoreMonthFromModel } from '../packages/scoring/src/index.ts';
import { type RankCandidate, rankWindows } from '../packages/scoring/src/ranking/rank-windows.ts';

const TARGET_EVENTS = 100_000;
const RUNS = 9;

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same hall. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One month (`month` 0–11 of 2026) of a busy hall, shuffled; with `setup` the
 * hall, windows, staff, service items and calendar come first. Ids carry a
 * month prefix so several months can share one model.
 */
function generateMonth(month = 8, setup = true): AssessmentEvent[] {
  const rnd = random(month === 8 ? 42 : 1000 + month);
  const p = month === 8 ? '' : `m${month}-`;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const events: AssessmentEvent[] = [];
  let position = 0;
  const add = <T extends EventType>(type: T, t: number, data: EventData<T>, id = `${p}ev-${position + 1}`) => {
    position++;
    const occurredAt = new Date(t).toISOString();
    events.push({ id, type, occurredAt, recordedAt: occurredAt, position, clientId: 'bench', data } as AssessmentEvent);
  };
  const setupAt = Date.parse('2026-01-01T00:00:00Z');
  const ifSetup = <T extends EventType>(type: T, t: number, data: EventData<T>) => {
    if (setup) add(type, t, data);
  };
  ifSetup('HallCreated', setupAt, { hallId: 'h', name: 'Hall', timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: true });
  ifSetup('DepartmentRegistered', setupAt, { departmentId: 'd1', name: 'Dept' });
  const windows = Array.from({ length: 50 }, (_, i) => `w${String(i).padStart(2, '0')}`);
  const staffOf = new Map<string, string[]>();
  windows.forEach((w, i) => {
    ifSetup('WindowOpened', setupAt, { windowId: w, number: w, name: w, departmentId: 'd1', kind: (i % 2 === 0 ? 'approval' : 'public_service') as WindowKind });
    const staff = Array.from({ length: 4 }, (_, j) => `s${i * 4 + j}`);
    staffOf.set(w, staff);
    staff.forEach((s, j) => {
      ifSetup('StaffRegistered', setupAt, { staffId: s, name: s, departmentId: 'd1' });
      ifSetup('StaffAssigned', setupAt, { staffId: s, windowId: w, post: j === 0 ? 'A' : 'B' });
    });
  });
  for (let i = 0; i < 20; i++) ifSetup('ServiceItemRegistered', setupAt, { serviceItemId: `si${i}`, name: `item ${i}`, departmentId: 'd1', committedWorkingDays: 3 + (i % 10) });
  ifSetup('CalendarDaysSet', setupAt, { days: [{ date: '2026-09-27', kind: 'workday' }, { date: '2026-10-01', kind: 'holiday' }] });

  // Working hours in Shanghai: 01:00–09:00Z on weekdays.
  const workdays: number[] = [];
  const daysInMonth = new Date(Date.UTC(2026, month + 1, 0)).getUTCDate();
  for (let d = 1; d <= daysInMonth; d++) {
    const day = Date.UTC(2026, month, d);
    const wd = new Date(day).getUTCDay();
    if (wd !== 0 && wd !== 6) workdays.push(day);
  }
  const moment = () => pick(workdays) + 3_600_000 + Math.floor(rnd() * 8 * 3_600_000);
  const codes = ['CON_BADGE_UNIFORM', 'CON_IDLE_AT_POST', 'HYG_NOT_CLEAN', 'ARC_NOT_ARCHIVED', 'CASE_RUNAROUND', 'FEE_CASH_AT_WINDOW'];

  for (let i = 0; i < 300; i++) {
    const w = pick(windows);
    add('InspectionRecorded', moment(), {
      inspectionId: `${p}in${i}`,
      inspectorId: 'i1',
      findings: [{ ruleCode: pick(codes), windowId: w, staffId: pick(staffOf.get(w)!), count: 1 + Math.floor(rnd() * 3) }],
    });
  }
  for (let i = 0; i < 300; i++) {
    const w = pick(windows);
    const t = moment();
    add('AttendanceMarked', t, { staffId: pick(staffOf.get(w)!), windowId: w, date: new Date(t).toISOString().slice(0, 10), mark: pick(['late', 'early_leave', 'off_post', 'absence'] as const), minutes: Math.floor(rnd() * 60) });
  }
  for (let i = 0; i < 60; i++) {
    const w = pick(windows);
    const from = pick(workdays);
    const to = from + Math.floor(rnd() * 7) * 86_400_000;
    add('LeaveApproved', from - 86_400_000, {
      leaveId: `${p}lv${i}`, staffId: pick(staffOf.get(w)!), windowId: w, leaveType: pick(['personal', 'sick', 'annual'] as const),
      from: new Date(from).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10),
    });
    if (i % 3 === 0) add('SubstituteAssigned', from, { leaveId: `${p}lv${i}`, substituteStaffId: pick(staffOf.get(w)!) });
  }
  for (let i = 0; i < 50; i++) {
    const w = pick(windows);
    add('CommendationRecorded', moment(), { commendationId: `${p}cm${i}`, kind: pick(['thank_you_letter', 'pennant', 'media_praise', 'superior_commendation'] as const), windowId: w, staffId: pick(staffOf.get(w)!) });
  }
  for (let i = 0; i < 40; i++) {
    const w = pick(windows);
    add('ComplaintVerified', moment(), { complaintId: `${p}cp${i}`, valid: rnd() < 0.5, windowId: w, staffId: pick(staffOf.get(w)!), mediaExposure: rnd() < 0.05 });
  }
  for (const reviewer of windows.slice(0, 10)) {
    for (const target of windows) if (target !== reviewer) add('PeerReviewSubmitted', Date.UTC(2026, month, 28, 2), { reviewerWindowId: reviewer, targetWindowId: target, period: `2026-${String(month + 1).padStart(2, '0')}`, grade: pick(['good', 'good', 'medium', 'poor'] as const) });
  }
  for (let i = 0; i < 1500; i++) {
    const w = pick(windows);
    const t = moment();
    add('CaseAccepted', t, { caseId: `${p}c${i}`, serviceItemId: `si${i % 20}`, windowId: w, staffId: pick(staffOf.get(w)!) });
    if (i % 10 === 0) add('CaseSupplementRequested', t + 3_600_000, { caseId: `${p}c${i}`, missingMaterials: ['id'], explainedInFull: rnd() < 0.5 });
    if (i % 50 === 0) add('CaseReturned', t + 3_600_000, { caseId: `${p}c${i}`, reason: '', reasonGiven: false });
    if (rnd() < 0.9) add('CaseCompleted', t + Math.floor(rnd() * 20) * 86_400_000, { caseId: `${p}c${i}` });
  }

  const target = TARGET_EVENTS;
  // Tickets fill the rest: issued, called, started, completed, and (80 %) rated; some kiosk bursts and bad ratings.
  const lastKiosk = new Map<string, number>();
  for (let i = 0; events.length < target; i++) {
    const w = pick(windows);
    const s = pick(staffOf.get(w)!);
    const t = moment();
    const ticketId = `${p}t${i}`;
    add('TicketIssued', t, { ticketId, number: `A${i}`, serviceItemId: `si${i % 20}` });
    add('TicketCalled', t + 60_000 + Math.floor(rnd() * 900_000), { ticketId, windowId: w, staffId: s });
    const started = t + 1_000_000;
    add('ServiceStarted', started, { ticketId, windowId: w, staffId: s });
    const done = started + 60_000 + Math.floor(rnd() * 1_200_000);
    add('ServiceCompleted', done, { ticketId, windowId: w, staffId: s, outcome: 'completed' });
    if (rnd() < 0.8 && events.length < target) {
      const burst = rnd() < 0.02 && lastKiosk.has(w);
      const rt = burst ? lastKiosk.get(w)! + 1000 : done + 5000;
      lastKiosk.set(w, rt);
      // The window's kiosk names the staff member serving there (a rating reaches the staff it names, 0103).
      add('RatingSubmitted', rt, { ratingId: `${p}r${i}`, level: rnd() < 0.03 ? 1 + Math.floor(rnd() * 2) : 3 + Math.floor(rnd() * 3), channel: 'kiosk', windowId: w, staffId: s, ticketId });
    }
  }
  // Arrival order is not occurredAt order.
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [events[i], events[j]] = [events[j], events[i]];
  }
  return events;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const now = () => performance.now();
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
/**
 * The documents as they were before the bad-rating rates joined them
 * (decision 1721): its digest stays ed920171e82b / a0dc608dab2f, so totals and
 * line items did not move.
 */
const withoutRates = (scores: MonthScores) => ({
  ...scores,
  windows: scores.windows.map(({ badRatingRates: _, ...doc }) => doc),
  staff: scores.staff.map(({ badRatingRates: _, ...doc }) => doc),
});

const events = generateMonth();
/** The order the service applies them in (append positions). */
const byPosition = [...events].sort((a, b) => a.position - b.position);
let sink = 0;

// (d) Same-run baseline: a plain loop over the same events.
const baselineMs = time(RUNS, () => {
  let n = 0;
  for (const e of events) n += e.type.length + e.occurredAt.length;
  sink += n;
});
// A second same-run reference for hash-heavy work: the 100,000 event ids into a Map.
const idMapMs = time(RUNS, () => {
  const ids = new Map<string, AssessmentEvent>();
  for (const e of events) ids.set(e.id, e);
  sink += ids.size;
});

// (a) buildHallModel + scoreMonthFromModel for the month (what scoreMonth does), split in its two parts.
let result: MonthScores | undefined;
const buildTimes: number[] = [];
const scoreTimes: number[] = [];
const totalTimes: number[] = [];
for (let run = 0; run <= RUNS; run++) {
  const t0 = now();
  const model = buildHallModel(events);
  const t1 = now();
  result = scoreMonthFromModel(model, '2026-09');
  const t2 = now();
  if (run === 0) continue; // warm-up
  buildTimes.push(t1 - t0);
  scoreTimes.push(t2 - t1);
  totalTimes.push(t2 - t0);
}
const buildMs = median(buildTimes);
const scoreMs = median(scoreTimes);
const totalMs = median(totalTimes);
const items = result!.windows.reduce((n, d) => n + d.lineItems.length, 0) + result!.staff.reduce((n, d) => n + d.lineItems.length, 0);

// (b) scoreMonthFromModel alone on a model holding a year: 12 months × ~100,000 events.
const year: AssessmentEvent[] = [];
for (let month = 0; month < 12; month++) for (const e of month === 8 ? events : generateMonth(month, false)) year.push(e);
let t = now();
const yearModel = buildHallModel(year);
const yearBuildMs = now() - t;
let yearResult: MonthScores | undefined;
const yearScoreMs = time(RUNS, () => {
  yearResult = scoreMonthFromModel(yearModel, '2026-09');
});

// (c) applyEvent one by one, in append order, into a fresh model.
const applyMs = time(RUNS, () => {
  const model = buildHallModel([]);
  for (const e of byPosition) applyEvent(model, e);
  sink += model.events.size;
});

// (e) A province: 500 halls × 50 windows ranked.
const rnd = random(7);
const province: RankCandidate[][] = Array.from({ length: 500 }, (_, h) =>
  Array.from({ length: 50 }, (_, w) => ({
    windowId: `h${h}-w${w}`,
    kind: w % 2 === 0 ? 'approval' : 'public_service',
    totalCents: 9000 + Math.floor(rnd() * 1500),
    veto: rnd() < 0.02,
    satisfactionRate: rnd() < 0.05 ? null : Math.floor(rnd() * 1000) / 1000,
    deductionItems: Math.floor(rnd() * 10),
    ticketsCompleted: Math.floor(rnd() * 800),
  })),
);
const rankMs = time(RUNS, () => {
  for (const hall of province) rankWindows(hall, { redFlagShare: 0.15, totalShare: 0.3 });
});

console.log(`events: ${events.length}; windows ${result!.windows.length}, staff ${result!.staff.length}, line items ${items}, ratings ${result!.ratings.length}; result digest ${digest(result)} (without the bad-rating rates ${digest(withoutRates(result!))})`);
console.log(`(d) baseline loop (type + occurredAt): ${baselineMs.toFixed(2)} ms; event ids into a Map: ${idMapMs.toFixed(1)} ms; medians of ${RUNS} (checksum ${sink % 997})`);
console.log(`(a) buildHallModel ${buildMs.toFixed(1)} ms + scoreMonthFromModel ${scoreMs.toFixed(1)} ms; together ${totalMs.toFixed(1)} ms median of ${RUNS} = ${(totalMs / baselineMs).toFixed(1)}× the baseline loop, ${(totalMs / idMapMs).toFixed(1)}× the id Map`);
console.log(`(b) year model (${year.length} events, built once in ${yearBuildMs.toFixed(0)} ms): scoreMonthFromModel of one month ${yearScoreMs.toFixed(1)} ms median of ${RUNS} = ${(yearScoreMs / scoreMs).toFixed(2)}× the one-month model's (digest ${digest(yearResult)}, without the bad-rating rates ${digest(withoutRates(yearResult!))})`);
console.log(`(c) applyEvent: ${((applyMs * 1e6) / byPosition.length).toFixed(0)} ns/event median of ${RUNS} (${perSecond(byPosition.length, applyMs)} events/s)`);
console.log(`(e) rank 500 halls × 50 windows: ${rankMs.toFixed(1)} ms median of ${RUNS}`);
console.log(`(a) scoring throughput (buildHallModel + scoreMonthFromModel): ${perSecond(events.length, totalMs)} events/s`);
