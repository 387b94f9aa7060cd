/** The cockpit's strings added beside the app dictionary's statistics.cockpit (spread into it). */
export const cockpitExtrasEnUS = {
  /** Drill-downs and top movers: what contribution and pull are relative to (SPEC §4). */
  relative: {
    scopeDistrict: 'district',
    scopeZone: 'zone',
    contributionOfScope: 'Share of {{scope}} change',
    pullOfScope: 'Pull on {{scope}} (pp)',
    contributionOfCell: 'Share of cell change',
    pullOfCell: 'Pull on cell (pp)',
    change: 'Change (10k yuan)',
    moversLegend: 'Increase: comparable year to date minus the same months last year (10k yuan); pull = increase ÷ the {{scope}} base last year (pp)',
    declinersLegend: 'Decrease: comparable year to date minus the same months last year (10k yuan); pull = decrease ÷ the {{scope}} base last year (pp)',
    increase: 'Increase',
    decrease: 'Decrease',
    pullOn: 'pull on {{scope}}',
    drillNote: 'The cell is “{{name}}”: share of cell change = the enterprise’s change ÷ the cell’s change; pull on cell = its change ÷ the cell’s base last year; pull on {{scope}} = its change ÷ the {{scope}} base last year, as in the cockpit’s top movers.',
    drillNoteSingle: 'This cell has one enterprise: its share of the cell’s change is always 100% and its pull on the cell is its own growth, so neither is listed; pull on {{scope}} = its change ÷ the {{scope}} base last year.',
    drillNoteScope: 'Share = the enterprise’s change ÷ the {{scope}} change; pull = its change ÷ the {{scope}} base last year (pp).',
    profile: 'Open the enterprise profile',
    noRisers: 'No enterprise grew on the comparable basis this period',
    noDecliners: 'No enterprise declined on the comparable basis this period',
  },
  /** The month's reports are not all in: fewer reporters than the month before. */
  incomplete_one: '{{period}}: reports of {{count}} enterprise approved so far, against {{previous}} the month before. The month is not complete yet, so its value and the year to date read low; comparable growth compares reporting enterprises only and is not affected.',
  incomplete_other: '{{period}}: reports of {{count}} enterprises approved so far, against {{previous}} the month before. The month is not complete yet, so its value and the year to date read low; comparable growth compares reporting enterprises only and is not affected.',
  /** The month shown: closed (all reports in, or the deadline passed) or still in progress. */
  closedMonth: 'Closed month',
  inProgress: 'In progress',
  inProgressNote: '{{period}} is still in progress: not all reports are in and its deadline (day {{day}} of the next month) has not passed. The cockpit opens on the latest closed month, {{closed}}.',
  /** The headline: the YTD of every reporting enterprise; the growth on the comparable basis. */
  ytdDistrict: 'District year to date (all reporting enterprises)',
  ytdZone: 'Zone year to date (all reporting enterprises)',
  comparableNote:
    "Basis: the year to date is the sum over every reporting enterprise. Comparable growth follows the statistics bureau's current-period enterprise set: only enterprises whose approved report for the month has a value for the indicator (0 counts) are compared with their own figures of the same months last year. Nominal growth compares the totals of all enterprises in each period and is for reference only.",
  /** The goals' 口径: how milestones and the baseline are set. */
  goalsNote:
    "Basis: the baseline is the actual total of the year before the plan was issued ({{baseline}}). Between the baseline and each goal year, yearly milestones are interpolated geometrically (the same growth rate every year); after {{firstTarget}}, milestones are interpolated from the {{firstTarget}} target to the next goal year. Completion = year to date ÷ this year's milestone, compared with time progress (month ÷ 12).",
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
