import type { MessageKey } from '@hall/messages';
import type { BoardFrame } from '../api.ts';
import { findingsPage } from './findings-page.ts';
import { periodsPage } from './periods-page.ts';
import { appealsPage } from './appeals-page.ts';
import { myWindowPage } from './my-window-page.ts';
import { auditPage } from './audit-page.ts';
import { boardLinksPage } from './board-links-page.ts';

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

/** Each role's menu: what its token may do in the API, nothing more. */
export function pagesFor(role: BoardFrame['viewer']['role']): ConsolePage[] {
  switch (role) {
    case 'supervisor':
    case 'admin':
      return [findings, periods, appeals, boards];
    case 'inspector':
    case 'section':
      return [findings, boards];
    case 'window_head':
      return [myWindow, appeals, boards];
    case 'auditor':
      return [audit, periods, boards];
    case 'dashboard':
      return [boards];
    case 'queue':
    case 'kiosk':
      return [];
    default: {
      const unknownRole: never = role;
      return unknownRole;
    }
  }
}
