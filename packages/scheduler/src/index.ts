// The period schedule, shared by the worker process and the all-in-one embedded start.
export type { PeriodJobs, Scheduler } from './scheduler.ts';
export { periodJobs } from './period-jobs.ts';
export { startScheduler } from './start-scheduler.ts';
export { startBullmqScheduler, QUEUE } from './bullmq-scheduler.ts';
export { startInProcessScheduler } from './in-process-scheduler.ts';
export { withBadRatingLoop } from './bad-rating-jobs.ts';
