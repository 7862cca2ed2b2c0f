import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { LazyChildLogger } from './lazy-child-logger.ts';
import { redactingLoggerOptions } from './redaction.ts';

function logger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const parent = pino(redactingLoggerOptions(level), { write: (line: string) => lines.push(JSON.parse(line)) });
  return { parent, lines, childCalls: vi.spyOn(parent, 'child') };
}

describe('a request logger built on its first line', () => {
  it('builds no child for lines its level does not write', () => {
    const { parent, lines, childCalls } = logger('warn');
    const log = new LazyChildLogger(parent, { reqId: 'req-1' }, {});
    log.info({ url: '/x' }, 'incoming request');
    log.debug('detail');
    expect(childCalls).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it('writes through one child with the bindings and the redaction of a plain child', () => {
    const { parent, lines, childCalls } = logger('info');
    const log = new LazyChildLogger(parent, { reqId: 'req-2' }, {});
    log.info({ contact: '13800000000' }, 'first');
    log.warn('second %s', 'line');
    expect(childCalls).toHaveBeenCalledTimes(1);
    expect(lines.map(({ reqId, msg, contact }) => ({ reqId, msg, contact }))).toEqual([
      { reqId: 'req-2', msg: 'first', contact: '[REDACTED]' },
      { reqId: 'req-2', msg: 'second line', contact: undefined },
    ]);
  });

  it('keeps a level set on it for its own lines', () => {
    const { parent, lines } = logger('warn');
    const log = new LazyChildLogger(parent, { reqId: 'req-3' }, {});
    log.level = 'debug';
    log.debug('now written');
    expect(log.level).toBe('debug');
    expect(parent.level).toBe('warn');
    expect(lines.map((l) => l.msg)).toEqual(['now written']);
  });

  it('gives children of its own child', () => {
    const { parent, lines } = logger('info');
    const log = new LazyChildLogger(parent, { reqId: 'req-4' }, {});
    log.child({ step: 'append' }).info('nested');
    expect(lines.map(({ reqId, step }) => ({ reqId, step }))).toEqual([{ reqId: 'req-4', step: 'append' }]);
  });
});
