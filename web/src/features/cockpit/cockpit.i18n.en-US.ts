/** Strings of a park's goal cards (statistics.cockpit.zoneGoals): the district's goals, seen from one zone. */
export const cockpitZoneGoalsEnUS = {
  note: "The goals are the district's; a zone's cards show its own values and their share of the district targets, without a verdict.",
  districtTarget: 'District goal',
  valueIn: 'Our zone, {{year}}',
  shareOf: "of the district's {{year}} target of {{value}} (100M yuan)",
  latestIn: 'Our zone, {{year}}',
  ytd: 'Year to date, {{period}}',
  growth: 'Comparable growth',
  actualCagr: "Our zone's actual CAGR ({{from}}–{{to}})",
};
