import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
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
 * only when asked for, with a small number of enterprises to keep the journey fast.
 */
export async function startServer(
  accounts: readonly AccountSpec[] = [],
  options: { demoEnterprises?: number; demoAsOf?: string } = {},
): Promise<RunningServer> {
  if (!existsSync(CLI)) throw new Error(`the server CLI is missing (${path.relative(REPO_ROOT, CLI)})`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'biomfg-e2e-'));
  if (options.demoEnterprises) {
    await runCli(dataDir, ['seed', '--demo', '--enterprises', String(options.demoEnterprises), ...(options.demoAsOf ? ['--as-of', options.demoAsOf] : [])]);
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
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilHealthy(baseUrl, child, output, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, output, stop };
}
