import type { workbenchZhCN } from './workbench.i18n.zh-CN.ts';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** English strings of the workbench (same keys as workbench.i18n.zh-CN.ts). */
export const workbenchEnUS: DeepStrings<typeof workbenchZhCN> = {
  title: 'Workbench',
  loading: 'Counting your to-dos…',
  nothing: 'Nothing to do right now',
  open: 'Open',
  items: {
    toApprove: "Reports awaiting the commission's approval",
    toReview: "Reports awaiting the park's review",
    awaitingPark: "Reports under the parks' review",
    returned: "Reports returned, awaiting the enterprise's correction",
    owing: 'Enterprises not reported or not approved for {{period}} (chasing)',
    drafts: 'Report drafts not yet submitted',
    nextDue: 'Report for {{period}} to file, due {{deadline}}',
    nextDueDone: 'Reported up to {{period}}; the next one after the month ends',
    myReturned: 'Reports returned to you, to correct and submit again',
    projects: 'Projects your department is responsible for',
    plan: 'Plan tasks and goal progress',
    warnings: 'Open warnings',
    redWarnings: 'Of which red',
    myItems: 'Supervision items of your department',
    redItems: 'Supervision items in red (overdue or far behind)',
    toAccept: 'Enterprise requests awaiting acknowledgement',
    toReply: 'Requests acknowledged, awaiting your answer',
    toRate: 'Requests answered, awaiting your rating',
    bookingsToDecide: 'Instrument bookings awaiting your decision',
    myBookingsRequested: "Instrument bookings awaiting the platform's decision",
    myBookingsComing: 'Approved instrument bookings still to come',
  },
};
