import { SIGNATURE_HEADER, signatureHeader, type AttemptResult } from '@hall/assessment';

export interface Outgoing {
  url: string;
  secret: string;
  payload: string;
  deliveryId: string;
  kind: string;
}

/** Sends one attempt: 2xx is delivered, anything else (status, refused connection, timeout) a failed attempt. */
export type SendDelivery = (out: Outgoing, at: Date) => Promise<AttemptResult>;

/**
 * The one HTTP client of the webhooks (an adapter: the use cases know none).
 * The body is the stored payload text, signed over `t.body` at send time;
 * redirects are not followed, so a signed body goes only to the registered URL.
 */
export function httpSender(timeoutMs: number): SendDelivery {
  return async (out, at) => {
    try {
      const response = await fetch(out.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'hall-assessment-webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(out.secret, out.payload, at),
          'x-hall-delivery': out.deliveryId,
          'x-hall-event': out.kind,
        },
        body: out.payload,
      });
      // The receiver's body is not needed; drain it so the connection is reused.
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, responseCode: response.status, error: ok ? null : `HTTP ${response.status}` };
    } catch (err) {
      const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      return { ok: false, responseCode: null, error: cause };
    }
  };
}
