import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretOpenError } from '../../domain/security/secret-box.ts';
import { fileKeyProvider } from './keyring.ts';
import { isSealedValue, maskContacts, personalFieldBox } from './personal-fields.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-fields-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const files = { seeds: null, audit: null, fields: path.join(dir, 'field.key') };

const contact = { name: '张三', title: '总经理', phone: '13812345678', email: 'zhangsan@example.cn' };
const rowA = '11111111-1111-4111-8111-111111111111';
const rowB = '22222222-2222-4222-8222-222222222222';

describe.each(['gm', 'intl'] as const)('field encryption of contacts (%s)', (suite) => {
  const box = personalFieldBox(fileKeyProvider(files), () => suite);

  it('stores no clear personal value, keeps the title, and opens to the original', () => {
    const [stored] = box.sealContacts(rowA, [contact]);
    const text = JSON.stringify(stored);
    for (const clear of ['张三', '13812345678', 'zhangsan']) expect(text).not.toContain(clear);
    // The last four digits as a value of their own (a "tail" field a masked display might keep). Not as a bare
    // substring: the ciphertext (base64) and the blind indexes (hex) are random text that contains "5678" now
    // and then (it failed one run in a few hundred).
    expect(text).not.toMatch(/(^|[^0-9A-Za-z+/=])5678($|[^0-9A-Za-z+/=])/);
    expect(stored!.title).toBe('总经理');
    for (const v of [stored!.name, stored!.phone, stored!.email]) expect(isSealedValue(v)).toBe(true);
    expect(stored!.name.startsWith(suite === 'gm' ? 'gm1:' : 'v2:')).toBe(true);
    expect(box.openContacts(rowA, [stored!])).toEqual([contact]);
  });

  it('creates the key file with mode 600 outside the database', () => {
    box.sealContacts(rowA, [contact]);
    expect(fs.statSync(files.fields).mode & 0o777).toBe(0o600);
  });

  it('binds a value to its row and field: copied elsewhere it does not open', () => {
    const [stored] = box.sealContacts(rowA, [contact]);
    expect(() => box.openContacts(rowB, [stored!])).toThrow(SecretOpenError);
    expect(() => box.open(rowA, 'name', stored!.phone!)).toThrow(SecretOpenError);
  });

  it('gives the same blind index for two spellings of a number, so exact-match search works', () => {
    const [a] = box.sealContacts(rowA, [contact]);
    const [b] = box.sealContacts(rowB, [{ name: '李四', phone: '+86 138-1234-5678', email: 'ZhangSan@Example.cn' }]);
    expect(a!.phone).not.toBe(b!.phone); // fresh IV each time: equal numbers are not visible as equal ciphertext
    expect(a!.phoneBidx).toBe(b!.phoneBidx);
    expect(a!.emailBidx).toBe(b!.emailBidx);
    expect(a!.nameBidx).not.toBe(b!.nameBidx);
    expect(box.blindIndex('mobile', '138 1234 5678')).toBe(a!.phoneBidx);
  });

  it('leaves empty values empty and reads clear values written before field encryption', () => {
    const [stored] = box.sealContacts(rowA, [{ name: '王五', phone: null, email: '' }]);
    expect(stored!.phone).toBeNull();
    expect(stored!.phoneBidx).toBeNull();
    expect(box.openContacts(rowA, [{ name: '赵六', title: null, phone: '13900001111', email: null }])).toEqual([
      { name: '赵六', title: null, phone: '13900001111', email: null },
    ]);
  });

  it('seals text that looks sealed like any other, so a pasted ciphertext reads back as typed', () => {
    const [other] = box.sealContacts(rowB, [contact]);
    const pasted = { name: other!.name, phone: other!.phone, email: null };
    const [stored] = box.sealContacts(rowA, [pasted]);
    expect(box.openContacts(rowA, [stored!])).toEqual([{ ...pasted, title: null }]);
  });
});

describe('masked contacts', () => {
  it('show the surname, the first three and last four digits, and the first letter and domain', () => {
    expect(maskContacts([contact])).toEqual([{ name: '张*', title: '总经理', phone: '138****5678', email: 'z***@example.cn' }]);
    expect(maskContacts([{ name: '王五' }])).toEqual([{ name: '王*', title: null, phone: null, email: null }]);
  });
});
