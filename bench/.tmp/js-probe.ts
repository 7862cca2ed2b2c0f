import { contentHashOf, splitPersonalData } from '../../packages/event-store/src/content-fingerprint.ts';
import { eventHash } from '../../packages/event-store/src/hash-chain.ts';
import { referencesOf } from '../../packages/event-store/src/references.ts';
const N = 1000;
const evs = Array.from({ length: N }, (_, i) => ({ id: `t-abc-${i}`, type: 'TicketIssued', occurredAt: new Date(Date.now() - 60_000).toISOString(), data: { ticketId: `t-abc-${i}`, number: `A${i % 1000}`, serviceItemId: 'item1' } as Record<string, unknown> }));
function time(label: string, f: () => void) { for (let k = 0; k < 5; k++) f(); const t = performance.now(); for (let k = 0; k < 20; k++) f(); console.log(label, ((performance.now() - t) / 20).toFixed(2), 'ms per', N); }
time('split+refs', () => evs.map((e) => { const { data, contact } = splitPersonalData(e.type, e.data); return { ...e, data, contact, refs: referencesOf(e.type, data) }; }));
time('contentHash', () => evs.map((e) => contentHashOf({ type: e.type, occurredAt: e.occurredAt, data: e.data, personalRef: null })));
time('eventHash', () => { let prev = '0'.repeat(64); evs.forEach((e, i) => { prev = eventHash(prev, { hallId: 'h', position: i, id: e.id, type: e.type, occurredAt: e.occurredAt, recordedAt: e.occurredAt, clientId: 'c', schemaVersion: 1, data: e.data, personalRef: null }); }); });
time('stringify', () => JSON.stringify(evs.map((e, i) => ({ position: i, event_id: e.id, type: e.type, occurred_at_text: e.occurredAt, recorded_at: e.occurredAt, client_id: 'c', schema_version: 1, data: e.data, personal_ref: null, content_hash: 'x'.repeat(64), hash: 'x'.repeat(64), prev_hash: 'x'.repeat(64) }))));
time('rest', () => evs.map(({ id: _i, ...rest }) => rest));
time('split only', () => evs.map((e) => splitPersonalData(e.type, e.data)));
time('refs only', () => evs.map((e) => referencesOf(e.type, e.data)));
time('spread only', () => evs.map((e) => ({ ...e, data: e.data, contact: undefined })));
time('split+refs again', () => evs.map((e) => { const { data, contact } = splitPersonalData(e.type, e.data); return { ...e, data, contact, refs: referencesOf(e.type, data) }; }));
