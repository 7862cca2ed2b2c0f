import { messages } from './catalogue/index.ts';
import { translateEnglishText } from './english-text.ts';

/**
 * Why a service process will not start, for stderr: no request has chosen
 * a language there, so each reason the catalogue knows is written in
 * Chinese first, then in English; one it does not know, once as raised.
 */
export function startRefusal(reasons: readonly string[]): string {
  const lines = reasons.flatMap((reason) => {
    const zh = translateEnglishText(reason, 'zh-CN');
    return zh === undefined || zh === reason ? [reason] : [zh, reason];
  });
  return `${messages['zh-CN']['start.invalidEnvironment']} / ${messages.en['start.invalidEnvironment']}\n  ${lines.join('\n  ')}\n`;
}
