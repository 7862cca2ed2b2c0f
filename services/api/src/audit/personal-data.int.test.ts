import { eventHash } from '@hall/event-store';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTestApp, ev, finding, givenHallWithJanuary, moveTo, rating, type AuditTestApp } from './audit-app.test-helper.ts';

let a: AuditTestApp;
const logLines: any[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  a = await auditTestApp({ logger: pino({ level: 'info' }, sink) });
});
afterAll(() => a?.close());

async function hallWithContact(): Promise<{ hallId: string; ratingId: string; supervisor: string; dashboard: string; auditor: string }> {
  const r = rating(1, 'Zhang San 13900000000', 14);
  const hallId = await givenHallWithJanuary(a, [r]);
  const token = async (role: string) => (await a.call('POST', `/v1/halls/${hallId}/clients`, { name: role, role })).json.token as string;
  return { hallId, ratingId: r.id, supervisor: await token('supervisor'), dashboard: await token('dashboard'), auditor: await token('auditor') };
}

describe('personal data', () => {
  it('lets a supervisor read a contact, and logs the read without the contact', async () => {
    const h = await hallWithContact();
    const res = await a.call('GET', `/v1/halls/${h.hallId}/personal-data/${h.ratingId}`, undefined, h.supervisor);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ eventId: h.ratingId, contact: 'Zhang San 13900000000' });
    const line = logLines.find((l) => l.audit === 'personal_data_read' && l.eventId === h.ratingId);
    expect(line).toMatchObject({ hallId: h.hallId, clientId: expect.any(String), found: true });
    expect(JSON.stringify(logLines)).not.toContain('13900000000');
  });

  it('appends nothing to the history when contact data is read', async () => {
    const h = await hallWithContact();
    const before = (await a.call('GET', `/v1/halls/${h.hallId}`)).json.headPosition;
    await a.call('GET', `/v1/halls/${h.hallId}/personal-data/${h.ratingId}`, undefined, h.supervisor);
    expect((await a.call('GET', `/v1/halls/${h.hallId}`)).json.headPosition).toBe(before);
  });

  it('refuses dashboards and auditors', async () => {
    const h = await hallWithContact();
    for (const token of [h.dashboard, h.auditor]) {
      expect((await a.call('GET', `/v1/halls/${h.hallId}/personal-data/${h.ratingId}`, undefined, token)).status).toBe(403);
      expect((await a.call('DELETE', `/v1/halls/${h.hallId}/personal-data/${h.ratingId}`, undefined, token)).status).toBe(403);
    }
  });

  it('never returns the contact in the history, JSON or NDJSON', async () => {
    const h = await hallWithContact();
    const page = await a.call('GET', `/v1/halls/${h.hallId}/events?limit=1000`, undefined, h.auditor);
    const stored = (page.json.events as any[]).find((e) => e.id === h.ratingId);
    expect(stored.data).not.toHaveProperty('contact');
    expect(page.text).not.toContain('13900000000');
    const stream = await a.call('GET', `/v1/halls/${h.hallId}/events`, undefined, h.auditor, { accept: 'application/x-ndjson' });
    expect(stream.text).not.toContain('13900000000');
  });

  it('erases a contact: 204, then 404; verify and replay stay green', async () => {
    const h = await hallWithContact();
    await moveTo(a, h.hallId, '2026-01', 'final');
    const verifyBefore = (await a.call('GET', `/v1/halls/${h.hallId}/audit/verify`)).json;
    expect((await a.call('DELETE', `/v1/halls/${h.hallId}/personal-data/${h.ratingId}`, undefined, h.supervisor)).status).toBe(204);
    expect((await a.call('GET', `/v1/halls/${h.hallId}/personal-data/${h.ratingId}`, undefined, h.supervisor)).status).toBe(404);
    expect((await a.call('DELETE', `/v1/halls/${h.hallId}/personal-data/${h.ratingId}`, undefined, h.supervisor)).status).toBe(404);
    expect(logLines.some((l) => l.audit === 'personal_data_erase' && l.eventId === h.ratingId && l.erased === true)).toBe(true);
    const verifyAfter = (await a.call('GET', `/v1/halls/${h.hallId}/audit/verify`)).json;
    expect(verifyAfter).toEqual(verifyBefore);
    expect(verifyAfter.ok).toBe(true);
    for (const version of [1, 2]) {
      expect((await a.call('GET', `/v1/halls/${h.hallId}/audit/replay?period=2026-01&version=${version}`)).json).toMatchObject({ matches: true });
    }
  });

  it('answers 404 for an event that never had a contact', async () => {
    const h = await hallWithContact();
    expect((await a.call('GET', `/v1/halls/${h.hallId}/personal-data/no-such-event`, undefined, h.supervisor)).status).toBe(404);
  });
});

describe('EventVoided', () => {
  it('drops a voided finding\'s line item, and replay still matches', async () => {
    const wrong = finding('CON_QUARREL', 'w1', 15);
    const hallId = await givenHallWithJanuary(a, [wrong]);
    const itemsOf = async () => {
      const doc = await a.call('GET', `/v1/halls/${hallId}/periods/2026-01/windows/w1`);
      expect(doc.status).toBe(200);
      return (doc.json.lineItems as any[]).filter((li) => li.eventIds.includes(wrong.id));
    };
    expect(await itemsOf()).toHaveLength(1);
    const voided = await a.call('POST', `/v1/halls/${hallId}/events`, {
      events: [ev('EventVoided', { voidedEventId: wrong.id, reason: 'recorded against the wrong window' }, 16)],
    });
    expect(voided.status).toBe(200);
    expect(await itemsOf()).toHaveLength(0);
    await moveTo(a, hallId, '2026-01', 'final');
    expect(await itemsOf()).toHaveLength(0);
    const replay = await a.call('GET', `/v1/halls/${hallId}/audit/replay?period=2026-01&version=2`);
    expect(replay.json).toMatchObject({ matches: true, differences: [] });
    expect((await a.call('GET', `/v1/halls/${hallId}/audit/verify`)).json.ok).toBe(true);
  });
});

describe('NDJSON export of the history', () => {
  it('streams every event after `after` as one line each, with the JSON page\'s fields', async () => {
    const hallId = await givenHallWithJanuary(a, Array.from({ length: 30 }, (_, i) => rating(4, undefined, 10 + (i % 5))));
    const page = (await a.call('GET', `/v1/halls/${hallId}/events?after=3&limit=1000`)).json.events as any[];
    const res = await a.call('GET', `/v1/halls/${hallId}/events?after=3`, undefined, a.admin, { accept: 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(page.length);
    expect(lines).toEqual(page);
    expect(lines[0].position).toBe(4);
    // Everything the chain covers is on the page: an auditor recomputes each hash from it.
    expect(page.some((e) => typeof e.personalRef === 'string')).toBe(true);
    for (const { hash, prevHash, ...e } of page) expect(eventHash(prevHash, { ...e, hallId })).toBe(hash);
  });
});
