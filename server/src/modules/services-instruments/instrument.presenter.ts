import type { BookingView } from '../../../../contracts/services.ts';
import type { BookingListRow, InstrumentRow } from './instrument.repository.ts';

export function presentInstrument(item: { row: InstrumentRow; platformName: string; myTrainingExpiresOn: string | null }) {
  const r = item.row;
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    platformId: r.platformId,
    platformName: item.platformName,
    location: r.location,
    rules: r.rules,
    requiresTraining: r.requiresTraining,
    prices: { inDistrict: r.priceInDistrict, outside: r.priceOutside, academic: r.priceAcademic },
    opensAt: r.opensAt.slice(0, 5),
    closesAt: r.closesAt.slice(0, 5),
    myTrainingExpiresOn: item.myTrainingExpiresOn,
  };
}

export function presentBooking(item: BookingListRow): BookingView {
  const r = item.row;
  return {
    id: r.id,
    instrumentId: r.instrumentId,
    instrumentName: item.instrumentName,
    platformName: item.platformName,
    enterpriseName: item.enterpriseName,
    uscc: item.uscc,
    start: item.start.toISOString(),
    end: item.end.toISOString(),
    status: r.status as BookingView['status'],
    userCategory: r.userCategory,
    pricePerHour: r.pricePerHour,
    amount: r.amount,
    purpose: r.purpose,
    decisionNote: r.decisionNote,
    lateCancel: r.lateCancel,
    offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
    version: r.version,
  };
}
