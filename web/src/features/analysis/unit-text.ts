import type { TFunction } from 'i18next';

/** A goal's unit as the policy writes it (亿元) in the interface language; other units are shown as stored. */
export function unitText(unit: string, t: TFunction): string {
  return unit === '亿元' ? t('statistics.unitYi') : unit;
}
