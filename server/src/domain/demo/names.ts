/**
 * Fictional names for the demo: companies from two- or three-character brands built from syllables, people
 * from common surnames and given-name characters, Jinshan landline numbers. Brands that coincide with well-known
 * real companies in the sector are excluded, so that a demo screen never seems to report a real firm's figures.
 */
import type { Rng } from './prng.ts';

const BRAND_CHARS = [...'澜禾沐峰瑞晟泓霖璟昕钧祺拓岚嘉铭熙朗骏弘坤源舜泽邦曜颐翰菁洛垚驰逸恒诺芮蔚森屹湃琨朴'];
/** Real company brands (pharma, CRO, chemicals) that the syllables above could spell. */
const REAL_BRANDS = new Set(['恒瑞', '泽璟', '睿智', '嘉和', '恒源', '朗诺', '源恒', '弘源', '瑞源', '诺泽', '森泽']);

const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  biomedicine: ['生物科技', '生物医药', '制药', '生物制品', '医疗器械', '基因科技', '细胞科技', '医疗科技', '诊断技术'],
  biomaterials: ['生物材料', '新材料', '生物基材料', '化学科技', '高分子材料', '精细化工'],
  'bioagri-food': ['农业科技', '生物农业', '食品科技', '健康食品', '种业科技', '饲料科技'],
  'bioenergy-env': ['新能源', '生物能源', '环保科技', '环境科技', '能源科技', '低碳科技'],
};

/** Where a domain's generic words would mislead (a cell-therapy firm called 医疗器械), the node's own words. */
const NODE_WORDS: Record<string, readonly string[]> = {
  'bm-strain': ['细胞科技', '基因科技', '生物技术'],
  'bm-cgt': ['细胞科技', '基因科技', '生物技术'],
  'bm-media': ['生物科技', '生物工程'],
  'bm-bioreactor': ['生物装备', '生物工程', '智能装备'],
  'bm-consumables': ['生命科技', '生物材料', '医疗用品'],
  'bm-cro-cdmo': ['医药科技', '医药研发', '生物技术'],
  'bm-antibody': ['生物制药', '生物医药', '生物制品'],
  'bm-vaccine': ['生物制品', '疫苗科技', '生物制药'],
  'bm-protein': ['生物制药', '生物科技', '蛋白科技'],
  'bm-api': ['制药', '药业', '医药化工'],
  'bm-formulation': ['制药', '药业', '生物医药'],
  'bm-aesthetics': ['生物科技', '医美科技', '健康科技'],
  'bm-diagnostics': ['诊断技术', '生物科技', '医学科技'],
  'bm-devices': ['医疗器械', '医疗科技', '医疗设备'],
};

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤'];
const GIVEN_CHARS = [...'伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚华建文辉玲鹏晨欣宇浩婷雪琳佳俊博晓思雨嘉晗诚凯帆琪颖蕾哲睿翔宁斌慧峰'];

export const CONTACT_TITLES = ['总经理', '副总经理', '财务总监', '统计负责人', '行政经理', '董事会秘书'];

export function personName(rng: Rng): string {
  const given = rng.chance(0.35) ? rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS);
  return rng.pick(SURNAMES) + given;
}

/** A Jinshan landline: 021-57xxxxxx (the district's 57 exchange prefix). */
export function jinshanPhone(rng: Rng): string {
  return `021-57${String(rng.int(0, 999_999)).padStart(6, '0')}`;
}

function brand(rng: Rng, length: number): string {
  for (;;) {
    let b = '';
    for (let i = 0; i < length; i++) b += rng.pick(BRAND_CHARS);
    if (new Set(b).size === b.length && !REAL_BRANDS.has(b.slice(0, 2))) return b;
  }
}

/**
 * Keeps names unique across one data set. Collisions fall back to three-character brands, which gives
 * 40³ × words combinations: enough for the 100 000-enterprise benchmark.
 */
export class NameRegistry {
  private readonly used = new Set<string>();

  /** e.g. 上海澜禾生物医药有限公司, 铭拓新材料(上海)有限公司, 上海金山泓霖农业科技有限公司 */
  company(rng: Rng, domainCode: string, place = '上海', nodeCode?: string): { name: string; brand: string } {
    const words = (nodeCode && NODE_WORDS[nodeCode]) || INDUSTRY_WORDS[domainCode] || INDUSTRY_WORDS['biomedicine']!;
    for (let attempt = 0; ; attempt++) {
      const b = brand(rng, attempt < 8 ? 2 : 3);
      const word = rng.pick(words);
      const form = rng.next();
      const name =
        form < 0.6 ? `${place}${b}${word}有限公司` : form < 0.8 ? `${b}${word}(${place})有限公司` : `${place}金山${b}${word}有限公司`;
      if (place !== '上海' && form >= 0.8) continue; // "苏州金山…" would be confusing
      if (!this.used.has(name)) {
        this.used.add(name);
        return { name, brand: b };
      }
    }
  }

  /** Reserves a name made elsewhere (e.g. a platform named after its operator). */
  reserve(name: string): boolean {
    if (this.used.has(name)) return false;
    this.used.add(name);
    return true;
  }
}
