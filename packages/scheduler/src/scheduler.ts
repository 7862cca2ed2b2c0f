/** A running schedule: closes on stop, and says whether its backend answers (readiness). */
export interface Scheduler {
  close(): Promise<void>;
  readiness: () => Promise<{ ok: boolean; detail?: Record<string, unknown> }>;
}

/** What the schedule runs: the halls to look at, and the per-hall job. */
export interface PeriodJobs {
  hallsDue(): Promise<string[]>;
  advanceHall(hallId: string, now: Date): Promise<{ moved: Array<{ period: string; to: string }> }>;
}
