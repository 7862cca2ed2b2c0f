import type { LoggerOptions } from 'pino';

/**
 * A query parameter named `token` (the board pages take their dashboard
 * token that way) with its value, wherever it appears in a log line: a URL in
 * `req`, in an error's `url`, in a message. Matched on the finished line, so
 * no log call can forget it; `%3D`-encoded `=` is covered too.
 */
const TOKEN_IN_QUERY = /([?&](?:access_)?token(?:=|%3[dD]))[^&"\s#\\]*/g;

export const REDACTED = '[REDACTED]';

/** Removes the value of every `token` query parameter in `text`. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_IN_QUERY, `$1${REDACTED}`);
}

/**
 * Fields that hold a secret or a citizen's personal data wherever a log call
 * might pass them: bearer and cookie headers, tokens, signing keys, and the
 * `contact` of a rating or complaint (docs/domain.md §10), at the top level,
 * one level down (`data.contact`) or in a batch's events.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  '*.token',
  'signingKey',
  'privateKey',
  'contact',
  '*.contact',
  '*.*.contact',
  'events[*].data.contact',
  'body.events[*].data.contact',
];

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
  routeOptions?: { url?: string };
}

/** Fastify's request fields, with the URL's token scrubbed and no headers (they carry the bearer token). */
export function requestSerializer(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: scrubTokens(req.url),
    host: req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * pino options every logger of the service uses: redacted paths, the request
 * serializer, and a last pass over each finished line that blanks any
 * `?token=` value left in free text.
 */
export function redactingLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { req: requestSerializer as (value: unknown) => unknown },
    hooks: { streamWrite: scrubTokens },
  };
}
