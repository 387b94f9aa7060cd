import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, maskPersonal, normalizePersonal } from './personal-info.ts';

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
