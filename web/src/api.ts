import type { ProblemDetails } from '@hall/contracts';

/** The token comes in `?token=`; the page itself is public, the data is not. */
export const params = new URLSearchParams(location.search);
export const token = params.get('token') ?? '';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<ProblemDetails>,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

const cache = new Map<string, { etag: string; body: unknown }>();

/**
 * GET with the bearer token and If-None-Match: an unchanged resource answers
 * 304 and costs no transfer; `changed` says whether the body is new.
 */
export async function getJson<T>(path: string): Promise<{ body: T; changed: boolean }> {
  const cached = cache.get(path);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (cached) headers['if-none-match'] = cached.etag;
  const res = await fetch(path, { headers, cache: 'no-store' });
  if (res.status === 304 && cached) return { body: cached.body as T, changed: false };
  if (!res.ok) throw await apiError(res);
  const body = (await res.json()) as T;
  const etag = res.headers.get('etag');
  if (etag) cache.set(path, { etag, body });
  return { body, changed: true };
}

export async function postJson<T>(path: string, payload: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  if (!res.ok) throw await apiError(res);
  return (await res.json()) as T;
}

async function apiError(res: Response): Promise<ApiError> {
  let problem: Partial<ProblemDetails> = {};
  try {
    problem = (await res.json()) as Partial<ProblemDetails>;
  } catch {
    // not a problem body: keep the status alone
  }
  return new ApiError(res.status, problem);
}

export interface BoardFrame {
  hall: { id: string; name: string; timezone: string; assessmentStartsOn: string };
  currentPeriod: string;
  latestFinalPeriod: string | null;
  months: Array<{ period: string; stage: Stage; version: number | null }>;
  viewer: { role: string; windowId: string | null };
}
export type Stage = 'open' | 'collecting' | 'preliminary' | 'final';
export interface WindowInfo {
  windowId: string;
  number: string;
  name: string;
  kind: 'approval' | 'public_service';
  departmentId: string;
  departmentName: string | null;
  closed: boolean;
}
export interface MonthAppeal {
  appealId: string;
  lineItemId: string;
  reason: string;
  filedAt: string;
  status: 'pending' | 'upheld' | 'rejected';
  decisionReason: string | null;
}

export const hallPath = (hallId: string) => `/v1/halls/${encodeURIComponent(hallId)}`;
