import ical from 'ical-generator';
import type { BookingView } from '../../../../contracts/services.ts';

const STATUS_ZH: Record<string, string> = { requested: '待审批', approved: '已通过', completed: '已完成' };

/** The caller's bookings as an iCalendar feed (only live and completed ones: a declined slot is not in anyone's diary). */
export function bookingsCalendar(name: string, bookings: readonly BookingView[]): string {
  const calendar = ical({ name, timezone: 'Asia/Shanghai', prodId: { company: 'jinshan-biomfg', product: 'instrument-bookings', language: 'ZH' } });
  for (const b of bookings) {
    if (!(b.status in STATUS_ZH)) continue;
    calendar.createEvent({
      id: `booking-${b.id}@jinshan-biomfg`,
      start: new Date(b.start),
      end: new Date(b.end),
      summary: `${b.instrumentName}(${STATUS_ZH[b.status]})`,
      location: b.platformName,
      description: `${b.enterpriseName} · ${b.pricePerHour} 元/小时 · 合计 ${b.amount} 元${b.purpose ? `\n${b.purpose}` : ''}`,
    });
  }
  return calendar.toString();
}

/** An instrument's busy slots as a feed anyone who may see the catalogue can subscribe to: times only, no booker. */
export function instrumentCalendar(name: string, slots: readonly { start: Date; end: Date; status: string }[]): string {
  const calendar = ical({ name, timezone: 'Asia/Shanghai', prodId: { company: 'jinshan-biomfg', product: 'instrument-bookings', language: 'ZH' } });
  for (const [i, s] of slots.entries()) {
    calendar.createEvent({ id: `slot-${s.start.getTime()}-${i}@jinshan-biomfg`, start: s.start, end: s.end, summary: `${name} 已预约` });
  }
  return calendar.toString();
}
