import type { consoleZh } from './console.zh-CN.ts';

export const consoleEn: Record<keyof typeof consoleZh, string> = {
  'console.title': 'Assessment console',
};
