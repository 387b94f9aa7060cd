import { z } from 'zod';

/** The installation's cryptographic suite and keys, as the security administrator sees them (no key material). */
export const cryptoStatusSchema = z.object({
  suite: z.enum(['gm', 'intl']),
  recordedAt: z.string(),
  migratedAt: z.string().nullable(),
  algorithms: z.object({ hash: z.string(), mac: z.string(), cipher: z.string() }),
  keys: z.array(
    z.object({
      purpose: z.enum(['seeds', 'audit', 'fields']),
      /** Short public id of the current key (8 hex digits); null when the key is missing. */
      keyId: z.string().nullable(),
      /** More than one: a rotation has not finished. */
      count: z.number().int(),
    }),
  ),
});

export type CryptoStatus = z.infer<typeof cryptoStatusSchema>;
