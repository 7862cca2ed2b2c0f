import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, entityId, monthPeriod } from '@hall/contracts';
import { negotiateLocale, translator } from '@hall/messages';
import type { AppDeps } from '../app-deps.ts';
import { valueOrProblem } from '../http/outcome.ts';
import { checkPeriodExists, latestVersion, readVersion } from '@hall/assessment';
import { writeBulletin, type Names } from './bulletin-workbook.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function loadNames(deps: AppDeps, hallId: string): Promise<Names> {
  const db = deps.store.db;
  const [windows, staff, departments] = await Promise.all([
    db.selectFrom('windows').select(['window_id', 'number', 'name', 'department_id']).where('hall_id', '=', hallId).execute(),
    db.selectFrom('staff').select(['staff_id', 'name', 'department_id']).where('hall_id', '=', hallId).execute(),
    db.selectFrom('departments').select(['department_id', 'name']).where('hall_id', '=', hallId).execute(),
  ]);
  return {
    windows: new Map(windows.map((w) => [w.window_id, { number: w.number, name: w.name, departmentId: w.department_id }])),
    staff: new Map(staff.map((s) => [s.staff_id, { name: s.name, departmentId: s.department_id }])),
    departments: new Map(departments.map((d) => [d.department_id, d.name])),
  };
}

/**
 * The month's bulletin (通报) as an Excel workbook, one per published
 * version, streamed as it is written (docs/decisions/0801-board-and-bulletin.md).
 */
export const bulletinRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/halls/:hallId/periods/:period/bulletin.xlsx',
    {
      config: { access: ['supervisor', 'dashboard', 'auditor'] },
      schema: {
        operationId: 'getBulletin',
        summary: 'Download the monthly bulletin (通报)',
        tags: ['periods'],
        'x-problems': ['NO_PUBLICATION'],
        description:
          'The bulletin (通报) of a published month as an .xlsx workbook (supervisor, dashboard, auditor): rankings per kind with honours, window and staff scores, line items, departments to notify. The latest published version unless ?version=N; 409 for a month with no publication.',
        params: z.object({ hallId: entityId, period: monthPeriod }),
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const { hallId, period } = request.params;
      const hall = await deps.assessment.requireHall(hallId);
      valueOrProblem(checkPeriodExists({ hall }, period, deps.clock()));
      // Publications are written with their PeriodAdvanced event: the table is current without the views.
      const latest = await latestVersion(deps.assessment, hallId, period);
      if (latest === undefined) throw new DomainError('NO_PUBLICATION', `${period} has no published version yet`);
      const version = request.query.version ?? latest;
      const pub = await readVersion(deps.assessment, hallId, period, version);
      if (!pub) throw new DomainError('NOT_FOUND', `${period} has no published version ${version}`);
      const names = await loadNames(deps, hallId);

      const out = new PassThrough();
      writeBulletin(translator(negotiateLocale(request.headers['accept-language'])), out, hall.name, period, pub, names).catch((err) => {
        request.log.error({ err, hallId, period, version }, 'bulletin generation failed');
        out.destroy(err);
      });
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="bulletin-${hallId}-${period}-v${version}.xlsx"`)
        .header('cache-control', 'no-cache')
        .header('vary', 'accept-language')
        .send(out);
    },
  );
};
