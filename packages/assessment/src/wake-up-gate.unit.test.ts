import { describe, expect, it } from 'vitest';
import { WakeUpGate } from './wake-up-gate.ts';

describe('the projector thread wake-up gate (decision 1891)', () => {
  it('sends the first wake-up of a hall and holds back the rest until its batch falls due', () => {
    const gate = new WakeUpGate();
    expect(gate.admit('h1')).toBe(true);
    expect(gate.admit('h1')).toBe(false);
    expect(gate.admit('h1')).toBe(false);
    // Halls are apart.
    expect(gate.admit('h2')).toBe(true);
    expect([gate.sent, gate.heldBack]).toEqual([2, 2]);
  });

  it('sends again when the batch falls due after appends were held back (they may have missed its read)', () => {
    const gate = new WakeUpGate();
    gate.admit('h1');
    gate.admit('h1');
    expect(gate.due('h1')).toBe(true);
    // The one sent again is then on its way.
    expect(gate.admit('h1')).toBe(true);
    expect(gate.admit('h1')).toBe(false);
  });

  it('sends nothing more when no append came before the batch fell due, and the next append goes at once', () => {
    const gate = new WakeUpGate();
    gate.admit('h1');
    expect(gate.due('h1')).toBe(false);
    expect(gate.size).toBe(0);
    expect(gate.admit('h1')).toBe(true);
  });

  it('lets a wake-up with its own delay (a retry) through, and forgets everything when the thread dies', () => {
    const gate = new WakeUpGate();
    gate.admit('h1');
    expect(gate.admit('h1', 500)).toBe(true);
    gate.reset();
    expect(gate.admit('h1')).toBe(true);
  });

  it('ignores a batch that falls due for a hall it sent nothing for (the thread\'s own sweep)', () => {
    const gate = new WakeUpGate();
    expect(gate.due('h9')).toBe(false);
    expect(gate.size).toBe(0);
  });
});
