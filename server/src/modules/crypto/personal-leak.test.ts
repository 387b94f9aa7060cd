import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, stopChild } from '../../../../test/processes.ts';
import { openDatabase } from '../../db/client.ts';

/**
 * Personal information never lies in the clear in the database files or the server's log (issue 19): the real
 * server, as `npm start` runs it on the embedded engine, is given contacts of every kind of record through its
 * API; then the data folder (after a CHECKPOINT, so the pages are on disk, not only in the write-ahead log) and
 * everything the server printed are searched byte by byte for the numbers and addresses. A marker in a field
 * that is not personal (an address) must be found, so the search is shown to see clear text where it exists.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(REPO_ROOT, 'bin/biomfg.mjs');
const run = promisify(execFile);
const PASSWORD = 'Leak#Check2026x';
const NEW_PASSWORD = 'Leak#Check2026y';

const PERSONAL = ['13577712468', '13577712469', '13577712470', '13577712471', 'leak.contact@example.cn', 'leak.expert@example.cn', '韦晓澜'];
const MARKER = 'LEAKMARK金山测试路88号';

let dataDir: string;
let child: ChildProcess | null = null;
let log = '';

const environment = () => {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return {
    ...rest,
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SECRET_KEY_FILE: path.join(dataDir, 'secret.key'),
    AUDIT_KEY_FILE: path.join(dataDir, 'audit.key'),
    FIELD_KEY_FILE: path.join(dataDir, 'field.key'),
  };
};

/** Every file under `dir` that contains `needle` (UTF-8 bytes). */
function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(bytes)) found.push(path.relative(dataDir, file));
  }
  return found;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-leak-'));
  await run(process.execPath, [CLI, 'user', 'create', '--username', 'leak_commission', '--role', 'commission', '--password', PASSWORD], { cwd: REPO_ROOT, env: environment() });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: REPO_ROOT, env: environment(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 480) throw new Error(`server did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  let cookie = '';
  let csrf = '';
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    if (setCookie) cookie = setCookie;
    return { status: response.status, json: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  };
  const login = await call('POST', '/api/auth/login', { username: 'leak_commission', password: PASSWORD });
  csrf = String(login.json!.csrfToken);
  if (login.json!.stage === 'password-change') expect((await call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBeLessThan(300);

  const enterprise = await call('POST', '/api/enterprises', {
    uscc: await validUscc(),
    name: '明文检查生物科技有限公司',
    zone: 'medicine-port',
    address: MARKER,
    contacts: [{ name: '韦晓澜', title: '经理', phone: PERSONAL[0], email: PERSONAL[4] }],
  });
  expect(enterprise.status, JSON.stringify(enterprise.json)).toBe(201);
  const id = String(enterprise.json!.id);
  // An edit that sends the masked contact back, a search by the number, a reveal, and a refused write that
  // carries a number in a field where it is not allowed: none of them may print or store it in the clear.
  const shown = enterprise.json as { uscc: string; name: string; contacts: unknown[]; version: number };
  expect((await call('PUT', `/api/enterprises/${id}`, { uscc: shown.uscc, name: shown.name, zone: 'medicine-port', address: MARKER, contacts: shown.contacts, note: '改', version: shown.version })).status).toBe(200);
  expect((await call('GET', `/api/enterprises?q=${PERSONAL[0]}`)).status).toBe(200);
  expect((await call('POST', `/api/enterprises/${id}/contacts/reveal`)).json).toMatchObject({ contacts: [{ phone: PERSONAL[0] }] });
  expect((await call('POST', '/api/enterprises', { uscc: 'bad', name: 'x', contacts: [{ name: '韦晓澜', phone: `${PERSONAL[0]}99`, email: 'not-an-address' }] })).status).toBe(400);
  expect((await call('POST', '/api/experts', { name: '明文检查专家', domains: ['biomedicine'], phone: PERSONAL[1], email: PERSONAL[5] })).status).toBe(201);
  expect((await call('POST', '/api/platforms', { name: '明文检查平台', kind: 'rd', contactName: '韦晓澜', contactPhone: PERSONAL[2] })).status).toBe(201);
  expect((await call('POST', '/api/departments', { code: 'leak-dep', nameZh: '上海市金山区明文检查局', shortNameZh: '区明文局', contactName: '韦晓澜', contactPhone: PERSONAL[3], sortOrder: 900 })).status).toBe(201);

  await stopChild(child);
  // The pages on disk, not only the write-ahead log.
  const database = await openDatabase({ dataDir });
  await database.execScript('CHECKPOINT');
  await database.close();
}, 240_000);

afterAll(async () => {
  await stopChild(child);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A valid credit code not used before (the check character computed as the registry checks it). */
async function validUscc(): Promise<string> {
  const { testUscc } = await import('../../../../test/fixtures.ts');
  return testUscc();
}

describe('personal information in the clear', () => {
  it('is nowhere in the data folder, while a non-personal marker is found there', () => {
    expect(filesContaining(dataDir, MARKER).length).toBeGreaterThan(0);
    for (const value of PERSONAL) expect(filesContaining(dataDir, value), value).toEqual([]);
  });

  it('is nowhere in what the server printed (its log), which did record the requests', () => {
    expect(log).toContain('/api/enterprises');
    for (const value of PERSONAL) expect(log, value).not.toContain(value);
  });
});
