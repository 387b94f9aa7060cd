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
