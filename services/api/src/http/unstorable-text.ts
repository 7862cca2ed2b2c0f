import type { FieldError } from '@hall/contracts';
import { pointer } from './problem.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Values deeper than this are not walked further; zod rejects the shape anyway. */
const MAX_DEPTH = 64;

/** Why a string cannot be stored as PostgreSQL text, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  // PostgreSQL text and jsonb refuse U+0000: the query would fail as a 500.
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  // A lone surrogate is not Unicode: pg would store U+FFFD instead, and the
  // stored event would no longer hash to the chain entry computed from the request.
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogate)';
  return undefined;
}

/**
 * The first string (value or key) in a request part that cannot be stored,
 * as a field error whose path is a JSON Pointer into that part. Walks
 * iteratively, so a deeply nested body cannot exhaust the stack.
 */
export function findUnstorableText(value: unknown): FieldError | undefined {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) return { path: pointer(path), message: reason };
    } else if (current !== null && typeof current === 'object' && path.length < MAX_DEPTH) {
      for (const [key, inner] of Object.entries(current)) {
        const keyReason = unstorableReason(key);
        if (keyReason) return { path: pointer([...path, key]), message: `key ${keyReason}` };
        stack.push({ value: inner, path: [...path, key] });
      }
    }
  }
  return undefined;
}
