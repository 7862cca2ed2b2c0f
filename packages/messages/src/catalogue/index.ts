import { domainEn } from './domain.en.ts';
import { domainZh } from './domain.zh-CN.ts';
import { problemsEn } from './problems.en.ts';
import { problemsZh } from './problems.zh-CN.ts';
import { rulesEn } from './rules.en.ts';
import { rulesZh } from './rules.zh-CN.ts';
import { pagesEn } from './pages.en.ts';
import { pagesZh } from './pages.zh-CN.ts';
import { consoleEn } from './console.en.ts';
import { consoleZh } from './console.zh-CN.ts';
import { bulletinEn } from './bulletin.en.ts';
import { bulletinZh } from './bulletin.zh-CN.ts';
import { recordsEn } from './records.en.ts';
import { recordsZh } from './records.zh-CN.ts';
import { cliEn } from './cli.en.ts';
import { cliZh } from './cli.zh-CN.ts';
import { startEn } from './start.en.ts';
import { startZh } from './start.zh-CN.ts';
import { ownEn } from './own.en.ts';
import { openapiEn } from './openapi.en.ts';
import { openapiZh } from './openapi.zh-CN.ts';
import { ownZh } from './own.zh-CN.ts';
import type { Locale } from '../locale.ts';

const zhCN = { ...domainZh, ...rulesZh, ...problemsZh, ...pagesZh, ...consoleZh, ...recordsZh, ...bulletinZh, ...cliZh, ...startZh, ...ownZh, ...openapiZh };
export type MessageKey = keyof typeof zhCN;

/** Every message in both languages; the `Record` types make a key missing in either a compile error. */
export const messages: Record<Locale, Record<MessageKey, string>> = {
  'zh-CN': zhCN,
  en: { ...domainEn, ...rulesEn, ...problemsEn, ...pagesEn, ...consoleEn, ...recordsEn, ...bulletinEn, ...cliEn, ...startEn, ...ownEn, ...openapiEn },
};
