import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '@hall/testing';
import type { TestStore } from '@hall/testing';
import { authenticateClient, createClient, parseClientToken, revokeClient } from './clients.ts';
import { getSetting, setSetting, setSettingOnce } from './settings.ts';
import { givenHall } from './test-events.ts';

/** createClient for a name known to be free. */
async function issued(...args: Parameters<typeof createClient>): Promise<{ clientId: string; token: string }> {
  const outcome = await createClient(...args);
  if (!outcome.ok) throw new Error(outcome.code);
  return outcome;
}

describe.each(storeBackends)('client tokens and settings on $backend', ({ create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  it('authenticates a token, and not once it is revoked', async () => {
    const hallId = await givenHall(t.db, { withOrganisation: false });
    const { clientId, token } = await issued(t.db, { hallId, name: 'Kiosk 1', role: 'kiosk', windowId: 'w1' });
    expect(parseClientToken(token)).toEqual({ hallId, clientId });
    expect(await authenticateClient(t.db, token)).toMatchObject({
      hall_id: hallId,
      client_id: clientId,
      role: 'kiosk',
      window_id: 'w1',
      section: null,
      revoked_at: null,
    });
    const stored = await t.db.selectFrom('clients').select('token_hash').where('client_id', '=', clientId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.split('.')[2]);

    expect(await revokeClient(t.db, hallId, clientId)).toBe(true);
    expect(await revokeClient(t.db, hallId, clientId)).toBe(false);
    expect(await authenticateClient(t.db, token)).toBeUndefined();
  });

  it('refuses a wrong secret, a malformed token and a token pointed at another hall', async () => {
    const hallA = await givenHall(t.db, { withOrganisation: false });
    const hallB = await givenHall(t.db, { withOrganisation: false });
    const a = await issued(t.db, { hallId: hallA, name: 'Section', role: 'section', section: 'supervision' });
    const b = await issued(t.db, { hallId: hallB, name: 'Queue', role: 'queue' });
    const [, , secret] = a.token.split('.');
    const wrongSecret = a.token.replace(secret, secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'));
    expect(await authenticateClient(t.db, wrongSecret)).toBeUndefined();
    expect(await authenticateClient(t.db, 'Bearer nonsense')).toBeUndefined();
    expect(await authenticateClient(t.db, '')).toBeUndefined();
    // Hall A's token re-addressed to hall B (even to a real client there) is worthless.
    const hallBPart = Buffer.from(hallB).toString('base64url');
    expect(await authenticateClient(t.db, `hat_${hallBPart}.${a.clientId}.${secret}`)).toBeUndefined();
    expect(await authenticateClient(t.db, `hat_${hallBPart}.${b.clientId}.${secret}`)).toBeUndefined();
    expect((await authenticateClient(t.db, a.token))?.hall_id).toBe(hallA);
    expect((await authenticateClient(t.db, b.token))?.hall_id).toBe(hallB);
  });

  it('keeps one active client per name in a hall; revoking frees the name (decision 1801)', async () => {
    const hallA = await givenHall(t.db, { withOrganisation: false });
    const hallB = await givenHall(t.db, { withOrganisation: false });
    const first = await issued(t.db, { hallId: hallA, name: 'Board', role: 'dashboard' });
    expect(await createClient(t.db, { hallId: hallA, name: 'Board', role: 'auditor' })).toEqual({ ok: false, code: 'CLIENT_NAME_TAKEN' });
    // Names are per hall, and compared exactly.
    await issued(t.db, { hallId: hallB, name: 'Board', role: 'dashboard' });
    await issued(t.db, { hallId: hallA, name: 'board', role: 'dashboard' });
    expect(await revokeClient(t.db, hallA, first.clientId)).toBe(true);
    const again = await issued(t.db, { hallId: hallA, name: 'Board', role: 'dashboard' });
    expect(await authenticateClient(t.db, again.token)).toMatchObject({ name: 'Board', revoked_at: null });
  });

  it('keeps service-wide settings', async () => {
    expect(await getSetting(t.db, 'admin_token_hash')).toBeUndefined();
    await setSetting(t.db, 'admin_token_hash', 'abc');
    await setSetting(t.db, 'admin_token_hash', 'def');
    expect(await getSetting(t.db, 'admin_token_hash')).toBe('def');
  });

  it('keeps the first of settings written once by processes starting together', async () => {
    const kept = await Promise.all(['first', 'second', 'third'].map((value) => setSettingOnce(t.db, 'generated_once', value)));
    const stored = await getSetting(t.db, 'generated_once');
    expect(['first', 'second', 'third']).toContain(stored);
    expect(kept).toEqual([stored, stored, stored]);
  });
});
