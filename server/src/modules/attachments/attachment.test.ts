import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { createTestDatabase } from '../../../../test/test-db.ts';
import { buildZip, WORKBOOK_PARTS } from '../../../../test/zip-builder.ts';
import { projects } from '../../db/schema/index.ts';
import { createBackup } from '../backup/backup.service.ts';
import { restoreBackup } from '../backup/backup-restore.ts';
import { multipartBody } from '../plan/plan-test-helpers.ts';
import { checkAttachmentContent } from './attachment.service.ts';

let t: TestApp;
let own: { id: string };
let foreign: { id: string };
let ownUser: Session;
let park: Session;
let commission: Session;
let leader: Session;
let department: Session;
let ownProjectId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const DOCX = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
const XLSX = buildZip(WORKBOOK_PARTS);

beforeAll(async () => {
  t = await createTestApp({ MAX_UPLOAD_MB: '1' });
  own = await createEnterprise(t, '附件测试甲生物科技有限公司', 'medicine-port');
  foreign = await createEnterprise(t, '附件测试乙生物科技有限公司', 'innovation-city');
  ownUser = await activeSession(t, 'a_own', 'enterprise', own.id);
  park = await activeSession(t, 'a_park', 'park', await zoneId(t, 'innovation-city'));
  commission = await activeSession(t, 'a_commission', 'commission');
  leader = await activeSession(t, 'a_leader', 'leader');
  department = await activeSession(t, 'a_department', 'department', await departmentId(t, 'kewei'));
  const [p] = await t.deps.database.db
    .insert(projects)
    .values({ code: 'ATT-1', name: '附件测试项目', investorName: '投资方', zoneId: await zoneId(t, 'medicine-port'), responsibleDepartmentId: await departmentId(t, 'kewei') })
    .returning({ id: projects.id });
  ownProjectId = p!.id;
});
afterAll(async () => t?.close());

function upload(session: Session, ownerKind: string, ownerId: string, fileName: string, content: Buffer) {
  const { body, headers } = multipartBody(fileName, content, 'application/octet-stream');
  return t.app.inject({ method: 'POST', url: `/api/attachments?ownerKind=${ownerKind}&ownerId=${ownerId}`, payload: body, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrf } });
}
const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

describe('content check (magic bytes)', () => {
  it('accepts PDF, images and Office documents by content, with a matching extension', () => {
    expect(checkAttachmentContent(PDF, '证明.pdf')).toBe('application/pdf');
    expect(checkAttachmentContent(PNG, 'photo.PNG')).toBe('image/png');
    expect(checkAttachmentContent(DOCX, '报告.docx')).toMatch(/wordprocessingml/);
    expect(checkAttachmentContent(XLSX, '台账.xlsx')).toMatch(/spreadsheetml/);
    expect(checkAttachmentContent(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.doc')).toBe('application/msword');
  });
  it('refuses other content, renamed files and zips past the central-directory caps', () => {
    expect(() => checkAttachmentContent(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'evil.pdf')).toThrow(/not an accepted type/);
    expect(() => checkAttachmentContent(PDF, 'report.docx')).toThrow(/extension/);
    expect(() => checkAttachmentContent(DOCX, 'report.xlsx')).toThrow(/extension/);
    expect(() => checkAttachmentContent(buildZip([{ name: 'a.txt', data: Buffer.from('x') }]), 'a.docx')).toThrow(/not an accepted type/);
    const bomb = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<T/>') }, { name: 'word/document.xml', data: Buffer.from('x'), declaredSize: 2 ** 31 }]);
    expect(() => checkAttachmentContent(bomb, 'bomb.docx')).toThrow(/zip bomb/);
    const many = buildZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml' }, ...Array.from({ length: 1200 }, (_, i) => ({ name: `word/media/${i}.bin`, method: 0 as const }))]);
    expect(() => checkAttachmentContent(many, 'many.docx')).toThrow(/zip bomb/);
  });
});

describe('attachments API', () => {
  it('refuses an Office document whose directory understates what a part inflates to, and stores nothing', async () => {
    // 8 MB of zeros declared as 1 kB: the directory caps pass, only the streamed inflation finds the lie.
    const lying = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 1024 },
    ]);
    expect(lying.length).toBeLessThan(1024 * 1024);
    const res = await upload(commission, 'enterprise', own.id, 'lying.docx', lying);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).toMatch(/declared size|声明的大小/);
    const listed = JSON.parse((await get(commission, `/api/attachments?ownerKind=enterprise&ownerId=${own.id}`)).body);
    expect(JSON.stringify(listed)).not.toContain('lying.docx');
  });

  it('uploads, lists and downloads under the owner scope; every download audited', async () => {
    const up = await upload(ownUser, 'enterprise', own.id, '营业执照.pdf', PDF);
    expect(up.statusCode, up.body).toBe(201);
    const view = up.json();
    expect(view).toMatchObject({ ownerKind: 'enterprise', ownerId: own.id, fileName: '营业执照.pdf', mediaType: 'application/pdf', size: PDF.length });
    // Same bytes again: a second attachment row, one stored file.
    expect((await upload(commission, 'enterprise', own.id, 'copy.pdf', PDF)).statusCode).toBe(201);
    const [blobs] = await t.deps.database.query<{ n: number }>('SELECT count(*)::int AS n FROM attachment_blobs WHERE sha256 = $1', [view.sha256]);
    expect(blobs!.n).toBe(1);

    const list = await get(ownUser, `/api/attachments?ownerKind=enterprise&ownerId=${own.id}`);
    // The test clock stands still, so both share one upload time: compare without order.
    expect(list.json().items.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['copy.pdf', '营业执照.pdf']);
    const download = await get(leader, `/api/attachments/${view.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const audits = await t.deps.database.query<{ actor_username: string; object_id: string }>(`SELECT actor_username, object_id FROM audit_log WHERE action = 'attachment.download'`);
    expect(audits).toEqual([{ actor_username: 'a_leader', object_id: view.id }]);
  });

  it('answers 404 outside the owner scope, 403 where the owner is readable but not writable', async () => {
    const foreignUp = await upload(commission, 'enterprise', foreign.id, 'foreign.png', PNG);
    expect(foreignUp.statusCode).toBe(201);
    const foreignId = foreignUp.json().id;
    // An enterprise sees only its own evidence.
    expect((await get(ownUser, `/api/attachments?ownerKind=enterprise&ownerId=${foreign.id}`)).statusCode).toBe(404);
    expect((await get(ownUser, `/api/attachments/${foreignId}`)).statusCode).toBe(404);
    expect((await upload(ownUser, 'enterprise', foreign.id, 'x.pdf', PDF)).statusCode).toBe(404);
    // The park of innovation-city reads and writes its zone's enterprise, not the other zone's.
    expect((await get(park, `/api/attachments/${foreignId}`)).statusCode).toBe(200);
    expect((await upload(park, 'enterprise', own.id, 'x.pdf', PDF)).statusCode).toBe(404);
    // A department reads every enterprise but may not attach to one.
    expect((await upload(department, 'enterprise', own.id, 'x.pdf', PDF)).statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/attachments/${foreignId}`, headers: { cookie: ownUser.cookie, 'x-csrf-token': ownUser.csrf } });
    expect(del.statusCode).toBe(404);
  });

  it('attaches to projects under the project scopes', async () => {
    const up = await upload(department, 'project', ownProjectId, '可研报告.docx', DOCX);
    expect(up.statusCode, up.body).toBe(201);
    expect((await get(ownUser, `/api/attachments?ownerKind=project&ownerId=${ownProjectId}`)).statusCode).toBe(404);
    expect((await get(leader, `/api/attachments?ownerKind=project&ownerId=${ownProjectId}`)).json().items).toHaveLength(1);
  });

  it('refuses bad content, oversized files and malformed parameters', async () => {
    expect((await upload(commission, 'enterprise', own.id, 'evil.pdf', Buffer.from('<script>alert(1)</script>'))).statusCode).toBe(415);
    expect((await upload(commission, 'enterprise', own.id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]))).statusCode).toBe(413);
    expect((await get(commission, `/api/attachments?ownerKind=plan&ownerId=${own.id}`)).statusCode).toBe(400);
    expect((await get(commission, '/api/attachments/not-a-uuid')).statusCode).toBe(400);
    expect((await get(commission, `/api/attachments?ownerKind=enterprise&ownerId=${own.id}&extra=1`)).statusCode).toBe(400);
  });

  it('removes an attachment (audited) and keeps it out of lists and downloads', async () => {
    const id = (await upload(commission, 'enterprise', own.id, 'remove.png', PNG)).json().id;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers: { cookie: commission.cookie, 'x-csrf-token': commission.csrf } });
    expect(del.statusCode).toBe(204);
    expect((await get(commission, `/api/attachments/${id}`)).statusCode).toBe(404);
    const [audit] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'attachment.delete' AND object_id = $1`, [id]);
    expect(audit!.n).toBe(1);
  });
});

describe('backup and restore', () => {
  it('carry the stored files byte for byte', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-att-')), 'backup.bak');
    await createBackup(t.deps.database, file);
    const target = await createTestDatabase();
    try {
      await restoreBackup(target.database, file);
      const [row] = await target.database.query<{ content: Uint8Array }>(
        `SELECT b.content FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256 WHERE a.file_name = '营业执照.pdf'`,
      );
      expect(Buffer.from(row!.content).equals(PDF)).toBe(true);
    } finally {
      await target.cleanup();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
