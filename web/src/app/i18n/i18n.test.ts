import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const zh = leaves(zhCN);
  const en = leaves(enUS);

  it('have the same keys', () => {
    const missingInEn = [...zh.keys()].filter((key) => !en.has(key));
    const missingInZh = [...en.keys()].filter((key) => !zh.has(key));
    expect(missingInEn, 'keys missing in en-US.ts').toEqual([]);
    expect(missingInZh, 'keys missing in zh-CN.ts').toEqual([]);
  });

  it('have no empty strings', () => {
    const empty = [...zh, ...en].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const mismatched = [...zh.keys()].filter((key) => {
      const other = en.get(key);
      return other !== undefined && placeholders(zh.get(key) ?? '').join() !== placeholders(other).join();
    });
    expect(mismatched).toEqual([]);
  });

  it('keep Chinese out of the English dictionary', () => {
    const withHan = [...en].filter(([, text]) => /\p{Script=Han}/u.test(text)).map(([key]) => key);
    expect(withHan).toEqual([]);
  });
});
