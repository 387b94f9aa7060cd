import type { StatDimension } from '../../../../contracts/statistics.ts';

/** Aggregates are shown in 亿元 (SPEC §4): stored amounts are 万元. */
export const toYi = (wan: number | null | undefined): number | null => (wan === null || wan === undefined ? null : wan / 10_000);

export function fmtAmount(value: number | null | undefined, language: string, digits = 2): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A fraction as a percentage with a sign (0.123 → +12.3%). */
export function fmtPct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  const v = value * 100;
  return `${v > 0 ? '+' : ''}${v.toFixed(digits)}%`;
}

export function fmtPp(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value > 0 ? '+' : ''}${value.toFixed(2)}`;
}

export const growthColor = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v < 0 ? '#cf1322' : '#237804');

export const DIMENSIONS = ['domain', 'zone', 'node', 'stage', 'scale', 'tag', 'carrier', 'enterprise'] as const satisfies readonly StatDimension[];

/** The last complete month before today, as YYYY-MM. */
export function lastCompletePeriod(now = new Date()): string {
  const y = now.getFullYear();
  const m = now.getMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

/** A group's display name in the UI language (the server sends both). */
export const groupName = (row: { key: string; nameEn: string }, language: string): string => (language.startsWith('en') ? row.nameEn : row.key);
