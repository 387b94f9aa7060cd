import type { Role } from '../../../../contracts/roles.ts';
import { isApiRequestError } from '../../app/api-error.ts';
import { listBookings, listRequests } from '../services/services.api.ts';
import { listItems } from '../supervision/supervision.api.ts';
import { listWarnings } from '../warnings/warnings.api.ts';
import type { Todo } from './workbench-card.tsx';

type T = (key: string, options?: Record<string, unknown>) => string;

/** Who meets warnings and 督办 (the menus' audience; the server scopes each answer to the role's own share). */
const OVERSIGHT: readonly Role[] = ['commission', 'leader', 'park', 'department'];
/** Who acknowledges and answers enterprise requests routed to them. */
const REQUEST_HANDLERS: readonly Role[] = ['commission', 'department', 'park', 'platform'];
/** Who decides instrument bookings. */
const BOOKING_APPROVERS: readonly Role[] = ['commission', 'platform'];

/**
 * A section of the workbench that may be unavailable (a feature switched off for the role answers 403): its
 * lines are left out rather than taking the reports' lines down with them. An aborted load still aborts.
 */
async function optional(load: () => Promise<Todo[]>, signal: AbortSignal): Promise<Todo[]> {
  try {
    return await load();
  } catch (cause) {
    if (signal.aborted || !isApiRequestError(cause) || cause.status !== 403) throw cause;
    return [];
  }
}

/** Open warnings (all, and the red ones) in the role's scope, each linking to the filtered warnings list. */
async function warningLines(t: T, signal: AbortSignal): Promise<Todo[]> {
  const [live, red] = await Promise.all([
    listWarnings({ status: 'live', page: 1, pageSize: 1 }, signal),
    listWarnings({ status: 'live', level: 'red', page: 1, pageSize: 1 }, signal),
  ]);
  return [
    { key: 'warnings', text: t('workbench.items.warnings'), count: live.total, to: '/warnings?status=live', urgent: false },
    { key: 'redWarnings', text: t('workbench.items.redWarnings'), count: red.total, to: '/warnings?status=live&level=red', urgent: true },
  ];
}

/** 督办 items of this year shown red in the role's scope; a department also gets its own items in all. */
async function supervisionLines(role: Role, t: T, signal: AbortSignal): Promise<Todo[]> {
  const { items } = await listItems(new Date().getFullYear(), signal);
  const lines: Todo[] = [{ key: 'redItems', text: t('workbench.items.redItems'), count: items.filter((i) => i.status === 'red').length, to: '/supervision?status=red', urgent: true }];
  if (role === 'department') lines.unshift({ key: 'myItems', text: t('workbench.items.myItems'), count: items.length, to: '/supervision', urgent: false });
  return lines;
}

/** Requests and bookings awaiting this user's action (or, for an enterprise, its own coming up). */
async function serviceLines(role: Role, t: T, signal: AbortSignal): Promise<Todo[]> {
  const requests = (status: 'submitted' | 'accepted' | 'replied') => listRequests({ status, page: 1, pageSize: 1 }, signal).then((p) => p.total);
  const bookings = async (status: 'requested' | 'approved') => (await listBookings({ status }, signal)).items;
  const requestsLink = (status: string) => `/services?tab=requests&status=${status}`;
  const bookingsLink = (status: string) => `/services?tab=instruments&bookingStatus=${status}`;
  const lines: Todo[] = [];
  if (role === 'enterprise') {
    const [replied, requested, approved] = await Promise.all([requests('replied'), bookings('requested'), bookings('approved')]);
    const now = Date.now();
    lines.push(
      { key: 'toRate', text: t('workbench.items.toRate'), count: replied, to: requestsLink('replied'), urgent: true },
      { key: 'myBookingsRequested', text: t('workbench.items.myBookingsRequested'), count: requested.length, to: bookingsLink('requested'), urgent: false },
      { key: 'myBookingsComing', text: t('workbench.items.myBookingsComing'), count: approved.filter((b) => Date.parse(b.start) > now).length, to: bookingsLink('approved'), urgent: false },
    );
  }
  if (REQUEST_HANDLERS.includes(role)) {
    const [submitted, accepted] = await Promise.all([requests('submitted'), requests('accepted')]);
    lines.push(
      { key: 'toAccept', text: t('workbench.items.toAccept'), count: submitted, to: requestsLink('submitted'), urgent: true },
      { key: 'toReply', text: t('workbench.items.toReply'), count: accepted, to: requestsLink('accepted'), urgent: true },
    );
  }
  if (BOOKING_APPROVERS.includes(role)) {
    const requested = await bookings('requested');
    lines.push({ key: 'bookingsToDecide', text: t('workbench.items.bookingsToDecide'), count: requested.length, to: bookingsLink('requested'), urgent: true });
  }
  return lines;
}

/** The workbench's lines beyond the reports: warnings, red 督办 items and services, for the roles that have them. */
export async function actionLinesOf(role: Role, t: T, signal: AbortSignal): Promise<Todo[]> {
  const sections = await Promise.all([
    OVERSIGHT.includes(role) ? optional(() => warningLines(t, signal), signal) : [],
    OVERSIGHT.includes(role) ? optional(() => supervisionLines(role, t, signal), signal) : [],
    role === 'enterprise' || REQUEST_HANDLERS.includes(role) ? optional(() => serviceLines(role, t, signal), signal) : [],
  ]);
  return sections.flat();
}
