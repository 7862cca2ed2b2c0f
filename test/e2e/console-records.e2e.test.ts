import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './browser.ts';
import { available, closeConsoleSession, openConsoleSession, SHOTS, signInTo, type ConsoleSession } from './console-session.ts';
import { OPEN_MONTH, type SeededHall } from './seeded-hall.ts';

/**
 * The console's recording pages, rule versions, staff month and export, one
 * walk per role (its own hall, so a rule version published here moves no
 * score the first walk checks).
 */

let hall: SeededHall;
let base: string;
let session: ConsoleSession;

beforeAll(async () => {
  if (!available) return;
  session = await openConsoleSession();
  ({ hall, base } = session);
});
afterAll(() => closeConsoleSession(session ?? {}));

const signIn = (token: string): Promise<Page> => signInTo(session, token, { acceptDownloads: true });

async function goTo(page: Page, id: string, query = ''): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(`#/${id}${query}`)}`);
  await page.waitForSelector(`body[data-ready="true"][data-page="${id}"]`);
}

/** Checks the page with axe-core and saves its screenshot. */
async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page, `the ${name} page`);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const field = (page: Page, form: string, path: string) => page.locator(`form[data-form="${form}"] [data-path="${path}"]`);
const fieldError = (page: Page, form: string, path: string) => page.locator(`form[data-form="${form}"] .field[data-field="${path}"] .field-error`);
const submit = (page: Page, form: string) => page.click(`form[data-form="${form}"] button[type="submit"]`);
const alertOf = (page: Page, form: string) => page.textContent(`form[data-form="${form}"] .form-alert`);

describe.skipIf(!available)('the console’s recording pages', () => {
  it('lets the supervisor receive a complaint, register a department and publish a rule version, errors beside their fields', async () => {
    const page = await signIn((hall.supervisor as unknown as { token: string }).token);

    await goTo(page, 'complaints');
    await look(page, 'complaints');
    await field(page, 'ComplaintReceived', '/events/0/data/channel').selectOption('hotline');
    await field(page, 'ComplaintReceived', '/events/0/data/contact').fill('138****0000');
    await submit(page, 'ComplaintReceived');
    // The contract's schema refuses an empty summary before anything is sent; what was typed stays.
    await expect.poll(() => fieldError(page, 'ComplaintReceived', '/events/0/data/summary').textContent()).not.toBe('');
    expect(await field(page, 'ComplaintReceived', '/events/0/data/contact').inputValue()).toBe('138****0000');
    await field(page, 'ComplaintReceived', '/events/0/data/summary').fill('窗口人员态度生硬');
    await submit(page, 'ComplaintReceived');
    // The browser's clock runs past the service's: the API's 422 lands beside the time it names.
    await expect.poll(() => fieldError(page, 'ComplaintReceived', '/events/0/occurredAt').textContent()).toBe('比当前时间晚5分钟以上');
    expect(await field(page, 'ComplaintReceived', '/events/0/data/summary').inputValue()).toBe('窗口人员态度生硬');
    await field(page, 'ComplaintReceived', '/events/0/occurredAt').fill('2026-03-09T15:00');
    await submit(page, 'ComplaintReceived');
    await expect.poll(() => alertOf(page, 'ComplaintReceived')).toContain('已记录');

    await goTo(page, 'organisation');
    await look(page, 'organisation');
    await field(page, 'DepartmentRegistered', '/events/0/occurredAt').fill('2026-03-09T15:00');
    await field(page, 'DepartmentRegistered', '/events/0/data/departmentId').fill('d9');
    await field(page, 'DepartmentRegistered', '/events/0/data/name').fill('税务局');
    await submit(page, 'DepartmentRegistered');
    await expect.poll(() => alertOf(page, 'DepartmentRegistered')).toContain('已记录');

    await goTo(page, 'rules');
    await look(page, 'rules');
    expect(await page.textContent('table.rules-table caption')).toContain('第 1 版');
    expect(await page.textContent('table.rules-table tr[data-rule="CON_IDLE_AT_POST"]')).toContain('在岗吸烟');
    // February is in its objection window, January final: a version effective in January is refused with 409.
    await field(page, 'rule-draft', '/effectiveFrom').fill('2026-01-15');
    await submit(page, 'rule-draft');
    await page.click('dialog.confirm .confirm-yes');
    await expect.poll(() => alertOf(page, 'rule-draft')).not.toBe('');
    expect(await page.locator('form[data-form="rule-draft"] .form-alert.ok').count()).toBe(0);
    await field(page, 'rule-draft', '/effectiveFrom').fill('2026-04-01');
    await submit(page, 'rule-draft');
    await page.click('dialog.confirm .confirm-yes');
    await expect.poll(() => alertOf(page, 'rule-draft')).toContain('已发布第 2 版');
    await page.context().close();
  });

  it('lets a section mark attendance, and the staff month shows the line item, quarter and year', async () => {
    const page = await signIn((await hall.client('section', { section: 'supervision' })).token);
    await goTo(page, 'attendance');
    await look(page, 'attendance');
    await field(page, 'AttendanceMarked', '/events/0/occurredAt').fill('2026-03-09T09:30');
    await field(page, 'AttendanceMarked', '/events/0/data/staffId').selectOption('s-a02');
    await field(page, 'AttendanceMarked', '/events/0/data/windowId').selectOption('a02');
    await field(page, 'AttendanceMarked', '/events/0/data/date').fill('2026-03-09');
    await field(page, 'AttendanceMarked', '/events/0/data/mark').selectOption('late');
    await field(page, 'AttendanceMarked', '/events/0/data/minutes').fill('12');
    await submit(page, 'AttendanceMarked');
    await expect.poll(() => alertOf(page, 'AttendanceMarked')).toContain('已记录');

    await goTo(page, 'staff-month', '?staff=s-a02');
    await page.locator('#staff-month').selectOption(OPEN_MONTH);
    await page.waitForSelector('.staff-month[data-staff="s-a02"] tr[data-line-item]');
    expect(await page.textContent('.staff-month[data-staff="s-a02"] table.line-items')).toContain('ATT_LATE_EARLY');
    expect(await page.textContent('.staff-summary')).toContain('2026-Q1');
    await look(page, 'staff-month');
    await page.context().close();
  });

  it('shows a window head its own staff only, and the leave forms', async () => {
    const page = await signIn(await hall.headToken('a01'));
    expect(await page.$$eval('.window-staff li', (lis) => lis.map((li) => li.getAttribute('data-staff')))).toEqual(['s-a01']);
    await look(page, 'my-window-staff');
    await page.click('.window-staff a');
    await page.waitForSelector('body[data-ready="true"][data-page="staff-month"] .staff-month[data-staff="s-a01"]');
    expect(await page.$$eval('#staff-picker option', (os) => os.map((o) => o.getAttribute('value')))).toEqual(['s-a01']);
    await goTo(page, 'leave');
    expect(await page.locator('form[data-form="AttendanceMarked"]').count(), 'attendance is the section’s').toBe(0);
    await look(page, 'leave');
    await page.context().close();
  });

  it('exports the auditor’s NDJSON history with progress, line for line what the API holds', async () => {
    const page = await signIn((await hall.client('auditor')).token);
    const download = page.waitForEvent('download');
    await submit(page, 'export');
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { position: number });
    expect(lines.length).toBeGreaterThan(12);
    expect(lines.map((l) => l.position)).toEqual(lines.map((_, i) => lines[0]!.position + i));
    expect(await page.textContent('.export-count')).toContain(`导出完成：${lines.length}`);
    await look(page, 'audit-export');
    await page.context().close();
  });
});
