/** The cockpit's strings added beside the app dictionary's statistics.cockpit (spread into it). */
export const cockpitExtrasEnUS = {
  /** The month's reports are not all in: fewer reporters than the month before. */
  incomplete: '{{period}}: reports of {{count}} enterprises approved so far, against {{previous}} the month before. The month is not complete yet, so its value and the year to date read low; comparable growth compares reporting enterprises only and is not affected.',
  /** A park's goal cards: the district's goals, seen from one zone. */
  zoneGoals: {
    note: "The goals are the district's; a zone's cards show its own values and their share of the district targets, without a verdict.",
    districtTarget: 'District goal',
    valueIn: 'Our zone, {{year}}',
    shareOf: "of the district's {{year}} target of {{value}} (100M yuan)",
    latestIn: 'Our zone, {{year}}',
    ytd: 'Year to date, {{period}}',
    growth: 'Comparable growth',
    actualCagr: "Our zone's actual CAGR ({{from}}–{{to}})",
  },
};
