// Signed webhooks for bad-rating cases (decision 1711): registration, the outbox dispatcher, the delivery log. No HTTP client here.
export { webhookKinds, webhookDb, type WebhookKind, type DeliveryStatus, type WebhookDb, type WebhookTables } from './webhook-tables.ts';
export { putWebhook, listWebhooks, getWebhook, deleteWebhook, type WebhookInput, type WebhookDocument, type PutWebhookResult } from './webhooks.ts';
export { dispatchHall, hallsWithWebhooks, deliveryId, type DispatchReport } from './dispatch.ts';
export {
  listDeliveries,
  retryDelivery,
  pendingDeliveries,
  dueDeliveries,
  claimDelivery,
  recordAttempt,
  markFailed,
  backoffAfter,
  DEFAULT_RETRY_POLICY,
  type DeliveryDocument,
  type DeliveryRef,
  type RetryPolicy,
  type Claim,
  type AttemptResult,
} from './deliveries.ts';
export { signatureHeader, verifySignature, newWebhookSecret, SIGNATURE_HEADER } from './signature.ts';
export type { WebhookPayload } from './payload.ts';
