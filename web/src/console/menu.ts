import type { MessageKey } from '@hall/messages';
import type { BoardFrame } from '../api.ts';
import { findingsPage } from './findings-page.ts';
import { periodsPage } from './periods-page.ts';
import { appealsPage } from './appeals-page.ts';
import { myWindowPage } from './my-window-page.ts';
import { auditPage } from './audit-page.ts';
import { boardLinksPage } from './board-links-page.ts';
import { recordPage } from './record-page.ts';
import { attendanceActions, commendationActions, complaintActions, organisationActions } from './event-actions.ts';
import { rulesPage } from './rules-page.ts';
import { staffMonthPage } from './staff-month-page.ts';
import { ownMonthPage, ownQuarterPage, ownYearPage } from './own-pages.ts';

export interface ConsoleContext {
  hallId: string;
  frame: BoardFrame;
  /** `/v1/halls/{hallId}` */
  base: string;
}
export interface ConsolePage {
  id: string;
  title: MessageKey;
  render(ctx: ConsoleContext): Promise<HTMLElement>;
}

const findings: ConsolePage = { id: 'findings', title: 'console.menu.findings', render: findingsPage };
const periods: ConsolePage = { id: 'periods', title: 'console.menu.periods', render: periodsPage };
const appeals: ConsolePage = { id: 'appeals', title: 'console.menu.appeals', render: appealsPage };
const myWindow: ConsolePage = { id: 'my-window', title: 'console.menu.myWindow', render: myWindowPage };
const audit: ConsolePage = { id: 'audit', title: 'console.menu.audit', render: auditPage };
const boards: ConsolePage = { id: 'boards', title: 'console.menu.boards', render: boardLinksPage };
const attendance: ConsolePage = { id: 'attendance', title: 'console.menu.attendance', render: recordPage('attendance', attendanceActions) };
/** A window head approves and rejects its staff's leave and names substitutes; marking attendance is the section's. */
const leave: ConsolePage = { id: 'leave', title: 'console.menu.leave', render: recordPage('leave', attendanceActions.filter((a) => a.type !== 'AttendanceMarked')) };
const complaints: ConsolePage = { id: 'complaints', title: 'console.menu.complaints', render: recordPage('complaints', complaintActions) };
const commendations: ConsolePage = { id: 'commendations', title: 'console.menu.commendations', render: recordPage('commendations', commendationActions) };
const organisation: ConsolePage = { id: 'organisation', title: 'console.menu.organisation', render: recordPage('organisation', organisationActions) };
const rules: ConsolePage = { id: 'rules', title: 'console.menu.rules', render: rulesPage };
const staffMonth: ConsolePage = { id: 'staff-month', title: 'console.menu.staffMonth', render: staffMonthPage };
/** A staff token's own pages (decision 1601): exactly what the API lets it read. */
const myMonth: ConsolePage = { id: 'my-month', title: 'console.menu.myMonth', render: ownMonthPage };
const myQuarter: ConsolePage = { id: 'my-quarter', title: 'console.menu.myQuarter', render: ownQuarterPage };
const myYear: ConsolePage = { id: 'my-year', title: 'console.menu.myYear', render: ownYearPage };

/** Each role's menu: what its token may do in the API, nothing more. */
export function pagesFor(role: BoardFrame['viewer']['role']): ConsolePage[] {
  switch (role) {
    case 'supervisor':
    case 'admin':
      return [findings, periods, appeals, complaints, commendations, organisation, rules, staffMonth, boards];
    case 'inspector':
      return [findings, boards];
    case 'section':
      return [findings, attendance, complaints, commendations, staffMonth, boards];
    case 'window_head':
      return [myWindow, staffMonth, leave, appeals, boards];
    case 'auditor':
      return [audit, periods, staffMonth, boards];
    case 'dashboard':
      return [staffMonth, boards];
    case 'staff':
      return [myMonth, myQuarter, myYear];
    case 'queue':
    case 'kiosk':
      return [];
    default: {
      const unknownRole: never = role;
      return unknownRole;
    }
  }
}
