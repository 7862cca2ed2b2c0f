import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHashOf, instantOf, splitPersonalData } from './content-fingerprint.ts';
import { GENESIS_HASH, eventHash } from './hash-chain.ts';
import { referencesOf } from './references.ts';

describe('eventHash', () => {
  const e = {
    hallId: 'h1',
    position: 1,
    id: 'e1',
    type: 'TicketCalled',
    occurredAt: '2026-09-01T09:00:00+08:00',
    recordedAt: '2026-09-01T01:00:00.123Z',
    clientId: 'c1',
    schemaVersion: 1,
    data: { windowId: 'w1', ticketId: 't1', staffId: 's1' },
    personalRef: null,
  };

  it('is sha256 of the previous hash followed by the RFC 8785 form of the event', () => {
    const canonical =
      '{"clientId":"c1","data":{"staffId":"s1","ticketId":"t1","windowId":"w1"},"hallId":"h1","id":"e1",' +
      '"occurredAt":"2026-09-01T09:00:00+08:00","personalRef":null,"position":1,"recordedAt":"2026-09-01T01:00:00.123Z",' +
      '"schemaVersion":1,"type":"TicketCalled"}';
    const expected = createHash('sha256').update(GENESIS_HASH + canonical).digest('hex');
    expect(eventHash(GENESIS_HASH, e)).toBe(expected);
  });

  it('changes with the previous hash and with any field', () => {
    const base = eventHash(GENESIS_HASH, e);
    expect(eventHash('1'.repeat(64), e)).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...e, position: 2 })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...e, data: { ...e.data, staffId: 's2' } })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...e, data: { staffId: 's1', windowId: 'w1', ticketId: 't1' } })).toBe(base);
  });
});

describe('instantOf', () => {
  it('gives one key to one instant however it is written', () => {
    const key = '2026-09-01T01:00:00Z';
    for (const s of ['2026-09-01T09:00:00+08:00', '2026-09-01T01:00:00Z', '2026-09-01T01:00:00.000z', '2026-08-31T20:00:00-05:00', '2026-09-01T09:00:00+0800']) {
      expect(instantOf(s)).toBe(key);
    }
  });

  it('keeps fractions finer than a millisecond apart', () => {
    expect(instantOf('2026-09-01T01:00:00.0001Z')).not.toBe(instantOf('2026-09-01T01:00:00.0002Z'));
    expect(instantOf('2026-09-01T09:00:00.5+08:00')).toBe('2026-09-01T01:00:00.5Z');
  });
});

describe('personal data and content fingerprints', () => {
  it('takes contact out of ratings and complaints only', () => {
    expect(splitPersonalData('RatingSubmitted', { ratingId: 'r', contact: '138' })).toEqual({ data: { ratingId: 'r' }, contact: '138' });
    expect(splitPersonalData('RatingSubmitted', { ratingId: 'r' })).toEqual({ data: { ratingId: 'r' }, contact: undefined });
    expect(splitPersonalData('TicketCalled', { ticketId: 't' })).toEqual({ data: { ticketId: 't' }, contact: undefined });
  });

  it('fingerprints the instant, not its spelling', () => {
    const a = contentHashOf({ type: 'T', occurredAt: '2026-09-01T09:00:00+08:00', data: { x: 1 }, personalRef: null });
    const b = contentHashOf({ type: 'T', occurredAt: '2026-09-01T01:00:00Z', data: { x: 1 }, personalRef: null });
    const c = contentHashOf({ type: 'T', occurredAt: '2026-09-01T01:00:00Z', data: { x: 1 }, personalRef: 'ref' });
    expect(a).toBe(b);
    expect(c).not.toBe(b);
  });
});

describe('referencesOf', () => {
  it('names every organisation field with its path', () => {
    expect(referencesOf('TicketTransferred', { ticketId: 't', fromWindowId: 'w1', toWindowId: 'w2' })).toEqual([
      { kind: 'window', id: 'w1', path: '/fromWindowId' },
      { kind: 'window', id: 'w2', path: '/toWindowId' },
    ]);
    expect(referencesOf('CaseAccepted', { caseId: 'c', serviceItemId: 'si', windowId: 'w', staffId: 's', ticketId: 't' })).toEqual([
      { kind: 'service_item', id: 'si', path: '/serviceItemId' },
      { kind: 'window', id: 'w', path: '/windowId' },
      { kind: 'staff', id: 's', path: '/staffId' },
    ]);
    expect(referencesOf('PeerReviewSubmitted', { reviewerWindowId: 'a', targetWindowId: 'b', period: '2026-09', grade: 'good' })).toEqual([
      { kind: 'window', id: 'a', path: '/reviewerWindowId' },
      { kind: 'window', id: 'b', path: '/targetWindowId' },
    ]);
    expect(referencesOf('SubstituteAssigned', { leaveId: 'l', substituteStaffId: 's9' })).toEqual([
      { kind: 'staff', id: 's9', path: '/substituteStaffId' },
    ]);
  });

  it('takes only its own field names as references, never an inherited name such as constructor', () => {
    expect(referencesOf('TicketIssued', { constructor: 'x', toString: 'y', ticketId: 't', serviceItemId: 'si' })).toEqual([
      { kind: 'service_item', id: 'si', path: '/serviceItemId' },
    ]);
  });

  it('looks inside inspection findings and adjustment subjects', () => {
    expect(
      referencesOf('InspectionRecorded', {
        inspectionId: 'i',
        inspectorId: 'p',
        findings: [{ ruleCode: 'A_B', windowId: 'w1' }, { ruleCode: 'A_B', windowId: 'w2', staffId: 's2' }],
      }),
    ).toEqual([
      { kind: 'window', id: 'w1', path: '/findings/0/windowId' },
      { kind: 'window', id: 'w2', path: '/findings/1/windowId' },
      { kind: 'staff', id: 's2', path: '/findings/1/staffId' },
    ]);
    expect(referencesOf('ScoreAdjusted', { adjustmentId: 'a', subject: { type: 'window', id: 'w3' } })).toEqual([
      { kind: 'window', id: 'w3', path: '/subject/id' },
    ]);
  });

  it('does not count what an organisation event registers as a reference', () => {
    expect(referencesOf('DepartmentRegistered', { departmentId: 'd', name: 'n' })).toEqual([]);
    expect(referencesOf('WindowOpened', { windowId: 'w', departmentId: 'd' })).toEqual([{ kind: 'department', id: 'd', path: '/departmentId' }]);
    expect(referencesOf('WindowClosed', { windowId: 'w' })).toEqual([{ kind: 'window', id: 'w', path: '/windowId' }]);
    expect(referencesOf('TicketNoShow', { ticketId: 't' })).toEqual([]);
  });
});
