import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../services/api/src/testing/test-app.ts';
import { CHROMIUM, launch } from './browser.ts';
import { NOW, seedHall, type SeededHall } from './seeded-hall.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots of every console page at 1920×1080: test artifacts, git-ignored. */
export const SHOTS = `${ROOT}test-results/console`;
/** The console walks skip, with a message, where Chromium is not installed (.ci/run installs it). */
export const available = existsSync(CHROMIUM);

/** One console walk's service, seeded hall and browser. */
export interface ConsoleSession {
  t: TestApp;
  hall: SeededHall;
  browser: Browser;
  base: string;
}

/** Builds the web bundle when missing, starts a service on a seeded hall of its own, and a browser. */
export async function openConsoleSession(): Promise<ConsoleSession> {
  execFileSync(process.execPath, [`${ROOT}web/scripts/ensure-build.mjs`], { stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  const t = await createTestApp({ now: NOW });
  const hall = await seedHall(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  return { t, hall, base, browser: await launch() };
}

export async function closeConsoleSession(session: Partial<ConsoleSession>): Promise<void> {
  await session.browser?.close();
  await session.t?.close();
}

/**
 * A fresh browser tab (its own sessionStorage) signed in to the console with
 * `token`. `guardRequests`: every request stays on the service and no address
 * carries the token.
 */
export async function signInTo(
  session: ConsoleSession,
  token: string,
  opts: { acceptDownloads?: boolean; guardRequests?: boolean } = {},
): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', acceptDownloads: opts.acceptDownloads ?? false });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  if (opts.guardRequests) {
    page.on('request', (request) => {
      expect(request.url().startsWith(session.base), 'the console fetches nothing outside the service').toBe(true);
      expect(request.url(), 'the token never goes into an address').not.toContain(token);
    });
  }
  await page.goto(`${session.base}/console/${session.hall.hallId}`);
  await page.waitForSelector('body[data-page="sign-in"]');
  await page.fill('#token', token);
  await page.click('form[data-form="sign-in"] button[type="submit"]');
  await page.waitForSelector('body[data-ready="true"]:not([data-page="sign-in"])');
  return page;
}
