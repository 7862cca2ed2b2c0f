/**
 * The CLI's human messages on stderr (services/cli). `cli.text.*` are keyed by
 * the English text the commands raise (as problem details are), so the
 * raising sites stay plain English and main.ts translates what it prints.
 */
export const cliZh = {
  'cli.usage':
    '用法：hall <命令>   （或：pnpm --silent cli <命令>）\n  export --hall 大厅编号 --to 文件              导出完整历史、检查点和公钥（一个 NDJSON 文件）\n  audit verify --hall 大厅编号 [--from-checkpoint 文件] [--public-key PEM]\n                                               核验事件链和每个检查点的签名；给出文件（导出文件或 GET .../audit/checkpoints 的 JSON）时，\n                                               还能发现其后被截断或改写的历史\n  audit verify --file 导出文件 [--public-key PEM] 离线核验导出文件，无需数据库\n  audit replay --hall 大厅编号 --period YYYY-MM [--version N]\n  rebuild [--hall 大厅编号]                     删除并重新生成得分视图\n  hall backup --hall 大厅编号 --to 文件          导出内容加上联系方式、发布记录、客户端令牌摘要（文件权限 0600）\n  hall restore --from 文件                       恢复到没有该大厅的数据库：核验事件链，重建得分视图\n  keygen                                        生成一把新的 Ed25519 签名密钥 SIGNING_KEY（一行 base64），附密钥编号和公钥\n与服务一样读取 DATABASE_URL / DATA_DIR / SIGNING_KEY。结果（JSON）输出到 stdout，进度和提示输出到 stderr。\n语言：--lang zh-CN|en，或环境变量 LANG（默认中文）。\n退出码：0 成功，1 核验或重算发现差异，2 用法或运行错误。',
  'cli.failed': '失败：{reason}',
  'cli.warning': '警告：{reason}',
  'cli.progress': '{task} {bar} {percent} {done}/{total} 个{unit} 每秒 {rate} 个 {eta}',
  'cli.eta': '预计剩余 {time}',
  'cli.elapsed': '用时 {time}',
  'cli.unit.events': '事件',
  'cli.unit.rows': '行',
  'cli.task.export': '导出',
  'cli.task.verify': '核验',
  'cli.task.backup': '备份',
  'cli.task.restore': '恢复',
  'cli.task.rebuild': '重建视图',
  'cli.text.required': '{command}：缺少 --{name}',
  'cli.text.unknownCommand': '未知命令“{command}”',
  'cli.text.period': '--period 应为 YYYY-MM',
  'cli.text.version': '--version 应为正整数',
  'cli.text.unknownHall': '没有大厅 {hallId}',
  'cli.text.noPublicKey': '{reason}；导出文件中不含公钥',
  'cli.text.backupRequired': 'hall backup：需要 --hall 和 --to',
  'cli.text.restoreRequired': 'hall restore：需要 --from',
  'cli.text.noHeader': '{file}：没有文件头，不是 pnpm cli export 的导出文件',
  'cli.text.empty': '{file}：文件为空',
  'cli.text.noKeyInExport': '{file}：导出文件中没有公钥，请用 --public-key 文件 指定',
} as const;
