import { errorCodes } from '@hall/contracts';

/**
 * The RFC 9457 body every 4xx and 5xx carries, with the service's own error
 * codes (docs/integration.md "Errors"). Written out rather than generated from
 * `problemDetails`, so that `code` lists the catalogue as an enum.
 */
export const problemSchema = {
  type: 'object',
  description: 'An RFC 9457 problem: `status` equals the HTTP status; `code` names the case, one per status and meaning.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', description: 'A URI naming the problem type (one per code)' },
    title: { type: 'string', description: "The code's title" },
    status: { type: 'integer', description: 'The HTTP status, repeated' },
    detail: { type: 'string', description: 'What went wrong with this request, for a person to read' },
    code: {
      type: 'string',
      enum: Object.keys(errorCodes),
      description: Object.entries(errorCodes)
        .map(([code, { status, title }]) => `${code} (${status}): ${title}`)
        .join('; '),
    },
    errors: {
      type: 'array',
      description: 'Every bad field, by JSON Pointer into the request (`/events/3/data/windowId`)',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;
