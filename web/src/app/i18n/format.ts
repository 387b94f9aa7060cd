import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../../../../contracts/roles.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { INDICATOR_UNITS_EN, type IndicatorUnit } from '../../../../contracts/indicators.ts';

const EMPTY = '—';

export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return EMPTY;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', hour12: false }).format(date);
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return EMPTY;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number | null | undefined, language: string, digits?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY;
  const options: Intl.NumberFormatOptions = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return new Intl.NumberFormat(language, options).format(value);
}

export function roleLabel(role: Role | null | undefined, language: string): string {
  if (!role) return language.startsWith('en') ? 'No role assigned' : '未分配角色';
  const label = ROLE_LABELS[role];
  return language.startsWith('en') ? label.en : label.zh;
}

/** Locale-aware formatters bound to the current UI language (re-render on language change). */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    language,
    isEnglish: language.startsWith('en'),
    dateTime: (value: string | null | undefined) => formatDateTime(value, language),
    date: (value: string | null | undefined) => formatDate(value, language),
    number: (value: number | null | undefined, digits?: number) => formatNumber(value, language, digits),
    role: (role: Role | null | undefined) => roleLabel(role, language),
    unit: (unit: IndicatorUnit) => (language.startsWith('en') ? INDICATOR_UNITS_EN[unit] : unit),
    /** A field label with its unit: 「营业收入（万元）」, "Operating revenue (10k yuan)". */
    withUnit: (label: string, unit: IndicatorUnit) => (language.startsWith('en') ? `${label} (${INDICATOR_UNITS_EN[unit]})` : `${label}（${unit}）`),
  };
}
