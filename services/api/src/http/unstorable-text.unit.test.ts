import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableReason } from './unstorable-text.ts';

describe('text PostgreSQL cannot store as sent', () => {
  it('finds NUL and lone surrogates, and lets other text through', () => {
    expect(unstorableReason('a\u0000b')).toContain('NUL');
    expect(unstorableReason('a\uD800')).toContain('surrogate');
    expect(unstorableReason('\uDC00a')).toContain('surrogate');
    for (const fine of ['', 'plain', '𠜎 emoji 😀', '\u0007\u001b[31m\r\n\t', '\u202E']) expect(unstorableReason(fine)).toBeUndefined();
  });

  it('names the first bad field by JSON Pointer, keys included, escaping ~ and /', () => {
    expect(findUnstorableText({ events: [{ data: { ok: 'x' } }, { data: { 'a/b~': 'x\u0000' } }] })).toEqual({
      path: '/events/1/data/a~1b~0',
      message: expect.stringContaining('NUL'),
    });
    expect(findUnstorableText({ ['k\uD800']: 1 })).toEqual({ path: '/k\uD800', message: expect.stringContaining('key') });
    expect(findUnstorableText('x\u0000')).toEqual({ path: '', message: expect.stringContaining('NUL') });
    expect(findUnstorableText({ a: [1, null, true, { b: 'fine' }] })).toBeUndefined();
  });

  it('walks a deeply nested value without exhausting the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50; i += 1) deep = [deep];
    expect(findUnstorableText(deep)?.path).toBe('/0'.repeat(50));
    let deeper: unknown = 'fine';
    for (let i = 0; i < 200_000; i += 1) deeper = [deeper];
    expect(findUnstorableText(deeper)).toBeUndefined();
    let deepBad: unknown = '\u0000';
    for (let i = 0; i < 20_000; i += 1) deepBad = { a: deepBad };
    expect(findUnstorableText(deepBad)?.path).toHaveLength(20_000 * 2);
  });
});
