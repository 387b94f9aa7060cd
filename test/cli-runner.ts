import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { main } from '../server/src/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npx biomfg ARGS` as an operator runs it, through the command line's entry point in this process (a child
 * process per command would only add start-up time): `env` is applied for the call (undefined removes a
 * variable) and restored afterwards; what the command writes is captured, not printed.
 */
export async function runBiomfg(env: Record<string, string | undefined>, args: readonly string[]): Promise<CliResult> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(env);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await main([...args]), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    apply(saved);
  }
}

/** The same on an embedded data folder (DATABASE_URL unset for the call). */
export function runBiomfgOnFolder(dataDir: string, args: readonly string[]): Promise<CliResult> {
  return runBiomfg({ DATA_DIR: dataDir, DATABASE_URL: undefined }, args);
}

export interface CliTarget {
  /** `npx biomfg ARGS` against this suite's engine. */
  biomfg: (...args: string[]) => Promise<CliResult>;
  /** The temporary data folder (the embedded database lives here when DATABASE_URL is unset). */
  readonly dataDir: string;
  /** This suite's PostgreSQL database, when the suite runs on PostgreSQL. */
  readonly database: TestDatabase | undefined;
}

/**
 * A command-line test's target on the engine the suite runs on: a temporary data folder, plus a fresh
 * PostgreSQL database when DATABASE_URL is set. Registers its own set-up and clean-up hooks.
 */
export function cliOnSuiteEngine(folderPrefix: string): CliTarget {
  let database: TestDatabase | undefined;
  let dataDir = '';
  let env: Record<string, string | undefined> = {};
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
    if (process.env.DATABASE_URL) database = await createTestDatabase();
    env = { DATABASE_URL: database?.url, DATA_DIR: dataDir };
  }, 240_000);
  afterAll(async () => {
    await database?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    biomfg: (...args) => runBiomfg(env, args),
    get dataDir() {
      return dataDir;
    },
    get database() {
      return database;
    },
  };
}
