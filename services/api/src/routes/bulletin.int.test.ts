import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../testing/test-app.ts';
import { FINAL_MONTH, NOW, OPEN_MONTH, PRELIMINARY_MONTH, seedHall, type SeededHall } from '../../../../test/e2e/seeded-hall.ts';

let t: TestApp;
let hall: SeededHall;
let dashboard: ApiClient;

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  hall = await seedHall(t);
  dashboard = new ApiClient(t.app, hall.dashboardToken);
});
afterAll(() => t?.close());

async function workbook(url: string, client = dashboard) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${client.token}` } });
  const book = new ExcelJS.Workbook();
  if (res.statusCode === 200) await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { res, book };
}

/** A sheet's rows as objects keyed by the header row. */
function rows(book: ExcelJS.Workbook, name: string): Array<Record<string, unknown>> {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}; sheets: ${book.worksheets.map((w) => w.name).join(', ')}`);
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

const bulletinUrl = (period: string, query = '') => `/v1/halls/${hall.hallId}/periods/${period}/bulletin.xlsx${query}`;
const HONOUR = { red_flag: '红旗窗口', advanced: '先进窗口' } as const;

describe('when a month is final', () => {
  it('answers a workbook whose rankings are the API rankings, honours in words', async () => {
    const { res, book } = await workbook(bulletinUrl(FINAL_MONTH));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rankings = (await dashboard.get(`/v1/halls/${hall.hallId}/periods/${FINAL_MONTH}/rankings`)).data;
    expect(rankings.stage).toBe('final');
    for (const [kind, sheetName] of [['approval', '行政审批窗口排名'], ['public_service', '公共服务窗口排名']] as const) {
      const sheet = rows(book, sheetName);
      expect(sheet.map((r) => [r['名次'], r['窗口代码'], r['得分'], r['荣誉'] ?? null])).toEqual(
        rankings[kind].map((e: { rank: number; windowId: string; total: number; honour: keyof typeof HONOUR | null }) => [e.rank, e.windowId, e.total, e.honour ? HONOUR[e.honour] : null]),
      );
      expect(sheet.map((r) => r['荣誉'] ?? null)).toEqual(['红旗窗口', '先进窗口', ...Array(sheet.length - 2).fill(null)]);
      expect(typeof sheet[0]!['得分']).toBe('number');
    }
    const info = Object.fromEntries(rows(book, '通报说明').map((r) => [r['项目'], r['内容']]));
    expect(info).toMatchObject({ 考核月份: '2026年1月', 通报版本: 2, 通报类型: '正式通报', 服务大厅: '示范区政务服务中心' });
  });

  it('lists every window and staff member with the API totals and categories, and every line item', async () => {
    const { book } = await workbook(bulletinUrl(FINAL_MONTH));
    const windowList = (await dashboard.get(`/v1/halls/${hall.hallId}/periods/${FINAL_MONTH}/windows`)).data.windows;
    const sheet = rows(book, '窗口得分');
    expect(sheet).toHaveLength(12);
    let lineItems = 0;
    for (const w of windowList) {
      const row = sheet.find((r) => r['窗口代码'] === w.windowId)!;
      expect(row['总分']).toBe(w.total);
      const doc = (await dashboard.get(`/v1/halls/${hall.hallId}/periods/${FINAL_MONTH}/windows/${w.windowId}`)).data;
      const attendance = doc.categories.find((c: { code: string }) => c.code === 'attendance');
      expect(row[`考勤纪律(${attendance.base})`]).toBe(attendance.score);
      lineItems += doc.lineItems.length;
    }
    const staffList = (await dashboard.get(`/v1/halls/${hall.hallId}/periods/${FINAL_MONTH}/staff`)).data.staff;
    const staffSheet = rows(book, '个人得分');
    expect(staffSheet.map((r) => [r['人员代码'], r['总分']]).sort()).toEqual(staffList.map((s: { staffId: string; total: number }) => [s.staffId, s.total]).sort());
    for (const s of staffList) lineItems += (await dashboard.get(`/v1/halls/${hall.hallId}/periods/${FINAL_MONTH}/staff/${s.staffId}`)).data.lineItems.length;
    const items = rows(book, '扣加分明细');
    expect(items).toHaveLength(lineItems);
    const badge = items.find((r) => r['对象代码'] === 'a07' && r['规则代码'] === 'CON_BADGE_UNIFORM')!;
    expect(badge['分值']).toBe(-6);
    expect(badge['状态']).toBe('计入');
    expect(badge['规则名称']).toBe('未佩戴工作牌或未穿工作服');
  });

  it('names the bottom approval windows to their departments, with frozen headers and set widths', async () => {
    const { book } = await workbook(bulletinUrl(FINAL_MONTH));
    const notify = rows(book, '通报部门');
    expect(notify.map((r) => r['对象代码']).sort()).toEqual(['a05', 'a06', 'a07']);
    expect(notify.find((r) => r['对象代码'] === 'a07')!['部门名称']).toBe('公安局');
    for (const ws of book.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getColumn(1).width).toBeGreaterThan(0);
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
  });

  it('answers an earlier version when asked, and 404 for one never published', async () => {
    const { book } = await workbook(bulletinUrl(FINAL_MONTH, '?version=1'));
    expect(Object.fromEntries(rows(book, '通报说明').map((r) => [r['项目'], r['内容']]))).toMatchObject({ 通报版本: 1, 通报类型: '初步通报' });
    const { res } = await workbook(bulletinUrl(FINAL_MONTH, '?version=9'));
    expect(res.statusCode).toBe(404);
  });
});

describe('when a month has no publication', () => {
  it('answers 409 with a problem body', async () => {
    const { res } = await workbook(bulletinUrl(OPEN_MONTH));
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 409, code: 'NO_PUBLICATION' });
  });

  it('answers the preliminary version of a month in its objection window', async () => {
    const { res, book } = await workbook(bulletinUrl(PRELIMINARY_MONTH));
    expect(res.statusCode).toBe(200);
    expect(Object.fromEntries(rows(book, '通报说明').map((r) => [r['项目'], r['内容']]))).toMatchObject({ 通报类型: '初步通报' });
  });
});

describe('the bad-rating loop sheet (差评整改)', () => {
  it('shows each window’s and staff member’s four rates as percentages with numerator and denominator, as the API lists them', async () => {
    const { book } = await workbook(bulletinUrl(PRELIMINARY_MONTH));
    const sheet = rows(book, '差评整改');
    expect(sheet).toHaveLength(24);
    // February at a01: its one counted rating is 非常满意 on its one completed ticket; no 差评, so no case.
    const a01 = sheet.find((r) => r['对象代码'] === 'a01')!;
    expect(a01).toMatchObject({
      对象: '窗口',
      差评率: 0,
      '差评率（分子/分母）': '0/1',
      差评整改率: null,
      '差评整改率（分子/分母）': '0/0',
      实名差评回访率: null,
      主动评价率: 1,
      '主动评价率（分子/分母）': '1/1',
    });
    expect(book.getWorksheet('差评整改')!.getColumn(4).numFmt).toBe('0.00%');
    const listed = (await dashboard.get(`/v1/halls/${hall.hallId}/periods/${PRELIMINARY_MONTH}/windows`)).data.windows;
    expect(listed.find((w: { windowId: string }) => w.windowId === 'a01').badRatingRates).toMatchObject({
      badRatingRate: { numerator: 0, denominator: 1, rate: 0 },
      activeRatingRate: { numerator: 1, denominator: 1, rate: 10000 },
      rectificationRate: { numerator: 0, denominator: 0, rate: null },
    });
  });

  it('is in the open month’s list too, read from the live views', async () => {
    const listed = (await dashboard.get(`/v1/halls/${hall.hallId}/periods/${OPEN_MONTH}/windows`)).data.windows;
    expect(listed).toHaveLength(12);
    for (const w of listed) expect(w.badRatingRates.badRatingRate).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});

describe('when a window head asks for the bulletin', () => {
  it('is refused', async () => {
    const head = new ApiClient(t.app, await hall.headToken('a01'));
    const { res } = await workbook(bulletinUrl(FINAL_MONTH), head);
    expect(res.statusCode).toBe(403);
  });
});
