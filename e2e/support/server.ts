import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, stopChild } from '../../test/processes.ts';
import { CLI, REPO_ROOT } from './paths.ts';

const execFileAsync = promisify(execFile);

export interface AccountSpec {
  username: string;
  role: string;
  password: string;
  scope?: string;
  displayName?: string;
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function environment(dataDir: string): NodeJS.ProcessEnv {
  // No DATABASE_URL: the journeys always use a fresh embedded database.
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  // Key files in the folder: the command-line steps and the server are separate processes that must share
  // the audit chain's key and the sealing keys (without files a test process holds its keys in memory).
  const keys = { SECRET_KEY_FILE: path.join(dataDir, 'secret.key'), AUDIT_KEY_FILE: path.join(dataDir, 'audit.key'), FIELD_KEY_FILE: path.join(dataDir, 'field.key') };
  return { ...rest, ...keys, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn' };
}

/** `node bin/biomfg.mjs <args>` against the journey's DATA_DIR. */
export async function runCli(dataDir: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: environment(dataDir) });
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`biomfg ${args[0] ?? ''} failed: ${failure.message}\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`);
  }
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the real server as a child process on a free port, against a fresh temporary DATA_DIR in which the
 * given accounts were created first through the CLI. The demo data set (with its demo_* accounts) is loaded
 * only when asked for, with a small number of enterprises to keep the journey fast: a copy of a data folder
 * seeded once per suite run (see seededTemplate), so the journey starts from exactly what a fresh seed gives.
 */
export async function startServer(
  accounts: readonly AccountSpec[] = [],
  options: { demoEnterprises?: number; demoAsOf?: string } = {},
): Promise<RunningServer> {
  if (!existsSync(CLI)) throw new Error(`the server CLI is missing (${path.relative(REPO_ROOT, CLI)})`);
  const started = Date.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'biomfg-e2e-'));
  let seeded = '';
  if (options.demoEnterprises) {
    const template = await seededTemplate(options.demoEnterprises, options.demoAsOf);
    if (template) {
      const copyStart = Date.now();
      await cp(template.dir, dataDir, { recursive: true });
      seeded = `demo ${options.demoEnterprises}${template.made ? `, seeded in ${seconds(template.took)}` : ' (seeded earlier this run)'}, copied in ${seconds(Date.now() - copyStart)}`;
    } else {
      await runCli(dataDir, seedArgs(options.demoEnterprises, options.demoAsOf));
      seeded = `demo ${options.demoEnterprises} seeded into the journey's folder`;
    }
  } else {
    const migrated = await cachedTemplate('migrated', ['migrate']);
    if (migrated) await cp(migrated.dir, dataDir, { recursive: true });
  }
  for (const account of accounts) {
    const args = ['user', 'create', '--username', account.username, '--role', account.role, '--password', account.password];
    if (account.scope) args.push('--scope', account.scope);
    if (account.displayName) args.push('--display-name', account.displayName);
    await runCli(dataDir, args);
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: REPO_ROOT,
    env: environment(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveServers.add(child);
  child.once('exit', () => liveServers.delete(child));
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  runningOutputs.add(output);

  const stop = async () => {
    runningOutputs.delete(output);
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    // Generous: on a 2-core machine shared with other test runs the start alone has taken over 80 s.
    await waitUntilHealthy(baseUrl, child, output, 300_000);
  } catch (error) {
    await stop();
    throw error;
  }
  // One line per journey in the suite's output: where the set-up time goes (docs/benchmarks.md).
  console.log(`[e2e] server ready in ${seconds(Date.now() - started)}${seeded ? ` (${seeded})` : ''}`);
  return { baseUrl, dataDir, output, stop };
}

/**
 * Servers of this test file still running when its process ends: a set-up that timed out abandons its
 * startServer call, which may still start a server that no afterAll will stop.
 */
const liveServers = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveServers) child.kill('SIGKILL');
});

/** What the servers of this test file printed so far, for a failing step's report (support/on-failure.ts). */
export const runningOutputs = new Set<() => string>();

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const seedArgs = (enterprises: number, asOf?: string) => ['seed', '--demo', '--enterprises', String(enterprises), ...(asOf ? ['--as-of', asOf] : [])];

/**
 * The demo data set is seeded once per suite run for each (enterprises, as-of) the journeys ask for, into the
 * folder the global set-up made (E2E_SEED_CACHE); each journey then gets its own copy of that data folder
 * (embedded database files and key files), so journeys stay independent while the minutes of seeding are
 * paid once (docs/decisions/0031-first-load.md). Without the folder (another runner) it returns null and the
 * journey seeds its own folder as before.
 */
function seededTemplate(enterprises: number, asOf?: string): Promise<{ dir: string; made: boolean; took: number } | null> {
  return cachedTemplate(`demo-${enterprises}-${asOf ?? 'default'}`, seedArgs(enterprises, asOf));
}

/**
 * A data folder made once per suite run by `biomfg ARGS` and copied by each journey that asks for it. Every
 * such folder starts from a copy of the `migrated` one (an empty database with the migrations applied): a new
 * embedded database and its 30-odd migrations cost about 8 s per folder on a 2-core machine, the copy 1 s.
 */
async function cachedTemplate(name: string, args: readonly string[]): Promise<{ dir: string; made: boolean; took: number } | null> {
  const cache = process.env.E2E_SEED_CACHE;
  if (!cache) return null;
  const dir = path.join(cache, name);
  if (existsSync(path.join(dir, READY_MARK))) return { dir, made: false, took: 0 };
  const start = Date.now();
  const base = name === 'migrated' ? null : await cachedTemplate('migrated', ['migrate']);
  // Made beside, then renamed: a folder under the final name is always complete.
  const building = `${dir}.${process.pid}.${Date.now()}`;
  if (base) await cp(base.dir, building, { recursive: true });
  await mkdir(building, { recursive: true });
  await rm(path.join(building, READY_MARK), { force: true });
  try {
    await runCli(building, args);
    await writeFile(path.join(building, READY_MARK), new Date().toISOString());
    if (existsSync(path.join(dir, READY_MARK))) await rm(building, { recursive: true, force: true });
    else await rename(building, dir);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
  return { dir, made: true, took: Date.now() - start };
}
const READY_MARK = '.e2e-seed-complete';
