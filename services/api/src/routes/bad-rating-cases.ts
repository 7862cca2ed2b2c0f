import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRatingCaseDetail as detailSchema, badRatingCaseList, badRatingCaseQuery, DomainError, entityId, readerRoles } from '@hall/contracts';
import { badRatingCaseDetail, findBadRatingCase, listBadRatingCases } from '@hall/assessment';
import { asOf } from '../http/etag.ts';
import type { AppDeps } from '../app-deps.ts';
import { valueOrProblem } from '../http/outcome.ts';
import type { Principal } from '../http/principal.ts';
import { callerOf } from '../plugins/access.ts';
import { hallParams } from './halls.ts';

// No ETag: the statuses and flags are as of the request's instant (asOf), not only of the history.
// Every read answers from bad_rating_cases (decision 1431) with the position it reflects (As-Of-Position).

/** A window head sees its own window's cases only (decision 1701); every other reader sees all. */
function headWindow(principal: Principal): string | null | undefined {
  return principal.kind === 'client' && principal.role === 'window_head' ? principal.windowId : undefined;
}

function forbidOtherWindow(principal: Principal, windowId: string): void {
  const own = headWindow(principal);
  if (own !== undefined && own !== windowId) throw new DomainError('FORBIDDEN', 'A window head reads its own window’s bad-rating cases only');
}

const STATUS_TEXT = 'Status as of now: open, due_soon (a step past its warning at 80 % of its working time), overdue (a step past its deadline), closed, void (the 差评 was voided or upheld on appeal as 误评/恶意差评).';

export const badRatingCaseRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const a = deps.assessment;

  app.get(
    '/v1/halls/:hallId/bad-rating-cases',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'listBadRatingCases',
        summary: 'List bad-rating cases (差评整改)',
        tags: ['bad-rating cases'],
        description: `Every case a counted 差评 opened (docs/integration.md "Bad-rating cases"), by rating time, with its call-back (回访) and rectification (整改) deadlines on the hall's working-day calendar, their warned and overdue flags and when each was done. Filter by the rating's month, window and status. ${STATUS_TEXT} A window head sees its own window's cases; naming another window is 403.`,
        params: hallParams,
        querystring: badRatingCaseQuery,
        response: { 200: badRatingCaseList },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const principal = callerOf(request);
      const own = headWindow(principal);
      if (request.query.windowId !== undefined) forbidOtherWindow(principal, request.query.windowId);
      const windowId = own === undefined ? request.query.windowId : (own ?? '');
      const read = await listBadRatingCases(a, hallId, { ...request.query, windowId }, deps.clock());
      asOf(reply, read.asOfPosition);
      return read.value;
    },
  );

  app.get(
    '/v1/halls/:hallId/windows/:windowId/bad-rating-cases',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'listWindowBadRatingCases',
        summary: "List a window's bad-rating cases (窗口差评整改)",
        tags: ['bad-rating cases'],
        description: `The window's cases, as the hall list filtered by window (an unknown window has none). ${STATUS_TEXT} A window head reads its own window only.`,
        params: hallParams.extend({ windowId: entityId }),
        querystring: badRatingCaseQuery.omit({ windowId: true }),
        response: { 200: badRatingCaseList },
      },
    },
    async (request, reply) => {
      const { hallId, windowId } = request.params;
      forbidOtherWindow(callerOf(request), windowId);
      const read = await listBadRatingCases(a, hallId, { ...request.query, windowId }, deps.clock());
      asOf(reply, read.asOfPosition);
      return read.value;
    },
  );

  app.get(
    '/v1/halls/:hallId/bad-rating-cases/:caseId',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'getBadRatingCase',
        summary: 'Read a bad-rating case with its timeline',
        tags: ['bad-rating cases'],
        description: `One case (its id derives from the rating id: docs/integration.md "Bad-rating cases") with every event in order: the 差评, call-backs with their outcome, the plan, the completion, 追评 (a second one, or one before the completion, marked ignored), the closing, the scheduler's warnings and overdue marks, and what voided it. ${STATUS_TEXT}`,
        params: hallParams.extend({ caseId: z.string().min(1).max(64) }),
        response: { 200: detailSchema },
      },
    },
    async (request, reply) => {
      const { hallId, caseId } = request.params;
      const principal = callerOf(request);
      const found = await findBadRatingCase(a, hallId, caseId);
      if (found.value) forbidOtherWindow(principal, found.value.windowId);
      asOf(reply, found.asOfPosition);
      return valueOrProblem(badRatingCaseDetail(found.value, caseId, deps.clock()));
    },
  );
};
