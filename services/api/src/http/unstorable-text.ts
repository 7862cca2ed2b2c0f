import type { FieldError } from '@hall/contracts';
import { pointer } from './problem.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;


/** Why a string cannot be stored as PostgreSQL text, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  // PostgreSQL text and jsonb refuse U+0000: the query would fail as a 500.
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  // A lone surrogate is not Unicode: pg would store U+FFFD instead, and the
  // stored event would no longer hash to the chain entry computed from the request.
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogate)';
  return undefined;
}

interface Visit {
  value: unknown;
  key?: string;
  parent?: Visit;
}

function pathOf(visit: Visit | undefined): string[] {
  const keys: string[] = [];
  for (let v = visit; v?.key !== undefined; v = v.parent) keys.push(v.key);
  return keys.reverse();
}

/**
 * The first string (value or key) in a request part that cannot be stored,
 * as a field error whose path is a JSON Pointer into that part. Walks the
 * whole value iteratively, each node once and its path built only when found,
 * so neither a deep nor a wide body (bounded by the body limit) is costly.
 */
export function findUnstorableText(value: unknown): FieldError | undefined {
  const stack: Visit[] = [{ value }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) return { path: pointer(pathOf(visit)), message: reason };
    } else if (current !== null && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        const keyReason = unstorableReason(key);
        if (keyReason) return { path: pointer([...pathOf(visit), key]), message: `key ${keyReason}` };
        stack.push({ value: inner, key, parent: visit });
      }
    }
  }
  return undefined;
}
