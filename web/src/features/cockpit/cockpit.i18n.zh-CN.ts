/** Strings of a park's goal cards (statistics.cockpit.zoneGoals): the district's goals, seen from one zone. */
export const cockpitZoneGoalsZhCN = {
  note: '发展目标为全区目标；本园区卡片显示本园区的数值及其占全区目标的比重，不作达标判断。',
  districtTarget: '区目标',
  valueIn: '{{year}}年本园区',
  shareOf: '占全区{{year}}年目标 {{value}} 亿元的',
  latestIn: '{{year}}年本园区',
  ytd: '{{period}} 累计',
  growth: '同口径增速',
  actualCagr: '本园区实际年均增速（{{from}}—{{to}}）',
};
