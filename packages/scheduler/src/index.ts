// The webhook deliveries of bad-rating cases (decision 1711), on the same BullMQ / in-process split as the period schedule below.
export { webhookJobs, type WebhookJobs, type AttemptOutcome } from './webhooks/webhook-jobs.ts';
export { httpSender, type SendDelivery, type Outgoing } from './webhooks/http-sender.ts';
export { startWebhooks } from './webhooks/start-webhooks.ts';
export { startBullmqWebhooks, deliveryJobId, WEBHOOK_QUEUE } from './webhooks/bullmq-webhooks.ts';
export { startInProcessWebhooks } from './webhooks/in-process-webhooks.ts';
export { startWebhookSchedule } from './webhooks/webhook-schedule.ts';
// The period schedule, shared by the worker process and the all-in-one embedded start.
export type { PeriodJobs, Scheduler } from './scheduler.ts';
export { periodJobs } from './period-jobs.ts';
export { startScheduler } from './start-scheduler.ts';
export { startBullmqScheduler, QUEUE } from './bullmq-scheduler.ts';
export { startInProcessScheduler } from './in-process-scheduler.ts';
export { withBadRatingLoop } from './bad-rating-jobs.ts';
export { scheduleSettings } from './schedule-settings.ts';
