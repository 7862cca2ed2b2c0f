import type { Stage } from './api.ts';

export const KIND = { approval: '行政审批窗口', public_service: '公共服务窗口' } as const;
export const HONOUR = { red_flag: '红旗窗口', advanced: '先进窗口' } as const;
export const STAGE: Record<Stage, string> = { open: '实时（未结束）', collecting: '数据收集中', preliminary: '初步通报（异议期）', final: '正式结果' };
export const CATEGORY: Record<string, string> = {
  attendance: '考勤纪律',
  cases: '业务办理',
  fees: '收费管理',
  archives_hygiene: '档案卫生',
  public_evaluation: '群众评议',
  bonus: '加分',
};
export const RATING_STATUS = { counted: '计入', unverified: '未核实', duplicate: '重复', suspicious: '可疑' } as const;
export const RATING_WHY = {
  counted: '有效评价，计入满意度',
  unverified: '无法对应已办结的业务，不计入',
  duplicate: '同一业务重复评价，只计一次',
  suspicious: '评价异常（疑似刷评），不计入',
} as const;
export const APPEAL_STATUS = { pending: '申诉处理中', upheld: '申诉成立（已撤销）', rejected: '申诉驳回' } as const;
export const LINE_STATUS = { counted: '计入', voided: '已撤销' } as const;

export const month = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
export const score = (n: number) => n.toFixed(2);
export const points = (n: number) => (n > 0 ? `+${n}` : String(n));

export const ERROR_TEXT: Record<number, string> = {
  401: '令牌无效或已撤销，请检查链接中的 token',
  403: '此令牌无权查看该内容',
  404: '未找到：大厅、窗口或月份不存在',
  409: '当前状态不允许此操作',
};
