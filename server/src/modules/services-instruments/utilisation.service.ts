import type { Db } from '../../db/client.ts';
import { utilisationOf, type UserCategory } from '../../domain/services/booking.ts';
import type { Actor } from '../../app/actor.ts';
import { instrumentScope } from './instrument.policy.ts';
import { bookedMinutes, listInstruments } from './instrument.repository.ts';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Utilisation of each instrument in the actor's scope for a month (Shanghai calendar): available hours are
 * the open hours of every day of the month; booked = approved or completed; used = completed; the in-district
 * share of booked hours; refused = declined requests in the month (demand the district did not meet).
 */
export async function monthlyUtilisation(db: Db, actor: Actor, month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(y, m, 1) - 8 * 3600_000);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const instruments = await listInstruments(db, instrumentScope(actor), null);
  const booked = await bookedMinutes(db, instrumentScope(actor), from, to);
  const items = instruments.map(({ row, platformName }) => {
      const mine = booked.filter((b) => b.instrumentId === row.id);
      const u = utilisationOf({
        openMinutesPerDay: minutesOf(row.closesAt) - minutesOf(row.opensAt),
        days,
        bookings: mine.map((b) => ({ minutes: b.minutes, status: b.status, category: b.category as UserCategory })),
      });
      return { instrumentId: row.id, instrumentName: row.name, platformName, ...u, refused: mine.filter((b) => b.status === 'declined').length };
    });
  return { month, items, platforms: perPlatform(items) };
}

/** Sums per platform; the in-district share is weighted by booked hours (a share of shares would not be). */
function perPlatform(items: { platformName: string; availableHours: number; bookedHours: number; usedHours: number; inDistrictShare: number | null; refused: number }[]) {
  const groups = new Map<string, typeof items>();
  for (const i of items) groups.set(i.platformName, [...(groups.get(i.platformName) ?? []), i]);
  return [...groups.entries()].map(([platformName, list]) => {
    const sum = (f: (i: (typeof items)[number]) => number) => list.reduce((s, i) => s + f(i), 0);
    const available = sum((i) => i.availableHours);
    const booked = sum((i) => i.bookedHours);
    const inDistrict = sum((i) => (i.inDistrictShare ?? 0) * i.bookedHours);
    return {
      platformName,
      instruments: list.length,
      availableHours: available,
      bookedHours: booked,
      usedHours: sum((i) => i.usedHours),
      utilisation: available > 0 ? booked / available : null,
      inDistrictShare: booked > 0 ? inDistrict / booked : null,
      refused: sum((i) => i.refused),
    };
  });
}
