import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  badRatingRatesFigures,
  DomainError,
  entityId,
  monthPeriod,
  quarterPeriod,
  rankingEntry,
  ratingStatus,
  readerRoles,
  scoreDocument,
  yearPeriod,
  periodStage,
  type PeriodStage,
  type ScoreDocument,
} from '@hall/contracts';
import { quarterDocument as quarterDocumentSchema, yearDocument as yearDocumentSchema } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { valueOrProblem } from '../http/outcome.ts';
import { callerOf } from '../plugins/access.ts';
import { ownStaffId, staffReadsOwn, type Principal } from '../http/principal.ts';
import { monthsOfQuarter, monthsOfYear } from '@hall/scoring';
import { asOf, etagFor, notModified, withEtag } from '../http/etag.ts';
import { checkPeriodExists, checkSpanExists, monthRankings, scoreDocumentText, subjectList, quarterDocument, yearDocument } from '@hall/assessment';

/** A staff token (decision 1601) reads its own month, quarter and year besides the reader roles. */
const withStaff = [...readerRoles, 'staff'] as const;

const periodParams = z.object({ hallId: entityId, period: monthPeriod });
const versionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

/** A window head reads its own window and the staff assigned to it; contact data never appears in scores. */
function canRead(principal: Principal, doc: ScoreDocument): boolean {
  if (principal.kind === 'admin' || principal.role !== 'window_head') return true;
  if (doc.subject.type === 'window') return doc.subject.id === principal.windowId;
  return (doc.windowIds ?? []).includes(principal.windowId ?? '');
}

const listEntry = z.object({
  total: z.number(),
  veto: z.boolean(),
  stage: periodStage,
  version: z.number().int().nullable(),
  /** As in the score document; absent for versions published before the rates existed. */
  badRatingRates: badRatingRatesFigures.optional(),
});
const listHead = { period: z.string(), stage: periodStage, version: z.number().int().nullable() };
const windowList = z.object({ ...listHead, windows: z.array(listEntry.extend({ windowId: z.string() })) });
const staffList = z.object({ ...listHead, staff: z.array(listEntry.extend({ staffId: z.string() })) });

export const scoreRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const a = deps.assessment;

  for (const type of ['window', 'staff'] as const) {
    const collection = type === 'window' ? 'windows' : 'staff';
    const idParam = type === 'window' ? 'windowId' : 'staffId';
    app.get(
      `/v1/halls/:hallId/periods/:period/${collection}/:${idParam}`,
      {
        // A staff token is allowed to the staff route only, and there to its own person (checked below).
        config: { access: type === 'staff' ? withStaff : readerRoles },
        schema: {
          operationId: type === 'window' ? 'getWindowScore' : 'getStaffScore',
          summary: type === 'window' ? "Read a window's monthly score (窗口月度考核)" : "Read a staff member's monthly score (工作人员月度考核)",
          tags: ['scores'],
          description: `The ${type}'s score document (百分制: 100 less deductions 扣分, plus bonuses 加分 up to the cap): total, categories, bonus, veto, every line item and the metrics. Open months answer provisionally; final months with the latest published version (?version=N for another).`,
          params: periodParams.extend({ [idParam]: entityId }) as unknown as typeof periodParams & z.ZodObject<{ subjectId: typeof entityId }>,
          querystring: versionQuery,
          response: { 200: scoreDocument },
        },
      },
      async (request, reply) => {
        const { hallId, period } = request.params;
        const subjectId = (request.params as unknown as Record<string, string>)[idParam]!;
        const principal = callerOf(request);
        staffReadsOwn(principal, subjectId);
        valueOrProblem(checkPeriodExists({ hall: await a.requireHall(hallId) }, period, deps.clock()));
        const { text, asOfPosition } = await scoreDocumentText(a, hallId, period, { type, id: subjectId }, request.query.version);
        asOf(reply, asOfPosition);
        if (notModified(request, reply, etagFor(asOfPosition, request.url))) return reply;
        const headOnly = principal.kind === 'client' && principal.role === 'window_head';
        if (headOnly && !canRead(principal, JSON.parse(text) as ScoreDocument)) throw new DomainError('FORBIDDEN', 'A window head reads its own window and staff only');
        // Already JSON: sent as stored, without a parse and re-serialise.
        return reply.type('application/json; charset=utf-8').send(text as never);
      },
    );

    app.get(
      `/v1/halls/:hallId/periods/:period/${collection}`,
      {
        config: { access: readerRoles },
        schema: {
          operationId: type === 'window' ? 'listWindowScores' : 'listStaffScores',
          summary: type === 'window' ? "List the month's window scores" : "List the month's staff scores",
          tags: ['scores'],
          description: `Every ${type}'s total, veto (一票否决), stage and bad-rating rates (差评率, 差评整改率, 实名差评回访率, 主动评价率; basis points) in the month, for dashboards.`,
          params: periodParams,
          querystring: versionQuery,
          response: { 200: type === 'window' ? windowList : staffList },
        },
      },
      async (request, reply) => {
        const { hallId, period } = request.params;
        const principal = callerOf(request);
        valueOrProblem(checkPeriodExists({ hall: await a.requireHall(hallId) }, period, deps.clock()));
        const list = await subjectList(a, hallId, period, type, request.query.version);
        asOf(reply, list.asOfPosition);
        let docs = list.docs;
        if (principal.kind === 'client' && principal.role === 'window_head' && type === 'window') docs = docs.filter((d) => d.id === principal.windowId);
        const head = { period: list.period, stage: list.stage, version: list.version };
        const entries = docs.map(({ id, ...rest }) => ({ ...rest, stage: rest.stage as PeriodStage, id }));
        const body =
          type === 'window'
            ? { ...head, windows: entries.map(({ id, ...rest }) => ({ windowId: id, ...rest })) }
            : { ...head, staff: entries.map(({ id, ...rest }) => ({ staffId: id, ...rest })) };
        return withEtag(request, reply, list.asOfPosition, body);
      },
    );
  }

  app.get(
    '/v1/halls/:hallId/periods/:period/rankings',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'getRankings',
        summary: 'Read the monthly rankings (红旗窗口 / 先进窗口)',
        tags: ['scores'],
        description:
          'Windows ranked by score, separately for approval (行政审批窗口) and public-service (公共服务窗口) windows, with the red-flag (红旗窗口) and advanced (先进窗口) honours; a vetoed window (一票否决) is ranked without an honour (docs/domain.md §7).',
        params: periodParams,
        querystring: versionQuery,
        response: {
          200: z.object({
            period: z.string(),
            stage: periodStage,
            version: z.number().int().nullable(),
            approval: z.array(rankingEntry),
            public_service: z.array(rankingEntry),
          }),
        },
      },
    },
    async (request, reply) => {
      const { hallId, period } = request.params;
      valueOrProblem(checkPeriodExists({ hall: await a.requireHall(hallId) }, period, deps.clock()));
      const { ratings: _ratings, asOfPosition, ...rankings } = await monthRankings(a, hallId, period, request.query.version);
      asOf(reply, asOfPosition);
      return withEtag(request, reply, asOfPosition, rankings);
    },
  );

  app.get(
    '/v1/halls/:hallId/periods/:period/ratings',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'listRatings',
        summary: "List the month's ratings (好差评)",
        tags: ['scores'],
        description: 'Every good-bad rating (好差评) of the month with its status (counted, unverified, duplicate, suspicious), so a head sees why one did not count.',
        params: periodParams,
        querystring: versionQuery.extend({ windowId: entityId.optional() }),
        response: { 200: z.object({ period: z.string(), ratings: z.array(ratingStatus) }) },
      },
    },
    async (request, reply) => {
      const { hallId, period } = request.params;
      const principal = callerOf(request);
      valueOrProblem(checkPeriodExists({ hall: await a.requireHall(hallId) }, period, deps.clock()));
      const { ratings, asOfPosition } = await monthRankings(a, hallId, period, request.query.version);
      const windowId = principal.kind === 'client' && principal.role === 'window_head' ? principal.windowId : request.query.windowId;
      asOf(reply, asOfPosition);
      return withEtag(request, reply, asOfPosition, { period, ratings: windowId ? ratings.filter((r) => r.windowId === windowId) : ratings });
    },
  );

  app.get(
    '/v1/halls/:hallId/quarters/:quarter/staff',
    {
      config: { access: withStaff },
      schema: {
        operationId: 'getQuarterStaffScores',
        summary: 'Read quarterly personal scores (季度考核)',
        tags: ['assessment'],
        description: 'Quarterly personal scores (季度考核, docs/domain.md §8: peer review 民主评议, satisfaction 满意率, monthly mean) over the months published as final; provisional while any month of the quarter is not final. A staff token gets its own entry only.',
        params: z.object({ hallId: entityId, quarter: quarterPeriod }),
        response: { 200: quarterDocumentSchema },
      },
    },
    async (request) => {
      const { hallId, quarter } = request.params;
      const own = ownStaffId(callerOf(request));
      valueOrProblem(checkSpanExists({ hall: await a.requireHall(hallId) }, quarter, monthsOfQuarter(quarter), deps.clock()));
      const doc = await quarterDocument(a, hallId, quarter);
      return own === undefined ? doc : { ...doc, staff: doc.staff.filter((s) => s.staffId === own) };
    },
  );

  app.get(
    '/v1/halls/:hallId/years/:year',
    {
      config: { access: withStaff },
      schema: {
        operationId: 'getYear',
        summary: 'Read the annual assessment (年度考核)',
        tags: ['assessment'],
        description:
          'Annual window scores, ranks and honours (红旗窗口 / 先进窗口), personal scores and grades (优秀 / 称职 / 基本称职 / 不称职), the ten service stars (十佳服务明星) and the departments to notify (docs/domain.md §7–§8). A staff token gets its own entry and star only: no windows, no notices.',
        params: z.object({ hallId: entityId, year: yearPeriod }),
        response: { 200: yearDocumentSchema },
      },
    },
    async (request) => {
      const { hallId, year } = request.params;
      const own = ownStaffId(callerOf(request));
      valueOrProblem(checkSpanExists({ hall: await a.requireHall(hallId) }, year, monthsOfYear(year), deps.clock()));
      const doc = await yearDocument(a, hallId, year);
      if (own === undefined) return doc;
      // Another person's score, rank or grade is not this person's to read; the year's shape stays.
      return { ...doc, windows: [], staff: doc.staff.filter((s) => s.staffId === own), stars: doc.stars.filter((id) => id === own), notify: [] };
    },
  );
};
