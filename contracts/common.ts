import { z } from 'zod';

/** Every error response has this shape; `message` is Chinese (the default UI language), `messageEn` English. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    details: z
      .array(z.object({ path: z.string().optional(), rule: z.string().optional(), message: z.string(), messageEn: z.string().optional() }))
      .optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const idParamSchema = z.object({ id: z.string().uuid() });
export const isoDateTimeSchema = z.string();

/**
 * Control characters (C0 except tab, line feed and carriage return; DEL). NUL cannot be stored in a PostgreSQL
 * text column at all, and the others have no business in names, codes or search terms: they are refused with a
 * located 400 rather than reaching the database (where NUL would be a 500).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAKS = /[\n\r\t]/;
const noControlMessage = { message: '不能包含控制字符 / must not contain control characters' };
const singleLineMessage = { message: '不能包含换行或控制字符 / must be a single line without control characters' };

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** Free text (descriptions, notes, policy text): line breaks and tabs allowed, other control characters not. */
export const plainTextSchema = z.string().refine((v) => !CONTROL_CHARACTERS.test(v), noControlMessage);

/** One line of text (names, codes, search terms, filters): no line breaks, no control characters. */
export function singleLineTextSchema(max: number) {
  return z
    .string()
    .max(max)
    .refine((v) => !CONTROL_CHARACTERS.test(v) && !LINE_BREAKS.test(v), singleLineMessage);
}

/** A list's search term. */
export const searchTextSchema = singleLineTextSchema(64).transform((v) => v.trim());
/** A list filter by code (domain, zone, department). */
export const codeFilterSchema = singleLineTextSchema(64);
/** An id in a query string or body: a UUID, so a malformed one is a located 400, not a database error. */
export const uuidSchema = z.string().uuid({ message: '应为 UUID / must be a UUID' });
