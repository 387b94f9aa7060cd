// rowsOf is an engine helper and lives with the database (server/src/db/rows.ts); re-exported for the callers here.
export { rowsOf } from '../../db/rows.ts';

/** A NUMERIC column as text → integer 元 (1/10 000 of the unit), exactly: the text has at most 4 decimals. */
export function yuanOfNumeric(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const text = String(value).trim();
  const negative = text.startsWith('-');
  const [intPart = '0', fracPart = ''] = text.replace(/^[-+]/, '').split('.');
  const yuan = Number(intPart) * 10_000 + Number((fracPart + '0000').slice(0, 4));
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`amount too large to be handled exactly: ${text}`);
  return negative && yuan !== 0 ? -yuan : yuan;
}
