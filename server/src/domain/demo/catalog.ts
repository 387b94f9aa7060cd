/**
 * Service-side demo data: platforms (R&D, testing, CRO/CMO/CDMO) with bookable instruments, the expert pool,
 * and the candidate pool of outside companies that chain-based attraction (链式招商, SPEC §7) ranks.
 */
import { chainNodes, domains } from '../../seed/reference/index.ts';
import { DOMAIN_SHARES } from './enterprises.ts';
import type { EnterpriseModel, ResolvedOptions } from './model.ts';
import { groupByDomain } from './projects.ts';
import { jinshanPhone, NameRegistry, personName } from './names.ts';
import { createRng, type Rng } from './prng.ts';
import type { DemoCandidate, DemoExpert, DemoInstrument, DemoPlatform, PlatformKind, SizeTier } from './types.ts';

const INSTRUMENTS: Record<PlatformKind, readonly [string, number][]> = {
  rd: [['高通量菌种筛选系统', 600], ['基因测序仪', 800], ['流式细胞仪', 400], ['激光共聚焦显微镜', 500], ['PCR仪', 120]],
  testing: [['液相色谱-质谱联用仪', 900], ['气相色谱仪', 300], ['核磁共振波谱仪', 1_200], ['元素分析仪', 350], ['万能材料试验机', 250]],
  cro: [['超高效液相色谱仪', 450], ['细胞培养工作站', 300], ['酶标仪', 100]],
  cmo: [['500L发酵罐', 1_500], ['灌装线(西林瓶)', 2_000], ['冻干机', 1_200]],
  cdmo: [['50L一次性生物反应器', 1_800], ['层析纯化系统', 900], ['超滤切向流系统', 700]],
};

interface FixedPlatform {
  code: string;
  nameZh: string;
  kind: PlatformKind;
  zoneCode: string | null;
  carrierCode: string | null;
  namedInPolicy: boolean;
  servicesZh: string[];
}

/** Platforms the policy names (plus two public testing platforms a district of this kind would run). */
const FIXED_PLATFORMS: readonly FixedPlatform[] = [
  { code: 'pilot-scale-platform', nameZh: '生物制造中试工艺验证与工程技术服务平台', kind: 'testing', zoneCode: 'medicine-port', carrierCode: 'zjjs-biomed-park', namedInPolicy: true, servicesZh: ['中试工艺验证', '工程放大', '工艺设计'] },
  { code: 'common-tech-platform', nameZh: '生物制造共性技术研发平台', kind: 'rd', zoneCode: 'innovation-city', carrierCode: 'zhongke-digital-port', namedInPolicy: true, servicesZh: ['底盘细胞构建', '菌种筛选', '基因编辑'] },
  { code: 'tsinghua-biomed-platform', nameZh: '清华高端院生物医药产学研平台', kind: 'rd', zoneCode: 'innovation-city', carrierCode: null, namedInPolicy: true, servicesZh: ['产学研合作', '成果转化'] },
  { code: 'bay-stem-cell-center', nameZh: '湾区干细胞精准医疗创新综合中心', kind: 'rd', zoneCode: 'innovation-city', carrierCode: 'public-health-center', namedInPolicy: true, servicesZh: ['干细胞制备', '细胞质量检测'] },
  { code: 'rice-origin-center', nameZh: '节水抗旱稻策源中心', kind: 'rd', zoneCode: 'agri-park', carrierCode: 'national-agri-park', namedInPolicy: true, servicesZh: ['育种育苗', '品种测试'] },
  { code: 'aliyun-compute-center', nameZh: '阿里云华东智能算力中心', kind: 'rd', zoneCode: null, carrierCode: null, namedInPolicy: true, servicesZh: ['药效评价算力', '菌种筛选AI建模', '数据分析'] },
  { code: 'bio-testing-platform', nameZh: '金山生物医药检验检测公共服务平台', kind: 'testing', zoneCode: 'medicine-port', carrierCode: 'bay-biomed-port', namedInPolicy: false, servicesZh: ['理化检测', '微生物检测', '注册检验辅导'] },
  { code: 'materials-testing-platform', nameZh: '生物材料检测与应用评价平台', kind: 'testing', zoneCode: 'materials-bay', carrierCode: 'carbon-valley-park', namedInPolicy: false, servicesZh: ['降解性能测试', '力学性能测试'] },
];

function instrumentsFor(rng: Rng, code: string, kind: PlatformKind): DemoInstrument[] {
  const pool = rng.shuffle([...INSTRUMENTS[kind]]);
  return pool.slice(0, rng.int(2, pool.length)).map(([nameZh, fee], i) => ({ code: `${code}-i${i + 1}`, nameZh, hourlyFeeYuan: fee }));
}

export function buildPlatforms(models: readonly EnterpriseModel[], opts: ResolvedOptions): DemoPlatform[] {
  const rng = createRng(opts.seed, 'platforms');
  const platforms: DemoPlatform[] = FIXED_PLATFORMS.map((p) => ({ ...p, operatorEnterpriseId: null, instruments: instrumentsFor(rng, p.code, p.kind) }));
  // CRO / CDMO / CMO platforms are run by firms of the district at the matching chain nodes.
  const operated: [PlatformKind, string[], string][] = [
    ['cro', ['bm-cro-cdmo'], '药物研发外包服务平台'],
    ['cdmo', ['bm-cro-cdmo', 'bm-antibody', 'bm-protein'], '生物药合同研发生产平台'],
    ['cmo', ['bm-formulation', 'bm-vaccine', 'bm-api'], '合同生产服务平台'],
  ];
  const used = new Set<string>();
  for (const [kind, nodes, label] of operated) {
    const firms = models.filter(
      (m) => m.enterprise.status === 'active' && nodes.includes(m.enterprise.chainNodeCodes[0]!) && !used.has(m.enterprise.id),
    );
    if (firms.length === 0) continue;
    const e = rng.pick(firms).enterprise;
    used.add(e.id);
    const code = `${kind}-platform-${e.id}`;
    platforms.push({
      code,
      nameZh: `${e.name.replace(/有限公司$/, '')}${label}`,
      kind,
      zoneCode: e.zoneCode,
      carrierCode: e.carrierCode,
      operatorEnterpriseId: e.id,
      namedInPolicy: false,
      servicesZh: kind === 'cro' ? ['药理药效评价', '分析方法开发'] : ['工艺开发', 'GMP生产', '质量研究'],
      instruments: instrumentsFor(rng, code, kind),
    });
  }
  // The district's other service platforms (public pilot lines, testing and R&D labs across the four domains),
  // so the services run on about twenty platforms as in a district of this size; a stream of their own keeps
  // the platforms above and their instruments as they were.
  const more = createRng(opts.seed, 'platforms-more');
  for (const p of DISTRICT_PLATFORMS) platforms.push({ ...p, operatorEnterpriseId: null, instruments: instrumentsFor(more, p.code, p.kind) });
  return platforms;
}

const DISTRICT_PLATFORMS: readonly FixedPlatform[] = [
  { code: 'synbio-foundry', nameZh: '合成生物自动化设计构建测试平台', kind: 'rd', zoneCode: 'innovation-city', carrierCode: 'donghu-innovation-center', namedInPolicy: false, servicesZh: ['自动化菌株构建', '高通量测试', '代谢通路设计'] },
  { code: 'cgt-gmp-platform', nameZh: '细胞与基因治疗GMP公共服务平台', kind: 'cdmo', zoneCode: 'medicine-port', carrierCode: 'zjjs-biomed-park', namedInPolicy: false, servicesZh: ['质粒与病毒载体生产', '细胞制备', '放行检测'] },
  { code: 'biomed-registration-platform', nameZh: '生物医药注册申报与临床研究服务平台', kind: 'cro', zoneCode: 'medicine-port', carrierCode: 'bay-biomed-port', namedInPolicy: false, servicesZh: ['注册申报辅导', '临床试验方案设计'] },
  { code: 'fermentation-pilot-platform', nameZh: '生物基材料发酵中试服务平台', kind: 'cmo', zoneCode: 'materials-bay', carrierCode: 'carbon-valley-incubator', namedInPolicy: false, servicesZh: ['发酵工艺放大', '中试样品制备'] },
  { code: 'enzyme-engineering-lab', nameZh: '工业酶制剂研发与应用评价平台', kind: 'rd', zoneCode: 'materials-bay', carrierCode: 'carbon-valley-park', namedInPolicy: false, servicesZh: ['酶分子改造', '酶活测定', '应用评价'] },
  { code: 'agri-inputs-testing', nameZh: '生物农业投入品检测评价平台', kind: 'testing', zoneCode: 'agri-park', carrierCode: 'agri-park-accelerator', namedInPolicy: false, servicesZh: ['生物农药药效试验', '饲料添加剂检测'] },
  { code: 'food-health-testing', nameZh: '功能食品与健康产品检测平台', kind: 'testing', zoneCode: 'agri-park', carrierCode: 'national-agri-park', namedInPolicy: false, servicesZh: ['营养成分检测', '功效评价'] },
  { code: 'bioenergy-pilot-platform', nameZh: '生物质能源转化中试平台', kind: 'rd', zoneCode: 'energy-valley', carrierCode: 'energy-valley-base', namedInPolicy: false, servicesZh: ['生物质预处理', '生物燃料分析'] },
];

const TITLES = ['教授', '研究员', '主任医师', '教授级高级工程师', '高级工程师', '副教授'];
const AFFILIATIONS = [
  '上海某高校生命科学学院', '上海某高校药学院', '某国家级科研院所', '某三甲医院临床研究中心', '某高校化学化工学院',
  '某农业科学院', '某生物医药企业研发中心', '某高校环境科学与工程学院', '某行业协会',
];
const CONFLICT_RELATIONS = ['曾任该企业技术顾问', '持有该企业股份', '近三年与该企业有合作研发项目', '亲属在该企业任职'];

export function buildExperts(models: readonly EnterpriseModel[], opts: ResolvedOptions): DemoExpert[] {
  const count = Math.round(20 + opts.enterprises / 15);
  const byDomain = groupByDomain(models);
  const experts: DemoExpert[] = [];
  for (let i = 0; i < count; i++) {
    const rng = createRng(opts.seed, 'expert', i);
    const primary = rng.weighted(Object.keys(DOMAIN_SHARES), Object.values(DOMAIN_SHARES));
    const domainCodes = [primary];
    if (rng.chance(0.2)) {
      const other = rng.pick(domains).code;
      if (other !== primary) domainCodes.push(other);
    }
    const subfields = domains.filter((d) => domainCodes.includes(d.code)).flatMap((d) => d.subfields.map((s) => s.code));
    const subfieldCodes = rng.shuffle(subfields).slice(0, rng.int(1, 3));
    const declaredConflicts: DemoExpert['declaredConflicts'] = [];
    if (rng.chance(0.25)) {
      const related = byDomain.get(primary) ?? [];
      for (let c = rng.int(1, 2); c > 0 && related.length > 0; c--) {
        const e = rng.pick(related).enterprise;
        if (!declaredConflicts.some((d) => d.enterpriseId === e.id)) {
          declaredConflicts.push({ enterpriseId: e.id, relationZh: rng.pick(CONFLICT_RELATIONS) });
        }
      }
    }
    experts.push({
      id: `demo-exp-${String(i + 1).padStart(4, '0')}`,
      name: personName(rng),
      titleZh: rng.pick(TITLES),
      affiliationZh: rng.pick(AFFILIATIONS),
      domainCodes,
      subfieldCodes,
      isCommitteeMember: rng.chance(0.6),
      phone: jinshanPhone(rng),
      declaredConflicts,
    });
  }
  return experts;
}

const CITIES: readonly [string, string][] = [
  ['苏州', '江苏'], ['杭州', '浙江'], ['北京', '北京'], ['深圳', '广东'], ['南京', '江苏'], ['武汉', '湖北'],
  ['成都', '四川'], ['合肥', '安徽'], ['宁波', '浙江'], ['广州', '广东'], ['天津', '天津'], ['上海', '上海'],
];
const CANDIDATE_REVENUE: Record<SizeTier, [number, number]> = {
  leader: [100_000, 800_000],
  large: [20_000, 100_000],
  medium: [2_000, 20_000],
  small: [200, 2_000],
};

/** Outside companies by chain node: every node gets at least one, so gap analysis always has targets to rank. */
export function buildCandidatePool(models: readonly EnterpriseModel[], opts: ResolvedOptions): DemoCandidate[] {
  const count = Math.max(chainNodes.length, Math.round(opts.enterprises * 0.8));
  const names = new NameRegistry();
  for (const m of models) names.reserve(m.enterprise.name);
  const pool: DemoCandidate[] = [];
  for (let i = 0; i < count; i++) {
    const rng = createRng(opts.seed, 'candidate', i);
    const node = i < chainNodes.length ? chainNodes[i]! : rng.pick(chainNodes);
    const [city, province] = rng.pick(CITIES);
    const sizeTier = rng.weighted<SizeTier>(['leader', 'large', 'medium', 'small'], [0.12, 0.3, 0.38, 0.2]);
    const annualRevenue = Math.round(rng.logUniform(...CANDIDATE_REVENUE[sizeTier]) / 10) * 10;
    pool.push({
      id: `demo-cand-${String(i + 1).padStart(5, '0')}`,
      name: names.company(rng, node.domainCode, city, node.code).name,
      domainCode: node.domainCode,
      chainNodeCode: node.code,
      sizeTier,
      annualRevenue,
      employees: Math.max(10, Math.round(annualRevenue / rng.float(80, 250))),
      city,
      province,
      isListed: rng.chance({ leader: 0.7, large: 0.3, medium: 0.05, small: 0.01 }[sizeTier]),
    });
  }
  return pool;
}
