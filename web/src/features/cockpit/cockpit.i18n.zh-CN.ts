/** The cockpit's strings added beside the app dictionary's statistics.cockpit (spread into it). */
export const cockpitExtrasZhCN = {
  /** The month's reports are not all in: fewer reporters than the month before. */
  incomplete: '{{period}} 已审定 {{count}} 家企业的月报，上月为 {{previous}} 家：本月数据尚未收齐，当月值与累计值偏低；同口径增速只比较已报企业，不受影响。',
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
