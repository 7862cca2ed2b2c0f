import type { ownZh } from './own.zh-CN.ts';

export const ownEn: Record<keyof typeof ownZh, string> = {
  'console.menu.myMonth': 'My month',
  'console.menu.myQuarter': 'My quarter',
  'console.menu.myYear': 'My year',
  'console.own.period': 'Period',
  'console.own.monthLead': 'Your monthly score, category scores and line items.',
  'console.own.quarterLead': 'Your quarterly assessment: peer review, satisfaction and monthly mean.',
  'console.own.yearLead': 'Your annual score, grade and the ten service stars.',
  'console.rules.formHint': 'Change each rule’s name, points, cap and whether it is on; other fields are edited as JSON under “Advanced”.',
  'console.rules.field.enabled': 'On',
  'console.rules.field.name': 'Name',
  'console.rules.field.points': 'Points',
  'console.rules.field.pointsPerDay': 'Points per day',
  'console.rules.field.pointsPerHalfDay': 'Points per half day',
  'console.rules.field.pointsPerPercent': 'Points per percentage point',
  'console.rules.field.below': 'Threshold (below)',
  'console.rules.field.cap': 'Cap',
  'console.rules.field.noCap': 'none',
  'console.rules.bandsInJson': 'Band points are edited under “Advanced”',
  'console.rules.advanced': 'Advanced: every rule as JSON',
  'console.rules.advancedHint': 'While open, this JSON is what is published; closing it loads it into the form above.',
};
