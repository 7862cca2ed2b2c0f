import type { FieldError } from '@hall/contracts';
import { pointer } from './problem.ts';

interface IssueLike {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/**
 * Turns zod issues into field errors with JSON Pointers. Unknown keys are named
 * one by one (`/events/0/data/colour`), since nothing is silently dropped.
 */
export function fieldErrorsFromIssues(issues: readonly IssueLike[], prefix: readonly PropertyKey[] = []): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) {
        errors.push({ path: pointer([...prefix, ...issue.path, key]), message: 'unknown field' });
      }
    } else {
      errors.push({ path: pointer([...prefix, ...issue.path]), message: issue.message });
    }
  }
  return errors;
}
