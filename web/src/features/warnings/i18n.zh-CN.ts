/** The warnings (预警) strings (Chinese, the reference). */
export const warningsZhCN = {
  title: '预警',
  subtitle: '共 {{count}} 条',
  tabs: { list: '预警列表', rules: '预警规则' },
  level: { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' },
  status: { open: '待签收', acknowledged: '已签收', handling: '处置中', resolved: '已办结', dismissed: '已排除', live: '未办结', closed: '已关闭' },
  owner: { park: '园区管委会', department: '责任单位', commission: '区经委' },
  subjectKind: { goal: '目标', zone: '功能区', domain: '领域', 'chain-node': '产业链环节', enterprise: '企业', project: '项目', report: '月报', 'supervision-item': '督办事项', 'enterprise-request': '企业诉求', 'carrier-lease': '载体租约' },
  columns: { level: '等级', rule: '规则', subject: '对象', zone: '功能区', period: '期间', status: '状态', opened: '发现时间', owner: '责任方' },
  filters: { status: '状态', level: '等级', rule: '规则', zone: '功能区', all: '全部' },
  detail: { title: '预警详情', explanation: '说明', events: '处置记录', attachments: '附件', escalated: '已升级 {{level}} 级', closeReason: '关闭原因' },
  event: { opened: '发现', updated: '更新', acknowledged: '签收', handling: '开始处置', note: '备注', resolved: '办结', dismissed: '排除', 'auto-closed': '条件消除自动关闭', escalated: '逾期升级' },
  actions: { acknowledge: '签收', handle: '开始处置', note: '添加备注', resolve: '办结', dismiss: '排除', noteLabel: '说明', noteRequired: '请填写说明', done: '已保存' },
  evaluate: '立即评估',
  evaluated: '评估完成：新开 {{opened}}，更新 {{updated}}，关闭 {{closed}}',
  rules: {
    code: '规则', subject: '对象', level: '默认等级', owner: '责任方', enabled: '启用', live: '未办结预警', version: '版本', params: '参数',
    escalate: '逾期升级天数', note: '修改说明', edit: '修改', history: '版本历史', hook: '由其他功能评估', save: '保存',
    confirmTitle: '确认修改？', confirmText_one: '此修改将新开 {{count}} 条预警（超过 {{threshold}} 条），确定保存？', confirmText_other: '此修改将新开 {{count}} 条预警（超过 {{threshold}} 条），确定保存？',
    preview: '试算：将新开 {{open}} 条，关闭 {{close}} 条，保留 {{stay}} 条', saved: '规则已保存（版本 {{version}}）', changedBy: '修改人',
  },
  param: {
    yellowPp: '黄色阈值（百分点）', redPp: '红色阈值（百分点）', minYears: '最少年数', marginPp: '容差（百分点）', indicators: '指标', indicator: '指标',
    dropPct: '降幅阈值（%）', keyDropPct: '重点企业降幅阈值（%）', minBaseWan: '最小基数（万元）', months: '连续月数', graceDays: '宽限天数', lookbackMonths: '回看月数',
  },
  indicator: { output: '工业总产值', revenue: '营业收入' },
  rollup_one: '预警 {{count}}', rollup_other: '预警 {{count}}',
};
