import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, entityId, monthPeriod, type RankingEntry, type ScoreDocument } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { authorize } from '../http/principal.ts';
import { checkPeriodExists, readVersion, type PublishedMonthRow } from '@hall/assessment';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CATEGORY: Record<string, string> = {
  attendance: '考勤纪律',
  cases: '业务办理',
  fees: '收费管理',
  archives_hygiene: '档案卫生',
  public_evaluation: '群众评议',
  bonus: '加分',
};
const KIND = { approval: '行政审批窗口', public_service: '公共服务窗口' } as const;
const HONOUR = { red_flag: '红旗窗口', advanced: '先进窗口' } as const;
const PUBLICATION = { preliminary: '初步通报', final: '正式通报', restated: '更正通报' } as const;
const SCORE_FORMAT = '0.00';
/** Monthly analogue of docs/domain.md §7's annual report: the bottom approval windows go to their departments. */
const BOTTOM_APPROVAL = 3;

interface Names {
  windows: Map<string, { number: string; name: string; departmentId: string }>;
  staff: Map<string, { name: string; departmentId: string }>;
  departments: Map<string, string>;
}

type Column = { header: string; key: string; width: number; numFmt?: string };

function sheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[], rows: Array<Record<string, unknown>>) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(({ header, key, width, numFmt }) => ({ header, key, width, style: numFmt ? { numFmt } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
  head.commit();
  for (const row of rows) ws.addRow(row).commit();
  ws.commit();
}

const month = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
const yesNo = (flag: boolean) => (flag ? '是' : '否');

async function writeBulletin(out: PassThrough, hallName: string, period: string, pub: PublishedMonthRow, names: Names): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'hall-assessment';
  const windowDoc = new Map(pub.windows.map((d) => [d.subject.id, d]));
  const win = (id: string) => names.windows.get(id);
  const dept = (id: string | null | undefined) => (id ? (names.departments.get(id) ?? id) : '');

  sheet(workbook, '通报说明', [{ header: '项目', key: 'k', width: 16 }, { header: '内容', key: 'v', width: 48 }], [
    { k: '服务大厅', v: hallName },
    { k: '考核月份', v: month(period) },
    { k: '通报版本', v: pub.version },
    { k: '通报类型', v: PUBLICATION[pub.kind] },
    { k: '发布时间', v: pub.publishedAt },
    { k: '规则版本', v: pub.catalogueVersion },
    { k: '说明', v: '红旗窗口为同类窗口前15%，先进窗口为其后至30%；一票否决的窗口参加排名但不评荣誉。' },
  ]);

  for (const kind of ['approval', 'public_service'] as const) {
    const rows = pub.rankings[kind].map((r: RankingEntry) => ({
      rank: r.rank,
      number: win(r.windowId)?.number ?? '',
      name: win(r.windowId)?.name ?? r.windowId,
      windowId: r.windowId,
      dept: dept(win(r.windowId)?.departmentId ?? windowDoc.get(r.windowId)?.departmentId),
      total: r.total,
      honour: r.honour ? HONOUR[r.honour] : '',
      veto: yesNo(r.veto),
    }));
    sheet(workbook, `${KIND[kind]}排名`, [
      { header: '名次', key: 'rank', width: 8 },
      { header: '窗口编号', key: 'number', width: 12 },
      { header: '窗口名称', key: 'name', width: 28 },
      { header: '窗口代码', key: 'windowId', width: 16 },
      { header: '所属部门', key: 'dept', width: 24 },
      { header: '得分', key: 'total', width: 10, numFmt: SCORE_FORMAT },
      { header: '荣誉', key: 'honour', width: 12 },
      { header: '一票否决', key: 'veto', width: 10 },
    ], rows);
  }

  const codes = [...new Set(pub.windows.flatMap((d) => d.categories.map((c) => c.code)))];
  const base = new Map(pub.windows.flatMap((d) => d.categories.map((c) => [c.code, c.base] as const)));
  const categoryColumns = codes.map((code) => ({ header: `${CATEGORY[code] ?? code}(${base.get(code)})`, key: `c_${code}`, width: 14, numFmt: SCORE_FORMAT }));
  const categoryCells = (d: ScoreDocument) => Object.fromEntries(d.categories.map((c) => [`c_${c.code}`, c.score]));
  sheet(workbook, '窗口得分', [
    { header: '窗口编号', key: 'number', width: 12 },
    { header: '窗口名称', key: 'name', width: 28 },
    { header: '窗口代码', key: 'windowId', width: 16 },
    { header: '窗口类型', key: 'kind', width: 14 },
    { header: '所属部门', key: 'dept', width: 24 },
    ...categoryColumns,
    { header: '加分', key: 'bonus', width: 10, numFmt: SCORE_FORMAT },
    { header: '总分', key: 'total', width: 10, numFmt: SCORE_FORMAT },
    { header: '一票否决', key: 'veto', width: 10 },
  ], pub.windows.map((d) => ({
    number: win(d.subject.id)?.number ?? '',
    name: win(d.subject.id)?.name ?? d.subject.id,
    windowId: d.subject.id,
    kind: d.kind ? KIND[d.kind] : '',
    dept: dept(d.departmentId),
    ...categoryCells(d),
    bonus: d.bonus.counted,
    total: d.total,
    veto: yesNo(d.veto),
  })));

  sheet(workbook, '个人得分', [
    { header: '人员代码', key: 'staffId', width: 16 },
    { header: '姓名', key: 'name', width: 14 },
    { header: '所属部门', key: 'dept', width: 24 },
    { header: '所在窗口', key: 'windows', width: 28 },
    ...categoryColumns,
    { header: '加分', key: 'bonus', width: 10, numFmt: SCORE_FORMAT },
    { header: '总分', key: 'total', width: 10, numFmt: SCORE_FORMAT },
    { header: '一票否决', key: 'veto', width: 10 },
  ], pub.staff.map((d) => ({
    staffId: d.subject.id,
    name: names.staff.get(d.subject.id)?.name ?? d.subject.id,
    dept: dept(d.departmentId ?? names.staff.get(d.subject.id)?.departmentId),
    windows: (d.windowIds ?? []).map((id) => win(id)?.name ?? id).join('、'),
    ...categoryCells(d),
    bonus: d.bonus.counted,
    total: d.total,
    veto: yesNo(d.veto),
  })));

  const subjectName = (d: ScoreDocument) =>
    d.subject.type === 'window' ? (win(d.subject.id)?.name ?? d.subject.id) : (names.staff.get(d.subject.id)?.name ?? d.subject.id);
  sheet(workbook, '扣加分明细', [
    { header: '对象', key: 'type', width: 8 },
    { header: '对象代码', key: 'id', width: 16 },
    { header: '对象名称', key: 'name', width: 24 },
    { header: '考核类别', key: 'category', width: 12 },
    { header: '规则代码', key: 'rule', width: 28 },
    { header: '说明', key: 'note', width: 40 },
    { header: '分值', key: 'points', width: 10, numFmt: SCORE_FORMAT },
    { header: '状态', key: 'status', width: 10 },
    { header: '一票否决', key: 'veto', width: 10 },
    { header: '相关事件', key: 'events', width: 40 },
    { header: '明细编号', key: 'lineItemId', width: 40 },
  ], [...pub.windows, ...pub.staff].flatMap((d) =>
    d.lineItems.map((li) => ({
      type: d.subject.type === 'window' ? '窗口' : '个人',
      id: d.subject.id,
      name: subjectName(d),
      category: CATEGORY[li.category] ?? li.category,
      rule: li.ruleCode,
      note: li.note ?? '',
      points: li.points,
      status: li.status === 'counted' ? '计入' : '已撤销',
      veto: yesNo(li.veto),
      events: li.eventIds.join(', '),
      lineItemId: li.id,
    })),
  ));

  const notify: Array<Record<string, unknown>> = [];
  for (const d of [...pub.windows, ...pub.staff]) {
    if (!d.veto) continue;
    const departmentId = d.departmentId ?? (d.subject.type === 'staff' ? names.staff.get(d.subject.id)?.departmentId : win(d.subject.id)?.departmentId);
    notify.push({ deptId: departmentId ?? '', dept: dept(departmentId), type: d.subject.type === 'window' ? '窗口' : '个人', id: d.subject.id, name: subjectName(d), reason: '一票否决', total: d.total });
  }
  const approval = pub.rankings.approval;
  const cutoff = approval.length > BOTTOM_APPROVAL ? approval[approval.length - BOTTOM_APPROVAL]!.rank : Infinity;
  for (const r of approval.filter((e) => e.rank >= cutoff)) {
    const departmentId = win(r.windowId)?.departmentId ?? windowDoc.get(r.windowId)?.departmentId ?? '';
    notify.push({ deptId: departmentId, dept: dept(departmentId), type: '窗口', id: r.windowId, name: win(r.windowId)?.name ?? r.windowId, reason: `行政审批窗口后${BOTTOM_APPROVAL}名（第${r.rank}名）`, total: r.total });
  }
  sheet(workbook, '通报部门', [
    { header: '部门代码', key: 'deptId', width: 16 },
    { header: '部门名称', key: 'dept', width: 24 },
    { header: '对象', key: 'type', width: 8 },
    { header: '对象代码', key: 'id', width: 16 },
    { header: '对象名称', key: 'name', width: 24 },
    { header: '原因', key: 'reason', width: 30 },
    { header: '得分', key: 'total', width: 10, numFmt: SCORE_FORMAT },
  ], notify.sort((x, y) => String(x.deptId).localeCompare(String(y.deptId))));

  await workbook.commit();
}

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
      authorize(request.principal, hallId, ['supervisor', 'dashboard', 'auditor']);
      const state = await deps.assessment.caughtUp(hallId);
      checkPeriodExists(state, period, deps.clock());
      const latest = state.period(period).versions.at(-1);
      if (!latest) throw new DomainError('NO_PUBLICATION', `${period} has no published version yet`);
      const version = request.query.version ?? latest.version;
      const pub = await readVersion(deps.assessment, hallId, period, version);
      if (!pub) throw new DomainError('NOT_FOUND', `${period} has no published version ${version}`);
      const names = await loadNames(deps, hallId);

      const out = new PassThrough();
      writeBulletin(out, state.hall.name, period, pub, names).catch((err) => {
        request.log.error({ err, hallId, period, version }, 'bulletin generation failed');
        out.destroy(err);
      });
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="bulletin-${hallId}-${period}-v${version}.xlsx"`)
        .header('cache-control', 'no-cache')
        .send(out);
    },
  );
};
