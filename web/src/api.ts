import type { ProblemDetails, Role } from '@hall/contracts';
import { i18n } from './i18n.ts';

/**
 * The display board's token comes in `?token=` (a screen has no one to sign
 * in); the console's is kept in the browser session (sessionStorage), never
 * in the address, and the pages it opens read it from there.
 */
export const params = new URLSearchParams(location.search);
export const SESSION_TOKEN = 'hall.token';
export const tokenInUrl = params.has('token');
export let token = params.get('token') ?? sessionStorage.getItem(SESSION_TOKEN) ?? '';

export function signIn(value: string): void {
  token = value;
  sessionStorage.setItem(SESSION_TOKEN, value);
}
export function signOut(): void {
  token = '';
  sessionStorage.removeItem(SESSION_TOKEN);
}

/** A page address that carries the token only when this page got it in its own address (the board's screens). */
export function pageHref(path: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams(tokenInUrl ? { token, ...query } : query);
  return `${path}?${q}`;
}

const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'accept-language': i18n.locale, ...extra });

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
  const res = await fetch(path, { headers: cached ? headers({ 'if-none-match': cached.etag }) : headers(), cache: 'no-store' });
  if (res.status === 304 && cached) return { body: cached.body as T, changed: false };
  if (!res.ok) throw await apiError(res);
  const body = (await res.json()) as T;
  const etag = res.headers.get('etag');
  if (etag) cache.set(path, { etag, body });
  return { body, changed: true };
}

/** GET a streamed body (NDJSON); a refusal throws an ApiError like the JSON reads. */
export async function getStream(path: string, accept: string): Promise<ReadableStream<Uint8Array>> {
  const res = await fetch(path, { headers: headers({ accept }), cache: 'no-store' });
  if (!res.ok || !res.body) throw await apiError(res);
  return res.body;
}

/** POST as JSON; a refusal throws an ApiError carrying the problem body (its `errors[].path` name the fields). */
export async function postJson<T>(path: string, payload: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json' }),
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
  viewer: { role: Role | 'admin'; windowId: string | null; staffId?: string | null; staffName?: string | null };
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
