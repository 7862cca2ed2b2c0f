import { readFile } from 'node:fs/promises';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, entityId, monthPeriod, periodStage, readerRoles, role, windowKind } from '@hall/contracts';
import { hallClock } from '@hall/scoring';
import { shippedPath } from '@hall/event-store';
import type { AppDeps } from '../app-deps.ts';
import { valueOrProblem } from '../http/outcome.ts';
import { callerOf } from '../plugins/access.ts';
import type { Principal } from '../http/principal.ts';
import { asOf, withEtag } from '../http/etag.ts';
import { appealEvents, checkPeriodExists, monthStages, scoreDocument, storedFacts, type HallState, type HallStates } from '@hall/assessment';

/**
 * Vite's output (web/dist); `pnpm build` and `pnpm start` build it (docs/decisions/0801-board-and-bulletin.md).
 * Found through `web/`, which exists before the build, so an unbuilt front end answers NOT_READY instead of stopping the start.
 */
const DIST = `${shippedPath('web', import.meta.url)}dist/`;

const hallParams = z.object({ hallId: entityId });

const boardFrame = z.object({
  hall: z.object({ id: z.string(), name: z.string(), timezone: z.string(), assessmentStartsOn: z.string() }),
  /** The month now running in the hall's timezone (its ranking is provisional). */
  currentPeriod: z.string(),
  /** The latest month published as final, null before the first. */
  latestFinalPeriod: z.string().nullable(),
  /** Every month of the assessment so far, newest first. */
  months: z.array(z.object({ period: z.string(), stage: periodStage, version: z.number().int().nullable() })),
  /** Who the token belongs to, so a page shows only what the caller may do. */
  viewer: z.object({
    role: z.union([role, z.literal('admin')]),
    windowId: z.string().nullable(),
    /** A staff token's person and name (decision 1601): the console's own pages need no list of everyone. */
    staffId: z.string().nullable().optional(),
    staffName: z.string().nullable().optional(),
  }),
});

const windowList = z.object({
  windows: z.array(
    z.object({
      windowId: z.string(),
      number: z.string(),
      name: z.string(),
      kind: windowKind,
      departmentId: z.string(),
      departmentName: z.string().nullable(),
      closed: z.boolean(),
    }),
  ),
});

const monthAppeals = z.object({
  period: z.string(),
  appeals: z.array(
    z.object({
      appealId: z.string(),
      lineItemId: z.string(),
      reason: z.string(),
      filedAt: z.string(),
      status: z.enum(['pending', 'upheld', 'rejected']),
      decisionReason: z.string().nullable(),
    }),
  ),
});

function monthsSince(start: string, current: string): string[] {
  const out: string[] = [];
  let [year, month] = start.split('-').map(Number) as [number, number];
  for (;;) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    if (period > current) return out.reverse();
    out.push(period);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

async function appealsIn(a: HallStates, hallId: string, period: string) {
  const byId = new Map<string, z.infer<typeof monthAppeals>['appeals'][number]>();
  for (const event of await appealEvents(a, hallId)) {
    if (event.type === 'AppealFiled' && event.data.period === period) {
      const { appealId, lineItemId, reason } = event.data;
      byId.set(appealId, { appealId, lineItemId, reason, filedAt: event.occurredAt, status: 'pending', decisionReason: null });
    } else if (event.type === 'AppealDecided' && event.data.period === period) {
      const filed = byId.get(event.data.appealId);
      if (filed) byId.set(filed.appealId, { ...filed, status: event.data.upheld ? 'upheld' : 'rejected', decisionReason: event.data.reason });
    }
  }
  return [...byId.values()];
}

/**
 * The display board and window pages (issue 8): the built front end under
 * /board (the page needs no token; the data it fetches does), and the small
 * reads those pages need beside the score routes.
 */
export const boardRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const a = deps.assessment;

  await app.register(fastifyStatic, { root: `${DIST}assets`, prefix: '/board/assets/', decorateReply: false, maxAge: '365d', immutable: true });

  const page = async () => {
    try {
      return await readFile(`${DIST}index.html`, 'utf8');
    } catch {
      throw new DomainError('NOT_READY', 'The board front end is not built: run `pnpm --filter @hall/web build`');
    }
  };
  for (const url of ['/board/:hallId', '/board/:hallId/windows/:windowId']) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').send(await page()),
    );
  }

  /** The staff token's own person, by name (one row read, staff tokens only). */
  const staffOf = async (principal: Extract<Principal, { kind: 'client' }>) => {
    if (principal.role !== 'staff' || principal.staffId === null) return {};
    const row = await deps.store.db
      .selectFrom('staff')
      .select('name')
      .where('hall_id', '=', principal.hallId)
      .where('staff_id', '=', principal.staffId)
      .executeTakeFirst();
    return { staffId: principal.staffId, staffName: row?.name ?? null };
  };

  app.get(
    '/v1/halls/:hallId/board',
    {
      // A staff token reads the frame too (which months exist, who it is); the frame holds no scores.
      config: { access: [...readerRoles, 'inspector', 'staff'] },
      schema: {
        operationId: 'getBoard',
        summary: 'Read the display board context',
        tags: ['board'],
        description: "What a display page (电子显示屏) needs around the rankings: the hall, the month now running, the latest final month, every month's stage and the caller's role (a staff token's person too).",
        params: hallParams,
        response: { 200: boardFrame },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const principal = callerOf(request);
      const hall = await a.requireHall(hallId);
      const currentPeriod = hallClock(hall.timezone).month(deps.clock().getTime());
      const stages = await monthStages(a, hallId);
      const months = monthsSince(hall.assessmentStartsOn.slice(0, 7), currentPeriod).map((period) => {
        const p = stages.months.get(period);
        return { period, stage: p?.stage ?? ('open' as const), version: p?.version ?? null };
      });
      const body = {
        hall: { id: hall.hallId, name: hall.name, timezone: hall.timezone, assessmentStartsOn: hall.assessmentStartsOn },
        currentPeriod,
        latestFinalPeriod: months.find((m) => m.stage === 'final')?.period ?? null,
        months,
        viewer: principal.kind === 'admin' ? { role: 'admin' as const, windowId: null } : { role: principal.role, windowId: principal.windowId, ...(await staffOf(principal)) },
      };
      asOf(reply, stages.asOfPosition);
      return withEtag(request, reply, stages.asOfPosition, body);
    },
  );

  app.get(
    '/v1/halls/:hallId/windows',
    {
      config: { access: [...readerRoles, 'inspector'] },
      schema: {
        operationId: 'listWindows',
        summary: "List the hall's windows (窗口)",
        tags: ['board'],
        description: 'Every window (窗口) of the hall with its number, name, kind and department (closed ones included), ordered by number.',
        params: hallParams,
        response: { 200: windowList },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const hall = await a.requireHallFresh(hallId);
      const rows = await deps.store.db
        .selectFrom('windows')
        .leftJoin('departments', (join) =>
          join.onRef('departments.hall_id', '=', 'windows.hall_id').onRef('departments.department_id', '=', 'windows.department_id'),
        )
        .select([
          'windows.window_id as windowId',
          'windows.number',
          'windows.name',
          'windows.kind',
          'windows.department_id as departmentId',
          'departments.name as departmentName',
          'windows.closed',
        ])
        .where('windows.hall_id', '=', hallId)
        .orderBy('windows.number')
        .orderBy('windows.window_id')
        .execute();
      return withEtag(request, reply, hall.headPosition, { windows: rows.map((r) => ({ ...r, departmentName: r.departmentName ?? null })) });
    },
  );

  app.get(
    '/v1/halls/:hallId/periods/:period/appeals',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'listPeriodAppeals',
        summary: "List the month's appeals (复核)",
        tags: ['appeals'],
        description: "The month's appeals (复核) with their status, so a window page shows each line item's appeal. A window head sees the appeals on its window's line items.",
        params: hallParams.extend({ period: monthPeriod }),
        response: { 200: monthAppeals },
      },
    },
    async (request, reply) => {
      const { hallId, period } = request.params;
      const principal = callerOf(request);
      const facts = await storedFacts(a, hallId);
      valueOrProblem(checkPeriodExists(facts, period, deps.clock()));
      asOf(reply, facts.asOfPosition);
      let appeals = await appealsIn(a, hallId, period);
      if (principal.kind === 'client' && principal.role === 'window_head') {
        const own = principal.windowId ? await scoreDocument(a, hallId, period, { type: 'window', id: principal.windowId }).catch(() => null) : null;
        const ids = new Set(own?.lineItems.map((li) => li.id) ?? []);
        appeals = appeals.filter((appeal) => ids.has(appeal.lineItemId));
      }
      return withEtag(request, reply, facts.asOfPosition, { period, appeals });
    },
  );
};
