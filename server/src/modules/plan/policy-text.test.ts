import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { extractPolicyText, PolicyTextError } from './policy-text.ts';

const SAMPLE = '金山区生物制造产业规模突破500亿元';
// SAMPLE encoded in GB18030 (as saved by a Chinese Windows editor); Node can decode but not encode it.
const SAMPLE_GB18030 = Buffer.from('bdf0c9bdc7f8c9faceefd6c6d4ecb2fad2b5b9e6c4a3cdbbc6c6353030d2dad4aa', 'hex');

async function docxOf(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph({ text })) }] });
  return Packer.toBuffer(doc);
}

async function failure(run: Promise<unknown>): Promise<PolicyTextError> {
  try {
    await run;
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyTextError);
    return err as PolicyTextError;
  }
  throw new Error('expected a PolicyTextError');
}

describe('extractPolicyText — text files', () => {
  it('reads UTF-8, with or without a BOM, and normalises line ends', async () => {
    expect(await extractPolicyText(Buffer.from(`${SAMPLE}\r\n第二行\r第三行`, 'utf8'), 'policy.txt')).toBe(`${SAMPLE}\n第二行\n第三行`);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(await extractPolicyText(bom, 'policy.TXT')).toBe(SAMPLE);
  });

  it('reads GB18030/GBK when the bytes are not valid UTF-8', async () => {
    expect(await extractPolicyText(SAMPLE_GB18030, '政策.txt')).toBe(SAMPLE);
  });

  it('reads UTF-16 with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    expect(await extractPolicyText(le, 'policy.txt')).toBe(SAMPLE);
  });

  it('joins a hard-wrapped text (a PDF copy) back into paragraphs', async () => {
    const paragraph = '推进生物制造产业高质量发展,加快培育壮大市场主体,着力提升产业发展竞争力。'.repeat(4);
    const wrapped = paragraph.match(/.{1,30}/g)!.join('\n');
    expect(await extractPolicyText(Buffer.from(`标题\n\n${wrapped}\n`), 'policy.txt')).toBe(`标题\n\n${paragraph}\n`);
  });

  it('accepts a file without extension', async () => {
    expect(await extractPolicyText(Buffer.from(SAMPLE), 'policy')).toBe(SAMPLE);
  });
});

describe('extractPolicyText — Word', () => {
  it('extracts the raw text of a .docx, paragraph by paragraph', async () => {
    const text = await extractPolicyText(await docxOf(['金山区加快推进生物制造产业高质量发展的实施意见', '一、指导思想']), 'policy.docx');
    expect(text.split('\n').filter(Boolean)).toEqual(['金山区加快推进生物制造产业高质量发展的实施意见', '一、指导思想']);
  });

  it('goes by the content, not the name: a .docx named .txt is read as Word', async () => {
    const text = await extractPolicyText(await docxOf([SAMPLE]), 'policy.txt');
    expect(text.trim()).toBe(SAMPLE);
  });

  it('refuses a damaged zip and a .docx that is not a zip', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    expect((await failure(extractPolicyText(broken, 'policy.docx'))).code).toBe('POLICY_FILE_UNREADABLE');
    expect((await failure(extractPolicyText(Buffer.from(SAMPLE), 'policy.docx'))).code).toBe('POLICY_FILE_UNREADABLE');
  });
});

describe('extractPolicyText — refusals', () => {
  it.each([
    ['legacy .doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'policy.doc', 'POLICY_FILE_UNSUPPORTED'],
    ['PDF', Buffer.from('%PDF-1.7\n'), 'policy.pdf', 'POLICY_FILE_UNSUPPORTED'],
    ['image with a text name', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'policy.txt', 'POLICY_FILE_UNSUPPORTED'],
    ['spreadsheet', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'data.xlsx', 'POLICY_FILE_UNSUPPORTED'],
    ['other extension', Buffer.from(SAMPLE), 'policy.html', 'POLICY_FILE_UNSUPPORTED'],
    ['empty file', Buffer.alloc(0), 'policy.txt', 'POLICY_FILE_EMPTY'],
    ['blank text', Buffer.from(' \n\t\n'), 'policy.txt', 'POLICY_FILE_EMPTY'],
  ])('%s', async (_what, buffer, name, code) => {
    const err = await failure(extractPolicyText(buffer, name));
    expect(err.code).toBe(code);
    expect(err.status).toBeGreaterThanOrEqual(400);
    expect(err.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(err.messageEn).toMatch(/[a-z]/);
  });

  it('tells the user what to do with a legacy .doc', async () => {
    const err = await failure(extractPolicyText(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.doc'));
    expect(err.messageZh).toContain('.docx');
    expect(err.messageEn).toContain('.docx');
  });
});
