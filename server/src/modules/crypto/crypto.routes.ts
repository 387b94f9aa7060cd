import type { FastifyInstance } from 'fastify';
import { cryptoStatusSchema, type CryptoStatus } from '../../../../contracts/crypto.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { keyIdOf, SUITE_ALGORITHMS } from '../../domain/security/crypto-suite.ts';
import type { Db } from '../../db/client.ts';
import { lockAuditChain } from './audit-key.ts';
import { ensureCryptoSettings } from './crypto-settings.repository.ts';
import { KEY_PURPOSES, keyProvider } from './keyring.ts';

/** The suite and key status on the security administrator's settings page (read-only; changes are commands). */
export function registerCryptoRoutes(app: FastifyInstance, deps: AppDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/security/crypto',
    access: 'security.manage',
    summary: "The installation's cryptographic suite (gm or intl) and the status of its keys",
    tags: ['security'],
    responses: { 200: cryptoStatusSchema },
    handler: async (): Promise<CryptoStatus> => {
      const { settings } = await deps.database.db.transaction(async (tx) => {
        await lockAuditChain(tx as unknown as Db);
        return ensureCryptoSettings(tx as unknown as Db, deps.clock());
      });
      const keys = keyProvider();
      return {
        suite: settings.suite,
        recordedAt: settings.recordedAt.toISOString(),
        migratedAt: settings.migratedAt?.toISOString() ?? null,
        algorithms: SUITE_ALGORITHMS[settings.suite],
        keys: KEY_PURPOSES.map((purpose) => {
          const all = keys.all(purpose);
          return { purpose, keyId: all[0] ? keyIdOf(all[0]) : null, count: all.length };
        }),
      };
    },
  });
}
