/** The operations' groups, in the order a vendor meets them; every tag a route uses is listed here (a test checks it). */
export const openApiTags = [
  { name: 'health', description: 'Liveness and readiness for load balancers and orchestrators; no token.' },
  { name: 'halls', description: 'Service halls (政务服务中心 / 政务大厅): the tenant. Created by the platform operator.' },
  {
    name: 'access',
    description:
      "Client tokens of a hall, one per system and role: queue-number system (排队叫号), rating kiosk (评价器), inspector's app (督查), sections (督查科, 协调管理科, 信息技术科, 办公室), window heads (窗口负责人), staff (工作人员), dashboards and auditors.",
  },
  {
    name: 'events',
    description:
      'The facts that enter the service (事件上报): organisation, queue tickets, cases (办件), good-bad ratings (好差评), inspections (督查), complaints (投诉), attendance (出勤) and leave (请假 / 替岗), peer reviews (民主评议), commendations (锦旗, 感谢信), adjustments.',
  },
  {
    name: 'scores',
    description: 'Monthly window and staff scores (窗口 / 工作人员月度考核) with every line item (加分 / 扣分), rankings and honours (红旗窗口 / 先进窗口), rating statuses.',
  },
  {
    name: 'assessment',
    description: 'Quarterly and annual personal assessment (季度 / 年度考核): grades (优秀 / 称职 / 基本称职 / 不称职), the ten service stars (十佳服务明星) and the departments to notify.',
  },
  {
    name: 'periods',
    description: 'The month\'s lifecycle: open, collecting, preliminary (初步通报), final (正式通报), restated (更正通报); late events and bulletins (通报).',
  },
  { name: 'rules', description: 'The versioned rule catalogue (考核细则): categories, codes, points, caps and vetoes (一票否决).' },
  {
    name: 'bad-rating cases',
    description: 'The bad-rating loop (差评整改闭环): every counted 差评 is a case with a call-back (回访) and a rectification (整改) due on working days, one follow-up rating (追评) and a closing.',
  },
  { name: 'appeals', description: 'Appeals of line items (复核) during the objection window, and their decisions.' },
  { name: 'audit', description: 'The hash-chained history, its verification, signed checkpoints and replays, for auditors.' },
  { name: 'personal data', description: "Citizens' contact data in ratings and complaints (个人信息, PIPL): kept apart from the history, readable and erasable by supervisors." },
  {
    name: 'webhooks',
    description: 'Signed webhooks (HMAC-SHA256) that tell a hall\'s own systems when a bad-rating case (差评整改) opens, is due soon or is overdue, with retries and a delivery log.',
  },
  { name: 'board', description: 'What the display board (电子显示屏) and window pages read around the rankings.' },
] as const;
