import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader, verifySignature } from './signature.ts';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ type: 'case_opened', deliveryId: 'whd-1' });
  const at = new Date('2026-12-01T08:00:00Z');

  it('signs t.body with HMAC-SHA256 in the Stripe-like header, and the receiver check accepts it', () => {
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=1796112000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, at)).toBe(true);
  });

  it('refuses another body, another secret, a stale timestamp and a malformed header', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(secret, `${body} `, header, at)).toBe(false);
    expect(verifySignature(newWebhookSecret(), body, header, at)).toBe(false);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc', at)).toBe(false);
  });
});
