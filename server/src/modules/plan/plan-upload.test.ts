import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponseSchema } from '../../../../contracts/plan.ts';
import { activeSession } from '../../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { readSeedPolicyText } from '../../seed/seed-plan.ts';
import { sha256OfText } from './plan-store.ts';
import { multipartBody } from './plan-test-helpers.ts';

/** Upload of a policy document: accepted by content, refused with a clear zh/en message otherwise. */
let t: TestApp;
let commission: Session;

beforeAll(async () => {
  // A 1 MB cap, so the oversized case stays small.
  t = await createTestApp({ MAX_UPLOAD_MB: '1' });
  commission = await activeSession(t, 'u_commission', 'commission');
});
afterAll(async () => t?.close());

function upload(fileName: string, content: Buffer | string, contentType = 'application/octet-stream', session: Session = commission) {
  const { body, headers } = multipartBody(fileName, content, contentType);
  return t.app.inject({ method: 'POST', url: '/api/plan/parse-upload', payload: body, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrf } });
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2215bc40000000049454e44ae426082', 'hex');

describe('POST /api/plan/parse-upload', () => {
  it('parses a .txt upload without saving it; the hash is the text’s', async () => {
    const text = readSeedPolicyText();
    const r = await upload('金山区生物制造实施意见.txt', text, 'text/plain');
    expect(r.statusCode, r.body).toBe(200);
    const body = parseResponseSchema.parse(r.json());
    expect(body.fileName).toBe('金山区生物制造实施意见.txt');
    expect(body.text).toBe(text);
    expect(body.sha256).toBe(sha256OfText(text));
    expect(body.result.goals).toHaveLength(4);
    expect(body.result.tasks).toHaveLength(14);
  });

  it('reads a Word .docx (text extracted with a library)', async () => {
    const paragraphs = readSeedPolicyText().split('\n').map((line) => new Paragraph(line));
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
    const r = await upload('policy.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.statusCode, r.body).toBe(200);
    const body = parseResponseSchema.parse(r.json());
    expect(body.result.goals.map((g) => [g.year, g.metric, g.value])).toEqual([
      [2025, '产业规模', 500],
      [2025, '制造业产值', 300],
      [2030, '产业规模', 1000],
      [2030, '制造业产值', 800],
    ]);
    // Every range points into the text returned beside it.
    for (const g of body.result.goals) expect(body.text.slice(g.source.start, g.source.end)).toContain(String(g.value));
  });

  it('refuses a binary file renamed to .txt, by its content', async () => {
    const r = await upload('policy.txt', PNG, 'text/plain');
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('POLICY_FILE_UNSUPPORTED');
    expect(r.json().error.message).toContain('.docx');
    expect(r.json().error.messageEn).toContain('.txt');
  });

  it('refuses a file named .docx that is not a Word document', async () => {
    const r = await upload('policy.docx', PNG);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.messageEn).toMatch(/not a Word document/);
  });

  it('refuses a legacy .doc and a PDF with a hint', async () => {
    const doc = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 1)]);
    const r = await upload('policy.doc', doc);
    expect(r.statusCode).toBe(415);
    expect(r.json().error.message).toContain('另存为 .docx');
    const pdf = await upload('policy.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n'));
    expect(pdf.statusCode).toBe(415);
  });

  it('refuses a file over the configured cap with a clear message', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x41);
    const r = await upload('big.txt', big, 'text/plain');
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('POLICY_FILE_TOO_LARGE');
    expect(r.json().error.message).toContain('1 MB');
    expect(r.json().error.messageEn).toContain('1 MB');
  });

  it('refuses a request that is not multipart, and an empty file', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/plan/parse-upload',
      payload: { text: 'x' },
      headers: { cookie: commission.cookie, 'x-csrf-token': commission.csrf },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UPLOAD_NOT_MULTIPART');
    const empty = await upload('empty.txt', Buffer.alloc(0), 'text/plain');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('POLICY_FILE_EMPTY');
  });

  it('refuses an upload without the CSRF header', async () => {
    const { body, headers } = multipartBody('policy.txt', '到2025年,产业规模突破500亿元。');
    const r = await t.app.inject({ method: 'POST', url: '/api/plan/parse-upload', payload: body, headers: { ...headers, cookie: commission.cookie } });
    expect(r.statusCode).toBe(403);
  });
});
