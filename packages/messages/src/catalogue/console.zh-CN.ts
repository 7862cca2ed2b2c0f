/** The supervision console (web/src/console/). */
export const consoleZh = {
  'console.title': '考核管理台',
} as const;
