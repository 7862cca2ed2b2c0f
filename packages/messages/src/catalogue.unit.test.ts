import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { localizeProblem, messages, negotiateLocale, translateEnglishText, translator, type MessageKey } from './index.ts';

function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentNames(option.value, into);
    }
  }
  return into;
}

describe('the message catalogue', () => {
  const keys = Object.keys(messages['zh-CN']) as MessageKey[];

  it('holds every key in zh-CN and en, none empty, and nothing only in en', () => {
    expect(Object.keys(messages.en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(messages['zh-CN'][key].trim(), key).not.toBe('');
      expect(messages.en[key].trim(), key).not.toBe('');
    }
  });

  it('parses every message as ICU MessageFormat, with the same placeholders in both languages', () => {
    for (const key of keys) {
      const zh = argumentNames(parse(messages['zh-CN'][key], { ignoreTag: true }));
      const en = argumentNames(parse(messages.en[key], { ignoreTag: true }));
      expect([...zh].sort(), key).toEqual([...en].sort());
    }
  });

  it('names every rule of the default catalogue in both languages', () => {
    const zh = translator('zh-CN');
    expect(zh.t('rule.CON_BADGE_UNIFORM.name')).toBe('未佩戴工作牌或未穿工作服');
    expect(translator('en').t('rule.CON_BADGE_UNIFORM.name')).toBe('No badge or uniform');
    expect(zh.maybe('rule.HALL_OWN_RULE.name')).toBeUndefined();
  });
});

describe('choosing the language', () => {
  it('prefers Chinese, follows the q-values, and falls back to zh-CN', () => {
    expect(negotiateLocale(undefined)).toBe('zh-CN');
    expect(negotiateLocale('')).toBe('zh-CN');
    expect(negotiateLocale('en-US,en;q=0.9')).toBe('en');
    expect(negotiateLocale('fr, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('de')).toBe('zh-CN');
    expect(negotiateLocale(['en-GB', 'zh-CN'])).toBe('en');
  });

  it('formats months, scores and percentages with Intl', () => {
    expect(translator('zh-CN').month('2026-01')).toBe('2026年1月');
    expect(translator('en').month('2026-01')).toBe('January 2026');
    expect(translator('zh-CN').number(93.5, 2)).toBe('93.50');
    expect(translator('en').percent(0.975)).toBe('97.5%');
    // 2026-09-30T16:30Z is already 1 October in Shanghai (docs/domain.md §4.3).
    expect(translator('zh-CN').dateTime('2026-09-30T16:30:00Z', 'Asia/Shanghai')).toContain('2026年10月1日');
  });
});

describe('a problem body in the reader’s language', () => {
  const body = {
    type: 'https://hall-assessment.dev/problems/objection-window-closed',
    title: 'Objection window closed',
    status: 409,
    code: 'OBJECTION_WINDOW_CLOSED',
    detail: '2026-01 is final: appeals are filed during the objection window',
  };

  it('translates title and detail by code and English text, keeping codes, values and paths', () => {
    const zh = localizeProblem(body, 'zh-CN');
    expect(zh).toMatchObject({ code: 'OBJECTION_WINDOW_CLOSED', status: 409, type: body.type, title: '异议期已结束' });
    expect(zh.detail).toBe('2026-01 处于正式结果阶段：申诉须在异议期内提出');
    expect(localizeProblem(body, 'en')).toEqual(body);
  });

  it('translates field messages, zod’s included, and leaves unknown text in place', () => {
    const zh = localizeProblem(
      {
        ...body,
        code: 'VALIDATION_FAILED',
        title: 'Validation failed',
        detail: '2 problem(s) in the batch; nothing was stored',
        errors: [
          { path: '/events/0/data/windowId', message: 'unknown window "w-9"' },
          { path: '/events/1/data/level', message: 'Invalid input: expected number, received string' },
          { path: '/events/1/data/x', message: 'something new' },
        ],
      },
      'zh-CN',
    );
    expect(zh.detail).toBe('本批次有 2 处问题，未保存任何事件');
    expect(zh.errors).toEqual([
      { path: '/events/0/data/windowId', message: '窗口“w-9”不存在' },
      { path: '/events/1/data/level', message: '无效输入：应为 number，实际为 string' },
      { path: '/events/1/data/x', message: 'something new' },
    ]);
  });

  it('gives framework text the code’s general explanation in Chinese', () => {
    const zh = localizeProblem({ title: 'Body too large', code: 'BODY_TOO_LARGE', detail: 'Request body is too large' }, 'zh-CN');
    expect(zh).toEqual({ title: '请求内容过大', code: 'BODY_TOO_LARGE', detail: '请求内容超过允许的大小' });
  });

  it('prefers the most specific English template', () => {
    expect(translateEnglishText('Invalid input', 'zh-CN')).toBe('无效输入');
    expect(translateEnglishText('Invalid email address', 'zh-CN')).toBe('email address 格式无效');
  });
});
