import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RankingEntry, ScoreDocument } from '@hall/contracts';
import { lineItemNote, ruleName, type Translator } from '@hall/messages';
import type { PublishedMonthRow } from '@hall/assessment';

const SCORE_FORMAT = '0.00';
/** The rates are basis points, so a percentage with two decimals shows them exactly. */
const RATE_FORMAT = '0.00%';
const RATE_KEYS = ['badRatingRate', 'rectificationRate', 'namedCallbackRate', 'activeRatingRate'] as const;
/** Monthly analogue of docs/domain.md §7's annual report: the bottom approval windows go to their departments. */
const BOTTOM_APPROVAL = 3;

export interface Names {
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

/**
 * Writes the month's bulletin (通报) workbook in the translator's language:
 * every sheet name, header and word from the message catalogue, rule names
 * beside their codes; ids, codes and numbers as they are.
 */
export async function writeBulletin(t: Translator, out: PassThrough, hallName: string, period: string, pub: PublishedMonthRow, names: Names): Promise<void> {
  const yesNo = (flag: boolean) => (flag ? t.t('yes') : t.t('no'));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'hall-assessment';
  const windowDoc = new Map(pub.windows.map((d) => [d.subject.id, d]));
  const win = (id: string) => names.windows.get(id);
  const dept = (id: string | null | undefined) => (id ? (names.departments.get(id) ?? id) : '');

  sheet(workbook, t.t('bulletin.sheet.about'), [{ header: t.t('bulletin.about.item'), key: 'k', width: 16 }, { header: t.t('bulletin.about.value'), key: 'v', width: 48 }], [
    { k: t.t('bulletin.about.hall'), v: hallName },
    { k: t.t('bulletin.about.month'), v: t.month(period) },
    { k: t.t('bulletin.about.version'), v: pub.version },
    { k: t.t('bulletin.about.kind'), v: t.t(`publication.${pub.kind}`) },
    { k: t.t('bulletin.about.publishedAt'), v: pub.publishedAt },
    { k: t.t('bulletin.about.catalogueVersion'), v: pub.catalogueVersion },
    { k: t.t('bulletin.about.note'), v: t.t('bulletin.about.honours') },
  ]);

  for (const kind of ['approval', 'public_service'] as const) {
    const rows = pub.rankings[kind].map((r: RankingEntry) => ({
      rank: r.rank,
      number: win(r.windowId)?.number ?? '',
      name: win(r.windowId)?.name ?? r.windowId,
      windowId: r.windowId,
      dept: dept(win(r.windowId)?.departmentId ?? windowDoc.get(r.windowId)?.departmentId),
      total: r.total,
      honour: r.honour ? t.t(`honour.${r.honour}`) : '',
      veto: yesNo(r.veto),
    }));
    sheet(workbook, t.t('bulletin.sheet.ranking', { kind: t.t(`kind.${kind}`) }), [
      { header: t.t('bulletin.col.rank'), key: 'rank', width: 8 },
      { header: t.t('bulletin.col.windowNumber'), key: 'number', width: 12 },
      { header: t.t('bulletin.col.windowName'), key: 'name', width: 28 },
      { header: t.t('bulletin.col.windowId'), key: 'windowId', width: 16 },
      { header: t.t('bulletin.col.department'), key: 'dept', width: 24 },
      { header: t.t('bulletin.col.score'), key: 'total', width: 10, numFmt: SCORE_FORMAT },
      { header: t.t('bulletin.col.honour'), key: 'honour', width: 12 },
      { header: t.t('bulletin.col.veto'), key: 'veto', width: 10 },
    ], rows);
  }

  const codes = [...new Set(pub.windows.flatMap((d) => d.categories.map((c) => c.code)))];
  const base = new Map(pub.windows.flatMap((d) => d.categories.map((c) => [c.code, c.base] as const)));
  const categoryColumns = codes.map((code) => ({ header: t.t('bulletin.col.category', { category: t.maybe(`category.${code}`) ?? code, base: base.get(code) ?? 0 }), key: `c_${code}`, width: 14, numFmt: SCORE_FORMAT }));
  const categoryCells = (d: ScoreDocument) => Object.fromEntries(d.categories.map((c) => [`c_${c.code}`, c.score]));
  sheet(workbook, t.t('bulletin.sheet.windows'), [
    { header: t.t('bulletin.col.windowNumber'), key: 'number', width: 12 },
    { header: t.t('bulletin.col.windowName'), key: 'name', width: 28 },
    { header: t.t('bulletin.col.windowId'), key: 'windowId', width: 16 },
    { header: t.t('bulletin.col.kind'), key: 'kind', width: 14 },
    { header: t.t('bulletin.col.department'), key: 'dept', width: 24 },
    ...categoryColumns,
    { header: t.t('bulletin.col.bonus'), key: 'bonus', width: 10, numFmt: SCORE_FORMAT },
    { header: t.t('bulletin.col.total'), key: 'total', width: 10, numFmt: SCORE_FORMAT },
    { header: t.t('bulletin.col.veto'), key: 'veto', width: 10 },
  ], pub.windows.map((d) => ({
    number: win(d.subject.id)?.number ?? '',
    name: win(d.subject.id)?.name ?? d.subject.id,
    windowId: d.subject.id,
    kind: d.kind ? t.t(`kind.${d.kind}`) : '',
    dept: dept(d.departmentId),
    ...categoryCells(d),
    bonus: d.bonus.counted,
    total: d.total,
    veto: yesNo(d.veto),
  })));

  sheet(workbook, t.t('bulletin.sheet.staff'), [
    { header: t.t('bulletin.col.staffId'), key: 'staffId', width: 16 },
    { header: t.t('bulletin.col.staffName'), key: 'name', width: 14 },
    { header: t.t('bulletin.col.department'), key: 'dept', width: 24 },
    { header: t.t('bulletin.col.staffWindows'), key: 'windows', width: 28 },
    ...categoryColumns,
    { header: t.t('bulletin.col.bonus'), key: 'bonus', width: 10, numFmt: SCORE_FORMAT },
    { header: t.t('bulletin.col.total'), key: 'total', width: 10, numFmt: SCORE_FORMAT },
    { header: t.t('bulletin.col.veto'), key: 'veto', width: 10 },
  ], pub.staff.map((d) => ({
    staffId: d.subject.id,
    name: names.staff.get(d.subject.id)?.name ?? d.subject.id,
    dept: dept(d.departmentId ?? names.staff.get(d.subject.id)?.departmentId),
    windows: (d.windowIds ?? []).map((id) => win(id)?.name ?? id).join(t.t('bulletin.listSeparator')),
    ...categoryCells(d),
    bonus: d.bonus.counted,
    total: d.total,
    veto: yesNo(d.veto),
  })));

  const subjectName = (d: ScoreDocument) =>
    d.subject.type === 'window' ? (win(d.subject.id)?.name ?? d.subject.id) : (names.staff.get(d.subject.id)?.name ?? d.subject.id);
  sheet(workbook, t.t('bulletin.sheet.lineItems'), [
    { header: t.t('bulletin.col.subject'), key: 'type', width: 8 },
    { header: t.t('bulletin.col.subjectId'), key: 'id', width: 16 },
    { header: t.t('bulletin.col.subjectName'), key: 'name', width: 24 },
    { header: t.t('bulletin.col.lineCategory'), key: 'category', width: 12 },
    { header: t.t('bulletin.col.ruleCode'), key: 'rule', width: 28 },
    { header: t.t('bulletin.col.ruleName'), key: 'ruleName', width: 32 },
    { header: t.t('bulletin.col.note'), key: 'note', width: 40 },
    { header: t.t('bulletin.col.points'), key: 'points', width: 10, numFmt: SCORE_FORMAT },
    { header: t.t('bulletin.col.status'), key: 'status', width: 10 },
    { header: t.t('bulletin.col.veto'), key: 'veto', width: 10 },
    { header: t.t('bulletin.col.events'), key: 'events', width: 40 },
    { header: t.t('bulletin.col.lineItemId'), key: 'lineItemId', width: 40 },
  ], [...pub.windows, ...pub.staff].flatMap((d) =>
    d.lineItems.map((li) => ({
      type: t.t(`subject.${d.subject.type}`),
      id: d.subject.id,
      name: subjectName(d),
      category: t.maybe(`category.${li.category}`) ?? li.category,
      rule: li.ruleCode,
      ruleName: ruleName(t, li.ruleCode),
      note: lineItemNote(t, li),
      points: li.points,
      status: t.t(`lineStatus.${li.status}`),
      veto: yesNo(li.veto),
      events: li.eventIds.join(', '),
      lineItemId: li.id,
    })),
  ));

  writeBadRatingSheet(workbook, t, [...pub.windows, ...pub.staff], subjectName);

  const notify: Array<Record<string, unknown>> = [];
  for (const d of [...pub.windows, ...pub.staff]) {
    if (!d.veto) continue;
    const departmentId = d.departmentId ?? (d.subject.type === 'staff' ? names.staff.get(d.subject.id)?.departmentId : win(d.subject.id)?.departmentId);
    notify.push({ deptId: departmentId ?? '', dept: dept(departmentId), type: t.t(`subject.${d.subject.type}`), id: d.subject.id, name: subjectName(d), reason: t.t('veto'), total: d.total });
  }
  const approval = pub.rankings.approval;
  const cutoff = approval.length > BOTTOM_APPROVAL ? approval[approval.length - BOTTOM_APPROVAL]!.rank : Infinity;
  for (const r of approval.filter((e) => e.rank >= cutoff)) {
    const departmentId = win(r.windowId)?.departmentId ?? windowDoc.get(r.windowId)?.departmentId ?? '';
    notify.push({ deptId: departmentId, dept: dept(departmentId), type: t.t('subject.window'), id: r.windowId, name: win(r.windowId)?.name ?? r.windowId, reason: t.t('bulletin.reason.bottom', { count: BOTTOM_APPROVAL, rank: r.rank }), total: r.total });
  }
  sheet(workbook, t.t('bulletin.sheet.notify'), [
    { header: t.t('bulletin.col.departmentId'), key: 'deptId', width: 16 },
    { header: t.t('bulletin.col.departmentName'), key: 'dept', width: 24 },
    { header: t.t('bulletin.col.subject'), key: 'type', width: 8 },
    { header: t.t('bulletin.col.subjectId'), key: 'id', width: 16 },
    { header: t.t('bulletin.col.subjectName'), key: 'name', width: 24 },
    { header: t.t('bulletin.col.reason'), key: 'reason', width: 30 },
    { header: t.t('bulletin.col.score'), key: 'total', width: 10, numFmt: SCORE_FORMAT },
  ], notify.sort((x, y) => String(x.deptId).localeCompare(String(y.deptId))));

  await workbook.commit();
}

/**
 * The bad-rating loop's sheet (差评整改): each window's and staff member's
 * 差评率, 差评整改率, 实名差评回访率 and 主动评价率 as a percentage cell and its
 * numerator/denominator. Left out for versions published before the documents
 * carried the rates (decision 1721).
 */
function writeBadRatingSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  t: Translator,
  docs: readonly ScoreDocument[],
  subjectName: (d: ScoreDocument) => string,
): void {
  const withRates = docs.filter((d) => d.badRatingRates !== undefined);
  if (withRates.length === 0) return;
  sheet(workbook, t.t('bulletin.sheet.badRatings'), [
    { header: t.t('bulletin.col.subject'), key: 'type', width: 8 },
    { header: t.t('bulletin.col.subjectId'), key: 'id', width: 16 },
    { header: t.t('bulletin.col.subjectName'), key: 'name', width: 24 },
    ...RATE_KEYS.flatMap((key) => [
      { header: t.t(`badRatingRate.${key}`), key: key, width: 14, numFmt: RATE_FORMAT },
      { header: t.t('bulletin.col.rateCounts', { rate: t.t(`badRatingRate.${key}`) }), key: `${key}Counts`, width: 18 },
    ]),
  ], withRates.map((d) => {
    const row: Record<string, unknown> = { type: t.t(`subject.${d.subject.type}`), id: d.subject.id, name: subjectName(d) };
    for (const key of RATE_KEYS) {
      const r = d.badRatingRates![key];
      // An empty cell over nothing (null), never 0 %.
      row[key] = r.rate === null ? null : r.rate / 10000;
      row[`${key}Counts`] = t.t('badRatingRate.counts', { numerator: r.numerator, denominator: r.denominator });
    }
    return row;
  }));
}
