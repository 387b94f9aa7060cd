import { evaluateDemoWarnings } from './warnings.ts';
import { loadConfig } from '../../config/config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { buildApp } from '../../app/build-app.ts';
import { prepareCryptoAtStart } from '../../modules/crypto/crypto-startup.ts';
import { isEmptyInstallation, seedDemo } from '../../seed/seed-demo.ts';
import { ensureInstallation } from '../../seed/ensure-installation.ts';
import type { CommandArgs } from '../main.ts';
import { printDemoAccounts } from './seed.ts';

export async function runServe({ values, out }: CommandArgs): Promise<void> {
  const overrides: Record<string, string> = {};
  if (typeof values.port === 'string') overrides.PORT = values.port;
  if (typeof values.host === 'string') overrides.HOST = values.host;
  const config = loadConfig({ ...process.env, ...overrides });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  out.info(`[db] ${database.description}`);
  const { applied } = await migrate(database, (m) => out.info(`[migrate] ${m}`));
  if (applied.length) out.info(`[migrate] ${applied.length} migration(s) applied`);
  await prepareCryptoAtStart(database, new Date(), (m) => out.info(m)).catch(async (error: unknown) => {
    await database.close(); // an open embedded database would keep the refused process alive
    throw error;
  });
  let demoSeeded = false;
  if (!values['no-demo'] && (await isEmptyInstallation(database))) {
    out.info('[seed] 空数据库，正在载入演示数据 / empty database: loading the demo data set…');
    const progress = out.progress('[seed] enterprises');
    const result = await seedDemo(database, { onProgress: (_step, done, total) => progress(done, total) });
    printDemoAccounts(out, result.accounts);
    demoSeeded = true;
  }
  const installed = await ensureInstallation(database);
  if (installed.referenceLoaded) out.info('[seed] 已载入参考数据 / reference data loaded');
  if (installed.planLoaded) out.info('[seed] 已载入区政策规划(版本 1,生效) / district plan loaded as version 1 (active)');
  if (demoSeeded) await evaluateDemoWarnings(database, config, out);
  const { app, jobs } = await buildApp({ config, database });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    out.info(`[serve] ${signal}: finishing in-flight requests…`);
    // close() stops accepting connections and waits for in-flight requests; then the database closes.
    await app.close();
    await database.close();
    out.info('[serve] stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  const address = await app.listen({ port: config.port, host: config.host });
  await jobs.start();
  out.info(`\n金山区生物制造产业运行与服务平台 is running at ${address.replace('127.0.0.1', 'localhost')}\n`);
  await new Promise(() => {});
}
