import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './browser.ts';
import { available, closeConsoleSession, openConsoleSession, SHOTS, signInTo, type ConsoleSession } from './console-session.ts';
import { OPEN_MONTH, PRELIMINARY_MONTH, type SeededHall } from './seeded-hall.ts';

/**
 * A staff member's own pages (decision 1601) and the rule form (decision 1603),
 * in a hall of their own so the rule version published here moves nothing
 * another walk checks.
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

const signIn = (token: string): Promise<Page> => signInTo(session, token);

async function goTo(page: Page, id: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(`#/${id}`)}`);
  await page.waitForSelector(`body[data-ready="true"][data-page="${id}"]`);
}

async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page, `the ${name} page`);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** What the API answers this token for a path of the hall (the browser's page is not the judge of access). */
async function statusFor(token: string, path: string): Promise<number> {
  const res = await fetch(`${base}/v1/halls/${hall.hallId}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.status;
}

const field = (page: Page, path: string) => page.locator(`form[data-form="rule-draft"] [data-path="${path}"]`);
const fieldError = (page: Page, path: string) => page.locator(`form[data-form="rule-draft"] .field[data-field="${path}"] .field-error`);
const alertOf = (page: Page) => page.textContent('form[data-form="rule-draft"] .form-alert');

describe.skipIf(!available)('a staff member’s own pages', () => {
  it('shows a staff member their own month, quarter and year only, and the API refuses them anyone else', async () => {
    const token = (await hall.client('staff', { name: '张伟', staffId: 's-a01' })).token;
    const page = await signIn(token);
    expect(await page.$$eval('.console-nav a', (as) => as.map((a) => a.getAttribute('data-page')))).toEqual(['my-month', 'my-quarter', 'my-year']);
    expect(await page.textContent('.console-header .who')).toBe('工作人员');
    expect(await page.getAttribute('body', 'data-page')).toBe('my-month');
    expect(await page.textContent('.who-am-i')).toBe('张伟');

    await page.locator('#my-month-picker').selectOption(OPEN_MONTH);
    await page.waitForSelector('.staff-month[data-staff="s-a01"] tr[data-line-item]');
    expect(await page.textContent('.staff-month table.line-items')).toContain('CON_BADGE_UNIFORM');
    await look(page, 'my-month');

    await goTo(page, 'my-quarter');
    expect(await page.textContent('.staff-summary')).toContain('2026-Q1');
    await look(page, 'my-quarter');
    await goTo(page, 'my-year');
    expect(await page.textContent('.staff-summary')).toContain('2026');
    await look(page, 'my-year');

    // A page the role does not have shows its first page instead.
    await page.evaluate(`location.hash = '#/staff-month'`);
    await page.waitForSelector('body[data-ready="true"][data-page="my-month"]');

    expect(await statusFor(token, `periods/${OPEN_MONTH}/staff/s-a01`)).toBe(200);
    for (const path of [`periods/${OPEN_MONTH}/staff/s-a02`, `periods/${PRELIMINARY_MONTH}/staff/s-p01`, `periods/${OPEN_MONTH}/windows/a01`, `periods/${OPEN_MONTH}/rankings`, `periods/${OPEN_MONTH}/staff`, 'staff', 'rules']) {
      expect(await statusFor(token, path), path).toBe(403);
    }
    await page.context().close();
  });
});

describe.skipIf(!available)('the rule form', () => {
  it('edits a rule’s points in its own field, shows the schema’s refusal beside it, and publishes a version', async () => {
    const page = await signIn((hall.supervisor as unknown as { token: string }).token);
    await goTo(page, 'rules');
    const row = page.locator('fieldset.rule-row[data-rule="CON_BADGE_UNIFORM"]');
    expect(await row.locator('legend').textContent()).toContain('CON_BADGE_UNIFORM');
    const pointsField = row.locator('[data-path$="/computation/points"]');
    const path = (await pointsField.getAttribute('data-path'))!;
    expect(path).toMatch(/^\/rules\/\d+\/computation\/points$/);
    await look(page, 'rules-form');

    // An empty number breaks the draft schema: the message stands beside that field, nothing is sent, the rest stays.
    await pointsField.fill('');
    await row.locator('[data-path$="/name"]').fill('未按规定佩戴工作牌（修订）');
    await field(page, '/effectiveFrom').fill('2026-04-01');
    await page.click('form[data-form="rule-draft"] button[type="submit"]');
    await expect.poll(() => fieldError(page, path).textContent()).not.toBe('');
    expect(await page.locator('dialog.confirm[open]').count()).toBe(0);
    expect(await row.locator('[data-path$="/name"]').inputValue()).toBe('未按规定佩戴工作牌（修订）');
    await look(page, 'rules-form-error');

    await pointsField.fill('-1.5');
    await page.click('form[data-form="rule-draft"] button[type="submit"]');
    await page.click('dialog.confirm .confirm-yes');
    await expect.poll(() => alertOf(page)).toContain('已发布第 2 版');
    const published = await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules/versions/2`);
    const badge = published.data.rules.find((r: { code: string }) => r.code === 'CON_BADGE_UNIFORM');
    expect(badge).toMatchObject({ name: '未按规定佩戴工作牌（修订）', computation: { kind: 'per_occurrence', points: -1.5 } });

    // The JSON box ("advanced") holds the form's rules, and what it holds goes back into the form.
    await page.click('details.advanced summary');
    const json = JSON.parse(await field(page, '/rules').inputValue()) as Array<{ code: string; computation: { points?: number } }>;
    expect(json.find((r) => r.code === 'CON_BADGE_UNIFORM')?.computation.points).toBe(-1.5);

    // What only the API checks (the category exists in the version) comes back as a problem path under the rule: beside its name.
    const edited = json.map((r) => (r.code === 'CON_BADGE_UNIFORM' ? { ...r, category: 'nowhere' } : r));
    await field(page, '/rules').fill(JSON.stringify(edited));
    await field(page, '/effectiveFrom').fill('2026-05-01');
    await page.click('form[data-form="rule-draft"] button[type="submit"]');
    await page.click('dialog.confirm .confirm-yes');
    await expect.poll(() => row.locator('.field[data-field$="/name"] .field-error').textContent()).toContain('nowhere');
    expect(await row.locator('[data-path$="/name"]').getAttribute('aria-invalid')).toBe('true');
    await look(page, 'rules-form-api-error');
    await page.context().close();
  });
});
