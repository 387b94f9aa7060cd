import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, maskPersonal, normalizePersonal, restoreMasked, restoreMaskedContacts } from './personal-info.ts';

describe('masked display of personal information', () => {
  it('mobile numbers keep the first three and last four digits', () => {
    expect(maskPersonal('mobile', '13812345678')).toBe('138****5678');
    expect(maskPersonal('mobile', '+86 138-1234-5678')).toBe('138****5678');
    expect(maskPersonal('mobile', '021-57931234')).toBe('*******1234');
    expect(maskPersonal('mobile', '123')).toBe('****');
  });
  it('e-mail addresses keep the first character and the domain', () => {
    expect(maskPersonal('email', 'zhangsan@example.cn')).toBe('z***@example.cn');
    expect(maskPersonal('email', 'not-an-address')).toBe('***');
  });
  it('names keep the surname only', () => {
    expect(maskPersonal('name', '张三')).toBe('张*');
    expect(maskPersonal('name', '李小龙')).toBe('李**');
    expect(maskPersonal('name', '欧阳娜娜')).toBe('欧阳**');
    expect(maskPersonal('name', 'Wang Wei')).toBe('W***');
    expect(maskPersonal('name', '王')).toBe('*');
  });
  it('empty values stay empty', () => {
    expect(maskPersonal('mobile', null)).toBeNull();
    expect(maskPersonal('email', '')).toBe('');
  });
});

describe('blind index', () => {
  const key = crypto.randomBytes(32);
  it('is equal for spellings of the same value and differs between values, fields, suites and keys', () => {
    expect(normalizePersonal('mobile', '+86 138 1234 5678')).toBe('13812345678');
    expect(blindIndex('gm', key, 'mobile', '+86 138 1234 5678')).toBe(blindIndex('gm', key, 'mobile', '13812345678'));
    expect(blindIndex('gm', key, 'email', 'ZhangSan@Example.cn ')).toBe(blindIndex('gm', key, 'email', 'zhangsan@example.cn'));
    expect(blindIndex('gm', key, 'mobile', '13812345678')).not.toBe(blindIndex('gm', key, 'mobile', '13812345679'));
    expect(blindIndex('gm', key, 'name', '13812345678')).not.toBe(blindIndex('gm', key, 'mobile', '13812345678'));
    expect(blindIndex('intl', key, 'mobile', '13812345678')).not.toBe(blindIndex('gm', key, 'mobile', '13812345678'));
    expect(blindIndex('gm', crypto.randomBytes(32), 'mobile', '13812345678')).not.toBe(blindIndex('gm', key, 'mobile', '13812345678'));
    expect(blindIndex('gm', key, 'mobile', '13812345678')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('a masked value sent back keeps the stored value', () => {
  it('takes the stored value it masks, and keeps anything typed', () => {
    expect(restoreMasked('mobile', '138****5678', ['13812345678'])).toBe('13812345678');
    expect(restoreMasked('mobile', '13912345678', ['13812345678'])).toBe('13912345678');
    // A masked form that masks nothing stored is not a known value: kept as typed (the validator decides).
    expect(restoreMasked('mobile', '139****5678', ['13812345678'])).toBe('139****5678');
    expect(restoreMasked('email', 'z***@example.cn', [null, 'zhang@example.cn'])).toBe('zhang@example.cn');
    expect(restoreMasked('name', '张*', ['张三'])).toBe('张三');
    expect(restoreMasked('name', null, ['张三'])).toBeNull();
  });

  it('matches contacts by position first, then any stored contact (a reordered list)', () => {
    const stored = [
      { name: '张三', phone: '13812345678', email: 'zhang@example.cn' },
      { name: '李四', phone: '13900001111', email: null },
    ];
    const back = restoreMaskedContacts(
      [
        { name: '李*', title: '经理', phone: '139****1111', email: null },
        { name: '张*', title: null, phone: '13700000000', email: 'z***@example.cn' },
      ],
      stored,
    );
    expect(back).toEqual([
      { name: '李四', title: '经理', phone: '13900001111', email: null },
      { name: '张三', title: null, phone: '13700000000', email: 'zhang@example.cn' },
    ]);
  });
});
