import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible } from './browser.ts';
import { available, closeConsoleSession, openConsoleSession, SHOTS, signInTo, type ConsoleSession } from './console-session.ts';
import { OPEN_MONTH, PRELIMINARY_MONTH, type SeededHall } from './seeded-hall.ts';

if (!available) console.warn(`skipping the console e2e tests: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does it)`);

let hall: SeededHall;
let browser: Browser;
let base: string;
let session: ConsoleSession;

beforeAll(async () => {
  if (!available) return;
  session = await openConsoleSession();
  ({ hall, browser, base } = session);
});
afterAll(() => closeConsoleSession(session ?? {}));

const tokenOf = (client: unknown) => (client as { token: string }).token;

const signIn = (token: string): Promise<Page> => signInTo(session, token, { guardRequests: true });

async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await page.waitForSelector(`body[data-ready="true"][data-page="${hash.replace(/^#\//, '').split('?')[0]}"]`);
}

const menuOf = (page: Page) => page.$$eval('.console-nav a', (links) => links.map((a) => a.getAttribute('data-page')));
const field = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);
const fieldError = (page: Page, path: string) => page.locator(`.field[data-field="${path}"] .field-error`);

describe.skipIf(!available)('the console as a supervisor', () => {
  it('records a finding with the rule picker, and the window page and the board show it', async () => {
    const page = await signIn(tokenOf(hall.supervisor));
    expect(await menuOf(page)).toEqual(['findings', 'periods', 'appeals', 'complaints', 'commendations', 'organisation', 'rules', 'staff-month', 'boards']);
    await expectAccessible(page, 'the findings page');
    await page.screenshot({ path: `${SHOTS}/findings.png` });

    await field(page, '/events/0/occurredAt').fill('2026-03-09T10:00');
    await field(page, '/events/0/occurredAt').dispatchEvent('change');
    const options = await page.$$eval('[data-path="/events/0/data/findings/0/ruleCode"] option', (os) => os.map((o) => o.textContent));
    expect(options).toContain('在岗吸烟、吃东西、玩游戏、看视频或闲聊（CON_IDLE_AT_POST）');
    expect(options.some((o) => o?.includes('CASE_OVERDUE')), 'derived rules are not offered').toBe(false);
    await field(page, '/events/0/data/findings/0/windowId').selectOption('a03');
    await field(page, '/events/0/data/findings/0/staffId').selectOption('s-a03');
    await field(page, '/events/0/data/findings/0/ruleCode').selectOption('CON_IDLE_AT_POST');
    await field(page, '/events/0/data/findings/0/note').fill('当班时间玩手机游戏');
    await page.click('form[data-form="finding"] button[type="submit"]');
    await page.waitForSelector('.form-alert.ok');

    await page.click('a.see-window');
    await page.waitForSelector('body[data-ready="true"]');
    expect(new URL(page.url()).search).toBe(`?period=${OPEN_MONTH}`);
    const row = page.locator('table.line-items tr[data-rule-code="CON_IDLE_AT_POST"]');
    expect(await row.textContent()).toContain('在岗吸烟、吃东西、玩游戏、看视频或闲聊');
    expect(await row.textContent()).toContain('当班时间玩手机游戏');
    expect(await row.locator('td.points').textContent()).toBe('-2');
    await expectAccessible(page, 'the window page');
    await page.screenshot({ path: `${SHOTS}/window-page.png`, fullPage: true });

    // March so far: four badge findings (−4), fewer than 2 cases accepted (CASE_LOW_VOLUME −3), now −2 more.
    await page.goto(`${base}/board/${hall.hallId}`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('[data-panel="selected"] tr[data-window-id="a03"] td.total')).toBe('91.00');
    await expectAccessible(page, 'the board');
    await page.screenshot({ path: `${SHOTS}/board.png` });
    await page.context().close();
  });

  it('shows a 422 next to the field it names and keeps what was typed', async () => {
    const page = await signIn(tokenOf(hall.supervisor));
    // The schema's own check first: a count of 0 never leaves the browser.
    await field(page, '/events/0/data/findings/0/count').fill('0');
    await field(page, '/events/0/data/findings/0/note').fill('桌面杂乱');
    await page.click('form[data-form="finding"] button[type="submit"]');
    await expect.poll(() => fieldError(page, '/events/0/data/findings/0/count').textContent()).toContain('过小');

    // The API's check: a day after the service's now is more than 5 minutes in the future.
    await field(page, '/events/0/data/findings/0/count').fill('1');
    await field(page, '/events/0/occurredAt').fill('2026-03-11T10:00');
    await page.click('form[data-form="finding"] button[type="submit"]');
    await expect.poll(() => fieldError(page, '/events/0/occurredAt').textContent()).toBe('比当前时间晚5分钟以上');
    expect(await fieldError(page, '/events/0/data/findings/0/count').textContent()).toBe('');
    expect(await page.textContent('.form-alert')).toContain('校验未通过');
    expect(await field(page, '/events/0/occurredAt').getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, '/events/0/data/findings/0/note').inputValue()).toBe('桌面杂乱');
    await page.screenshot({ path: `${SHOTS}/findings-422.png` });
    await page.context().close();
  });
});

describe.skipIf(!available)('an appeal from the window head to the final month', () => {
  it('is filed by the head, upheld by the supervisor, and the final version shows the line voided', async () => {
    const head = await signIn(await hall.headToken('a01'));
    expect(await menuOf(head)).toEqual(['my-window', 'staff-month', 'leave', 'appeals', 'boards']);
    await expectAccessible(head, 'my window');
    await head.screenshot({ path: `${SHOTS}/my-window.png` });
    // A window head has no findings page: asking for it shows the first page of its own menu.
    await head.evaluate(`location.hash = '#/findings'`);
    await head.waitForSelector('body[data-ready="true"][data-page="my-window"]');

    await head.click(`li[data-period="${PRELIMINARY_MONTH}"] a`);
    await head.waitForSelector('body[data-ready="true"]');
    const row = head.locator('table.line-items tr[data-rule-code="CON_BADGE_UNIFORM"]');
    expect(await row.locator('td.points').textContent()).toBe('-2');
    const totalBefore = Number(await head.textContent('#total'));
    await row.locator('button.appeal-button').click();
    await head.fill('.appeal-form textarea', '当日已佩戴工作牌，有监控为证');
    await head.click('.appeal-form button.submit-appeal');
    await expect.poll(() => head.textContent('.message')).toContain('申诉已提交');
    await head.context().close();

    const supervisor = await signIn(tokenOf(hall.supervisor));
    await goTo(supervisor, `#/appeals?period=${PRELIMINARY_MONTH}`);
    const card = supervisor.locator('article.appeal-card.pending');
    expect(await card.locator('h3').textContent()).toContain('未佩戴工作牌或未穿工作服');
    await expectAccessible(supervisor, 'the appeals page');
    await supervisor.screenshot({ path: `${SHOTS}/appeals.png` });
    await card.locator('[data-path="/upheld"]').selectOption('true');
    await card.locator('[data-path="/reason"]').fill('监控显示已佩戴，撤销扣分');
    await card.locator('button[type="submit"]').click();
    await supervisor.waitForSelector('article.appeal-card.upheld');

    await goTo(supervisor, '#/periods');
    await expectAccessible(supervisor, 'the periods page');
    await supervisor.screenshot({ path: `${SHOTS}/periods.png` });
    await supervisor.click(`tr[data-period="${PRELIMINARY_MONTH}"] button[data-to="final"]`);
    expect(await supervisor.textContent('dialog.confirm .confirm-body')).toContain('正式通报（第 2 版）');
    await supervisor.screenshot({ path: `${SHOTS}/periods-confirm.png` });
    await supervisor.click('dialog.confirm .confirm-yes');
    await expect.poll(() => supervisor.textContent(`tr[data-period="${PRELIMINARY_MONTH}"] td.stage`), { timeout: 15_000 }).toBe('正式结果');

    await supervisor.goto(`${base}/board/${hall.hallId}/windows/a01?period=${PRELIMINARY_MONTH}`);
    await supervisor.waitForSelector('body[data-ready="true"]');
    const voided = supervisor.locator('table.line-items tr[data-rule-code="CON_BADGE_UNIFORM"]');
    expect(await voided.getAttribute('class')).toContain('voided');
    expect(await voided.locator('td.line-status').textContent()).toBe('已撤销');
    expect(Number(await supervisor.textContent('#total'))).toBe(totalBefore + 2);
    expect(await supervisor.textContent('.summary')).toContain('第 2 版');
    await supervisor.context().close();
  });
});

describe.skipIf(!available)('what other roles see', () => {
  it('gives the auditor its tools and the staff board, accessibly', async () => {
    const auditor = await signIn(tokenOf(await hall.client('auditor')));
    expect(await menuOf(auditor)).toEqual(['audit', 'periods', 'staff-month', 'boards']);
    expect(await auditor.locator('button[data-to]').count(), 'an auditor moves no month').toBe(0);
    await auditor.click('form[data-form="verify"] button[type="submit"]');
    await expect.poll(() => auditor.textContent('form[data-form="verify"] .form-alert')).toContain('事件链完好');
    await expectAccessible(auditor, 'the audit page');
    await auditor.screenshot({ path: `${SHOTS}/audit.png` });

    await auditor.goto(`${base}/board/${hall.hallId}/staff?period=${OPEN_MONTH}`);
    await auditor.waitForSelector('body[data-ready="true"]');
    expect(await auditor.locator('table.ranking.staff tbody tr').count()).toBe(12);
    await expectAccessible(auditor, 'the staff board');
    await auditor.screenshot({ path: `${SHOTS}/staff-board.png` });
    await auditor.context().close();
  });

  it('asks for a token again when it is revoked or wrong, and speaks English when asked', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${base}/console/${hall.hallId}`);
    await page.waitForSelector('body[data-page="sign-in"]');
    expect(await page.textContent('h1')).toBe('Assessment console');
    await page.fill('#token', 'not-a-token');
    await page.click('form[data-form="sign-in"] button[type="submit"]');
    await expect.poll(() => page.textContent('#token-error')).toContain('The token is invalid or revoked');
    await expectAccessible(page, 'the sign-in page');
    await page.screenshot({ path: `${SHOTS}/sign-in-en.png` });
    await context.close();
  });
});
