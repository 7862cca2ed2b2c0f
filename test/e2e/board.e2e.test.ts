import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../services/api/src/testing/test-app.ts';
import { findings, FINAL_MONTH, NOW, OPEN_MONTH, PRELIMINARY_MONTH, seedHall, type SeededHall } from './seeded-hall.ts';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}test-results`;
const available = existsSync(CHROMIUM);
if (!available) console.warn(`skipping the board e2e tests: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does it)`);

let t: TestApp;
let hall: SeededHall;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!available) return;
  execFileSync(process.execPath, [`${ROOT}web/scripts/ensure-build.mjs`], { stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  t = await createTestApp({ now: NOW });
  hall = await seedHall(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(url: string): Promise<Page> {
  // The hall's screens run in Chinese; the pages follow the browser's language.
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) outside.push(request.url());
  });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${base}${url}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  expect(outside, 'the page fetches nothing outside the service').toEqual([]);
  return page;
}

const rowsOf = (page: Page, panel: string, kind: string) =>
  page.$$eval(`[data-panel="${panel}"] table[data-kind="${kind}"] tbody tr`, (trs) =>
    trs.map((tr) => ({ windowId: tr.getAttribute('data-window-id'), honour: tr.querySelector('td.honour')?.textContent ?? '' })),
  );

describe.skipIf(!available)('the display board', () => {
  it('shows the final month with its honours in words and the provisional month, and follows a new event', async () => {
    const page = await open(`/board/${hall.hallId}?token=${hall.dashboardToken}&refresh=1`);
    await expect.poll(() => page.textContent('[data-panel="final"] h2')).toContain('2026年1月');
    const approval = await rowsOf(page, 'final', 'approval');
    expect(approval.map((r) => r.windowId)).toEqual(['a01', 'a02', 'a03', 'a04', 'a05', 'a06', 'a07']);
    expect(approval.map((r) => r.honour)).toEqual(['红旗窗口', '先进窗口', '', '', '', '', '']);
    const publicService = await rowsOf(page, 'final', 'public_service');
    expect(publicService.slice(0, 3)).toEqual([{ windowId: 'p01', honour: '红旗窗口' }, { windowId: 'p02', honour: '先进窗口' }, { windowId: 'p03', honour: '' }]);
    expect(await page.textContent('[data-panel="selected"] h2')).toContain('本月实时排名 · 2026年3月');
    expect((await rowsOf(page, 'selected', 'approval'))[0]).toEqual({ windowId: 'a07', honour: '红旗窗口' });

    // A string, so this file needs no DOM typings (the root tsconfig is Node's).
    const layout = (await page.evaluate(`(() => {
      const name = document.querySelector('[data-panel="final"] table.ranking td.name');
      return { nameSize: parseFloat(getComputedStyle(name).fontSize), height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth, name: name.textContent };
    })()`)) as { nameSize: number; height: number; width: number; name: string };
    expect(layout.nameSize).toBeGreaterThanOrEqual(32);
    expect(layout.height).toBeLessThanOrEqual(1080);
    expect(layout.width).toBeLessThanOrEqual(1920);
    expect(layout.name).toContain('企业开办');
    await page.screenshot({ path: `${SHOTS}/board.png` });

    const notModified: number[] = [];
    page.on('response', (response) => {
      if (response.status() === 304) notModified.push(304);
    });
    await expect.poll(() => notModified.length, { timeout: 5_000 }).toBeGreaterThan(0);

    await hall.post([findings('insp-mar-2', '2026-03-09T02:00:00Z', { a07: 10 })]);
    await expect.poll(async () => (await rowsOf(page, 'selected', 'approval'))[0]?.windowId, { timeout: 10_000 }).toBe('a06');
    expect((await rowsOf(page, 'selected', 'approval')).at(-1)?.windowId).toBe('a07');
    await page.screenshot({ path: `${SHOTS}/board-updated.png` });
    await page.close();
  });

  it('shows any month asked for and offers the months to choose from', async () => {
    const page = await open(`/board/${hall.hallId}?token=${hall.dashboardToken}&period=${PRELIMINARY_MONTH}`);
    expect(await page.textContent('[data-panel="selected"] h2')).toContain('2026年2月');
    expect(await page.$$eval('#month option', (options) => options.map((o) => o.getAttribute('value')))).toEqual([OPEN_MONTH, PRELIMINARY_MONTH, FINAL_MONTH]);
    // The hall's bad-rating rates of the month shown: February's one counted rating was 非常满意, on its one completed ticket.
    const rates = await page.$$eval('footer .bad-rating-rates li', (lis) => lis.map((li) => [li.getAttribute('data-rate'), li.textContent]));
    expect(rates).toEqual([
      ['badRatingRate', '差评率 0.00% 0/1'],
      ['rectificationRate', '差评整改率 — 0/0'],
      ['namedCallbackRate', '实名差评回访率 — 0/0'],
      ['activeRatingRate', '主动评价率 100.00% 1/1'],
    ]);
    await page.selectOption('#month', FINAL_MONTH);
    await expect.poll(() => page.textContent('[data-panel="selected"] h2')).toContain('2026年1月');
    expect(page.url()).toContain(`period=${FINAL_MONTH}`);
    await page.close();
  });
});

describe.skipIf(!available)('a window page', () => {
  it('shows the line items, ratings and charts, and files an appeal in the objection window', async () => {
    const headToken = await hall.headToken('a01');
    const page = await open(`/board/${hall.hallId}/windows/a01?token=${headToken}&period=${PRELIMINARY_MONTH}`);
    expect(await page.textContent('h1')).toBe('A01 企业开办');
    const row = page.locator('table.line-items tr', { hasText: 'CON_BADGE_UNIFORM' });
    await expect.poll(() => row.textContent()).toContain('-2');
    expect(await row.textContent()).toContain('insp-feb');
    const counts = await page.locator('.rating-counts li strong').allTextContents();
    expect(counts).toEqual(['计入 1', '未核实 1', '重复 1', '可疑 1']);
    expect(await page.locator('.ratings-table tbody tr').count()).toBe(3);
    expect(await page.locator('.bad-rating-rates h2').textContent()).toBe('差评整改闭环');
    expect(await page.locator('.bad-rating-rates [data-rate="activeRatingRate"]').textContent()).toBe('主动评价率 100.00% 1/1');
    expect(await page.locator('.bad-rating-rates [data-rate="badRatingRate"]').textContent()).toBe('差评率 0.00% 0/1');
    expect(await page.$$eval('canvas', (cs) => cs.map((c) => Number(c.getAttribute('width')) > 0))).toEqual([true, true]);

    await row.locator('button.appeal-button').click();
    await page.fill('.appeal-form textarea', '当日已佩戴工作牌，有监控为证');
    await page.screenshot({ path: `${SHOTS}/window-appeal-form.png`, fullPage: true });
    await page.click('.appeal-form button.submit-appeal');
    await expect.poll(() => page.textContent('.message')).toContain('申诉已提交');
    expect(await row.textContent()).toContain('申诉处理中');
    await page.screenshot({ path: `${SHOTS}/window.png`, fullPage: true });

    const supervisor = new ApiClient(t.app, hall.supervisor.token);
    const appeals = (await supervisor.get(`/v1/halls/${hall.hallId}/periods/${PRELIMINARY_MONTH}/appeals`)).data.appeals;
    expect(appeals).toMatchObject([{ status: 'pending', reason: '当日已佩戴工作牌，有监控为证' }]);
    await page.close();
  });

  it('is linked from the board', async () => {
    const page = await open(`/board/${hall.hallId}?token=${hall.dashboardToken}`);
    await page.click('[data-panel="final"] tr[data-window-id="a02"] a');
    await page.waitForSelector('body[data-ready="true"]');
    expect(new URL(page.url()).pathname).toBe(`/board/${hall.hallId}/windows/a02`);
    expect(await page.textContent('h1')).toBe('A02 不动产登记');
    expect(await page.locator('button.appeal-button').count()).toBe(0);
    await page.close();
  });
});
