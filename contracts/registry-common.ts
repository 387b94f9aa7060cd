import { z } from 'zod';

/**
 * Building blocks shared by the registry contracts (enterprises, projects, carriers, platforms, experts,
 * chains). The same schemas validate API requests, web forms and every row of an Excel import.
 *
 * Custom messages are Chinese (the default language, and the language of import error reports). Each is
 * declared with `msg(zh, en)`, which records its English translation so the web app can show it in English
 * (`englishMessage`); Zod's own messages come from its locales.
 */
const EN_MESSAGES = new Map<string, string>();

export function msg(zh: string, en: string): string {
  EN_MESSAGES.set(zh, en);
  return zh;
}

/** The English form of a custom Chinese message (or the message itself when none was declared). */
export function englishMessage(message: string): string {
  return EN_MESSAGES.get(message) ?? message;
}

export const referenceCodeSchema = z.string().trim().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, msg('代码格式有误', 'Invalid code')).max(64);

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

/** A calendar date as `YYYY-MM-DD`, checked to exist (no 2023-02-30). */
export const isoDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('日期格式应为 YYYY-MM-DD', 'Dates are written YYYY-MM-DD'))
  .refine(isRealDate, msg('日期不存在', 'No such date'));

/** Optional free text: blank becomes null, so "" and a missing cell mean the same. */
export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());

export const optionalDate = z.preprocess((v) => (v === '' ? null : v), isoDateSchema.nullable().optional());

/** Amounts in 万元: non-negative, at most 4 decimals (1 元), below 10^12. */
export const moneyWanSchema = z
  .number()
  .nonnegative(msg('金额不能为负数', 'Amounts cannot be negative'))
  .max(999_999_999_999, msg('金额过大，请检查单位（万元）', 'The amount is too large; check the unit (10k CNY)'))
  .refine((v) => Math.abs(Math.round(v * 10_000) - v * 10_000) < 1e-6, msg('金额最多保留4位小数（万元）', 'At most 4 decimals (10k CNY)'));

/** Areas in m²: non-negative, at most 2 decimals. */
export const areaSchema = z
  .number()
  .nonnegative(msg('面积不能为负数', 'Areas cannot be negative'))
  .max(100_000_000, msg('面积过大，请检查单位（平方米）', 'The area is too large; check the unit (m²)'));

/** Mobile (11 digits) or fixed-line numbers, with an optional area code and extension. */
/**
 * The masked forms the API shows personal values in (138****5678, ****0000, z***@example.cn). An edit form
 * sends them back unchanged; the server then keeps the stored value the mask stands for, and refuses a mask
 * that stands for no stored value (docs/security/cryptography.md).
 */
export const MASKED_PHONE = /^(1\d{2}\*{4}\d{4}|\*{1,8}\d{4}|\*{4})$/;
export const MASKED_EMAIL = /^[^\s@*]\*{3}@[^\s@]+$/;

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8}|1\d{2}\*{4}\d{4}|\*{1,8}\d{4}|\*{4})$/, msg('电话号码格式有误', 'Invalid phone number'));

const plainEmail = z.string().email();
/** An e-mail address, or the masked form the API showed it in. */
export const emailSchema = z
  .string()
  .trim()
  .max(128)
  .refine((v) => MASKED_EMAIL.test(v) || plainEmail.safeParse(v).success, msg('电子邮箱格式有误', 'Invalid e-mail address'));

/** A department's or platform's contact in the clear, answered by its audited reveal route (shown masked elsewhere). */
export const revealedContactSchema = z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() });

export const versionSchema = z.number().int().min(1);
export const sortOrderSchema = z.enum(['asc', 'desc']).default('asc');

/** Comma-separated list in a query string (`?tags=a,b`). */
export const csvListQuery = z
  .string()
  .max(512)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .optional();

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true').optional();

export const codeNameRefSchema = z.object({ code: z.string(), name: z.string() });
export const idNameRefSchema = z.object({ id: z.string(), name: z.string() });

/** A record's 变更记录: its own fields only, before → after. */
export const historyEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  source: z.enum(['api', 'import', 'merge', 'seed']),
  actor: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export const historyPageSchema = z.object({ items: z.array(historyEntrySchema) });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const softDeleteResultSchema = z.object({ id: z.string(), deletedAt: z.string() });

export const exportQueryFormat = z.enum(['xlsx', 'csv']).default('xlsx');
