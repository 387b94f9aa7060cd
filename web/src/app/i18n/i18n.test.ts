import i18next from 'i18next';
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

  it('count in English: a plural noun after {{count}} is an _other form with its _one twin', () => {
    // "1 warnings" in the cockpit's tags: i18next picks key_one for a count of 1 in English (Chinese has one form).
    const pluralNoun = [...en].filter(([key, text]) => /\{\{count\}\} (?:[a-z]+ )?[a-z]+s\b/.test(text) && !key.endsWith('_other') && !key.endsWith('_one')).map(([key]) => key);
    expect(pluralNoun).toEqual([]);
    const orphans = [...en.keys()].filter((key) => key.endsWith('_other') && !en.has(key.replace(/_other$/, '_one')));
    expect(orphans).toEqual([]);
  });

  it('read "1 warning" and "3 warnings" in English, and the one Chinese form for both', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } }, lng: 'en-US', interpolation: { escapeValue: false } });
    expect(i18n.t('warnings.rollup', { count: 1 })).toBe('1 warning');
    expect(i18n.t('warnings.rollup', { count: 3 })).toBe('3 warnings');
    expect(i18n.t('statistics.cockpit.incomplete', { count: 1, period: '2026-10', previous: 5 })).toMatch(/^2026-10: reports of 1 enterprise approved so far, against 5/);
    expect(i18n.t('warnings.rollup', { count: 1, lng: 'zh-CN' })).toBe('预警 1');
    expect(i18n.t('warnings.rollup', { count: 3, lng: 'zh-CN' })).toBe('预警 3');
  });

  it('keep Chinese out of the English dictionary', () => {
    const withHan = [...en].filter(([, text]) => /\p{Script=Han}/u.test(text)).map(([key]) => key);
    expect(withHan).toEqual([]);
  });
});
