/** The cockpit's strings added beside the app dictionary's statistics.cockpit (spread into it). */
export const cockpitExtrasZhCN = {
  /** Drill-downs and top movers: what contribution and pull are relative to (SPEC §4). */
  relative: {
    scopeDistrict: '全区',
    scopeZone: '本园区',
    contributionOfScope: '贡献率（占{{scope}}增量）',
    pullOfScope: '拉动{{scope}}（百分点）',
    contributionOfCell: '贡献率（占本格增量）',
    pullOfCell: '拉动本格（百分点）',
    change: '增量（万元）',
    moversLegend: '增量为同口径 1—本月累计比上年同期的增加额（万元）；拉动 = 增量 ÷ {{scope}}上年同期基数（百分点）',
    declinersLegend: '减量为同口径 1—本月累计比上年同期的减少额（万元）；拉动 = 减量 ÷ {{scope}}上年同期基数（百分点）',
    increase: '增量',
    decrease: '减量',
    pullOn: '拉动{{scope}}',
    drillNote: '“本格”为「{{name}}」：贡献率 = 企业增量 ÷ 本格增量，拉动本格 = 企业增量 ÷ 本格上年同期基数；拉动{{scope}} = 企业增量 ÷ {{scope}}上年同期基数，与驾驶舱“拉动最大的企业”一致。',
    drillNoteSingle: '本格只有一家企业，它对本格的贡献率恒为 100%、拉动即其自身增速，不再列出；拉动{{scope}} = 企业增量 ÷ {{scope}}上年同期基数。',
    drillNoteScope: '贡献率 = 企业增量 ÷ {{scope}}增量；拉动 = 企业增量 ÷ {{scope}}上年同期基数（百分点）。',
    profile: '查看一企一档',
    /** The month has approved figures, but no comparable enterprise rose (fell): not "no data". */
    noRisers: '本期没有同口径累计增长的企业',
    noDecliners: '本期没有同口径累计下降的企业',
  },
  /** The month's reports are not all in: fewer reporters than the month before. */
  incomplete_one: '{{period}} 已审定 {{count}} 家企业的月报，上月为 {{previous}} 家：本月数据尚未收齐，当月值与累计值偏低；同口径增速只比较已报企业，不受影响。',
  incomplete_other: '{{period}} 已审定 {{count}} 家企业的月报，上月为 {{previous}} 家：本月数据尚未收齐，当月值与累计值偏低；同口径增速只比较已报企业，不受影响。',
  /** The month shown: closed (all reports in, or the deadline passed) or still in progress. */
  closedMonth: '已结束月份',
  inProgress: '未结束',
  inProgressNote: '{{period}} 尚未结束：月报未收齐且未过截止日（次月 {{day}} 日）。驾驶舱默认显示最近已结束月份 {{closed}}。',
  /** The headline: the YTD of every reporting enterprise; the growth on the comparable basis. */
  ytdDistrict: '全区累计（全部已报企业）',
  ytdZone: '本园区累计（全部已报企业）',
  comparableNote:
    '口径：累计值为全部已报企业 1—本月合计。同口径增速按统计部门“本期企业集合”计算：只比较本月已审定月报中填有该指标（0 也算）的企业，与这些企业自身上年同期累计相比；名义增速为各期全部企业合计之比，仅供参考。',
  /** The goals' 口径: how milestones and the baseline are set. */
  goalsNote:
    '口径：基期为规划发布年份的上一年（{{baseline}} 年）的全年实际值；基期至各目标年之间按几何插值（每年以相同增速）得出年度里程碑，{{firstTarget}} 年之后的里程碑由 {{firstTarget}} 年目标向下一目标年插值；完成率 = 本年累计 ÷ 本年里程碑，与时序进度（月份 ÷ 12）比较。',
  /** A park's goal cards: the district's goals, seen from one zone. */
  zoneGoals: {
    note: '发展目标为全区目标；本园区卡片显示本园区的数值及其占全区目标的比重，不作达标判断。',
    districtTarget: '区目标',
    valueIn: '{{year}}年本园区',
    shareOf: '占全区{{year}}年目标 {{value}} 亿元的',
    latestIn: '{{year}}年本园区',
    ytd: '{{period}} 累计',
    growth: '同口径增速',
    actualCagr: '本园区实际年均增速（{{from}}—{{to}}）',
  },
};
