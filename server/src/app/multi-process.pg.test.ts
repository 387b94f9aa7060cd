import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, stopChild } from '../../../test/processes.ts';
import { openDatabase } from '../db/client.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { XLSX_MIME } from '../lib/spreadsheet.ts';

/**
 * Several stateless server processes on one PostgreSQL (issue 16 §4, docs/decisions/0033-stateless-app-servers.md).
 * Two real `biomfg serve` processes share one database; a journey over HTTP alternates between them: the
 * session made on one works on the other, the marked workbook of an import made on one is downloaded from the
 * other, an approval on one shows in the cockpit of both, and the login rate limit counts the attempts made
 * on both together. PostgreSQL only (*.pg.test.ts, vitest.config.ts): the embedded engine admits one process
 * per data folder, so there is no second process to alternate with.
 */

const execFileAsync = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = path.join(REPO, 'bin/biomfg.mjs');
const DEMO_PASSWORD = 'Jinshan#2023';
/** A month before the demo series begins: no stored figures, so the imported rows meet no conflicts. */
const IMPORT_PERIOD = '2018-06';
const LOGIN_LIMIT = 3;

const adminUrl = process.env.DATABASE_URL!;
const dbName = `biomfg_test_mp_${crypto.randomBytes(5).toString('hex')}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-mp-'));

function environment(): NodeJS.ProcessEnv {
  // One set of key files for both processes and the seeding command, as a deployment mounts one secret.
  return {
    ...process.env,
    DATABASE_URL: dbUrl,
    DATA_DIR: dir,
    SECRET_KEY_FILE: path.join(dir, 'secret.key'),
    AUDIT_KEY_FILE: path.join(dir, 'audit.key'),
    FIELD_KEY_FILE: path.join(dir, 'field.key'),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
    // As behind a reverse proxy on this host: the client address comes from X-Forwarded-For.
    TRUSTED_PROXIES: '127.0.0.1',
  };
}

interface Server {
  name: string;
  base: string;
  child: ChildProcess;
  output: () => string;
}

async function startServer(name: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--no-demo', '--port', String(port), '--host', '127.0.0.1'], { cwd: REPO, env: environment(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited with ${child.exitCode}:\n${log}`);
    const up = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (up) return { name, base, child, output: () => log };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server ${name} did not become ready:\n${log}`);
}

interface Session {
  cookie: string;
  csrf: string;
}

/** A request to one of the servers with the session made on whichever; the answer must come from `server`. */
async function call(server: Server, session: Session | null, method: string, url: string, body?: { json?: unknown; xlsx?: Buffer; fileName?: string }) {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrf;
  let payload: BodyInit | undefined;
  if (body?.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body?.xlsx) {
    headers['content-type'] = XLSX_MIME;
    if (body.fileName) headers['x-file-name'] = encodeURIComponent(body.fileName);
    payload = new Uint8Array(body.xlsx);
  }
  return fetch(`${server.base}${url}`, { method, headers, ...(payload ? { body: payload } : {}) });
}

async function json<T>(response: Response, expected = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(expected);
  return JSON.parse(text) as T;
}

let a: Server | undefined;
let b: Server | undefined;
const migrationRace: { applied: string[][] } = { applied: [] };

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  // Two servers starting at once on an empty database: each applies what the other has not.
  const first = await openDatabase({ databaseUrl: dbUrl });
  const second = await openDatabase({ databaseUrl: dbUrl });
  try {
    migrationRace.applied = await Promise.all([migrate(first), migrate(second)]).then((r) => r.map((x) => x.applied));
  } finally {
    await first.close();
    await second.close();
  }
  await execFileAsync(process.execPath, [CLI, 'seed', '--demo', '--enterprises', '6'], { cwd: REPO, env: environment() });
  [a, b] = await Promise.all([startServer('A'), startServer('B')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([stopChild(a?.child), stopChild(b?.child)]);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('two server processes on one PostgreSQL', () => {
  it('apply the migrations once between them when they start together', () => {
    const all = loadMigrations().map((m) => m.name);
    const [one, two] = migrationRace.applied as [string[], string[]];
    expect([...one, ...two].sort()).toEqual([...all].sort());
    expect(one.filter((name) => two.includes(name))).toEqual([]);
  });

  it('serve one journey whose requests alternate between them', async () => {
    const A = a!;
    const B = b!;
    // Sign in on A; the session cookie works on B.
    const login = await call(A, null, 'POST', '/api/auth/login', { json: { username: 'demo_commission', password: DEMO_PASSWORD } });
    const view = await json<{ csrfToken: string; stage: string; user: { username: string } }>(login);
    expect(view.stage).toBe('active');
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('biomfg_sid='))!;
    const session: Session = { cookie, csrf: view.csrfToken };
    expect((await json<{ user: { username: string } }>(await call(B, session, 'GET', '/api/auth/session'))).user.username).toBe('demo_commission');

    // The template from A, filled with two good rows and one whose output is text; imported on B.
    const enterprises = await json<{ items: { uscc: string; name: string }[] }>(await call(A, session, 'GET', '/api/enterprises?pageSize=2&sort=name'));
    const [first, second] = enterprises.items as [{ uscc: string; name: string }, { uscc: string; name: string }];
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await (await call(A, session, 'GET', '/api/monthly-reports/template')).arrayBuffer()) as never);
    const sheet = template.getWorksheet('月度统计')!;
    const headers = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (name: string) => headers.findIndex((h) => h.startsWith(name));
    const fill = (r: number, e: { uscc: string; name: string }, period: string, output: number | string) => {
      const row = sheet.getRow(r);
      row.getCell(col('统一社会信用代码')).value = e.uscc;
      row.getCell(col('企业名称')).value = e.name;
      row.getCell(col('期间')).value = period;
      row.getCell(col('计量单位')).value = '万元';
      row.getCell(col('工业总产值')).value = output;
      row.getCell(col('工业销售产值')).value = 800;
      row.getCell(col('营业收入')).value = 900;
      row.getCell(col('从业人员期末人数')).value = 120;
    };
    fill(2, first, IMPORT_PERIOD, 1_234.5);
    fill(3, second, IMPORT_PERIOD, 876.5);
    fill(4, second, '2018-07', '一千');
    const outputColumn = sheet.getRow(1).getCell(col('工业总产值')).address.replace(/\d+$/, '');
    const upload = Buffer.from(await template.xlsx.writeBuffer());
    const imported = await json<{ rejected: { row: number; column: string | null }[]; reportId: string | null }>(
      await call(B, session, 'POST', '/api/monthly-reports/import', { xlsx: upload, fileName: '统计局月报.xlsx' }),
    );
    expect(imported.rejected.map((r) => [r.row, r.column])).toEqual([[4, outputColumn]]);
    expect(imported.reportId).toMatch(/^[0-9a-f-]{36}$/);

    // The marked workbook, downloaded from A: the bad cell is red and carries the message.
    const download = await call(A, session, 'GET', `/api/monthly-reports/import-reports/${imported.reportId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(XLSX_MIME);
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.load((await download.arrayBuffer()) as never);
    const bad = marked.getWorksheet('月度统计')!.getCell(`${outputColumn}4`);
    expect((bad.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(bad.note)).toContain('数字');

    // A report awaiting the commission, its month's cockpit read on both (each computes or caches its own).
    const queue = await json<{ items: { id: string; period: string; version: number }[] }>(await call(B, session, 'GET', '/api/monthly-reports?status=park-reviewed&pageSize=50'));
    const pending = queue.items[0]!;
    expect(pending, 'the demo data has a report awaiting approval').toBeDefined();
    const cockpit = async (server: Server) => (await json<{ cockpit: unknown }>(await call(server, session, 'GET', `/api/cockpit-page?period=${pending.period}`))).cockpit;
    const before = [await cockpit(A), await cockpit(B)];
    expect(before[1]).toEqual(before[0]);

    // Approved on B; both cockpits show it, with equal figures.
    const approved = await json<{ status: string }>(await call(B, session, 'POST', `/api/monthly-reports/${pending.id}/approve`, { json: { version: pending.version, decision: 'approve' } }));
    expect(approved.status).toBe('approved');
    const after = [await cockpit(A), await cockpit(B)];
    expect(after[0]).not.toEqual(before[0]);
    expect(after[1]).toEqual(after[0]);
  }, 60_000);

  it('count login attempts on both processes against one limit', async () => {
    // From one client address behind the trusted proxy (a fresh key, so the journey's sign-in does not count).
    const attempt = (server: Server) =>
      fetch(`${server.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
        body: JSON.stringify({ username: 'nobody_here', password: 'wrong-password-1' }),
      });
    const statuses: number[] = [];
    for (const server of [b!, a!, b!, a!, b!]) statuses.push((await attempt(server)).status);
    // Alone, A saw two attempts and B three, neither above the limit of three; together they passed it.
    expect(statuses.slice(0, LOGIN_LIMIT)).toEqual([401, 401, 401]);
    expect(statuses.slice(LOGIN_LIMIT)).toEqual([429, 429]);
  });
});
