/**
 * A small labelled set of realistic postings for measuring the text similarity (docs/decisions/0027). Each
 * need lists the offers a purchaser would want to be introduced to; the rest are near misses on purpose
 * (the same words in another sense: food strains vs cell lines, disposable tableware vs single-use bioprocess
 * bags, environmental vs drug testing). Labelled by reading, before any method was run.
 */
export interface LabelledPosting {
  id: string;
  kind: 'need' | 'offer';
  node: string | null;
  text: string;
}

export const LABELLED_OFFERS: LabelledPosting[] = [
  { id: 'o-media-cho', kind: 'offer', node: 'bm-media', text: '无血清CHO细胞培养基 化学成分限定 批间差小 可提供定制配方与补料培养基 每月产能5000升' },
  { id: 'o-media-hek', kind: 'offer', node: 'bm-media', text: 'HEK293与Vero细胞培养基、病毒载体生产用无血清培养基，GMP级，支持小批量试用' },
  { id: 'o-media-microbe', kind: 'offer', node: 'agf-strains', text: '食品级发酵培养基原料、酵母浸粉、蛋白胨，适用于益生菌和乳酸菌发酵' },
  { id: 'o-sub-bag', kind: 'offer', node: 'bm-consumables', text: '一次性生物反应袋、储液袋、无菌连接器 2D/3D袋 50L至2000L 符合USP<665>' },
  { id: 'o-tableware', kind: 'offer', node: 'mat-disposables', text: 'PLA可降解一次性餐具、吸管与餐盒 年产能3000吨 可贴牌' },
  { id: 'o-bioreactor', kind: 'offer', node: 'bm-bioreactor', text: '不锈钢与一次性生物反应器 200L-2000L 含控制系统 可做工艺放大验证与安装调试' },
  { id: 'o-cdmo-mab', kind: 'offer', node: 'bm-cro-cdmo', text: '单克隆抗体CDMO服务：细胞株构建、工艺开发、中试放大、临床样品GMP生产' },
  { id: 'o-cdmo-cgt', kind: 'offer', node: 'bm-cro-cdmo', text: '病毒载体与细胞治疗CDMO：AAV、慢病毒载体工艺开发与GMP生产，CAR-T细胞制备' },
  { id: 'o-cell-line', kind: 'offer', node: 'bm-strain', text: 'CHO细胞株构建与高表达克隆筛选 稳定细胞系建库 单克隆性证明' },
  { id: 'o-testing-drug', kind: 'offer', node: 'bm-cro-cdmo', text: '药品质量检测服务：宿主细胞蛋白、残留DNA、内毒素检测，方法学验证，CNAS认可实验室' },
  { id: 'o-testing-env', kind: 'offer', node: 'en-water', text: '环境检测与水质监测服务：COD、氨氮、重金属检测，出具CMA报告' },
  { id: 'o-pha', kind: 'offer', node: 'mat-monomers', text: 'PHA聚羟基脂肪酸酯颗粒与PBS可降解树脂，吹膜级与注塑级，年产2万吨' },
  { id: 'o-pla-film', kind: 'offer', node: 'mat-packaging', text: '生物降解薄膜加工：PLA/PBAT共混吹膜、快递袋、农用地膜来料加工' },
  { id: 'o-enzyme', kind: 'offer', node: 'mat-chassis', text: '工业酶制剂定制开发：脂肪酶、纤维素酶，定向进化与高密度发酵表达' },
  { id: 'o-feed-enzyme', kind: 'offer', node: 'agf-strains', text: '饲用酶制剂 植酸酶 木聚糖酶 耐高温颗粒型 可供饲料厂' },
  { id: 'o-biopesticide', kind: 'offer', node: 'agf-pesticide', text: '苏云金杆菌、枯草芽孢杆菌生物农药原药及制剂，登记证齐全' },
  { id: 'o-plant-service', kind: 'offer', node: 'agf-plant-protection-service', text: '水稻病虫害绿色防控与无人机飞防植保服务，覆盖金山全域' },
  { id: 'o-waste-collect', kind: 'offer', node: 'en-biomass-collection', text: '湿垃圾与餐厨垃圾收运，秸秆打捆收储，可签长期供料协议' },
  { id: 'o-biogas', kind: 'offer', node: 'en-biogas', text: '沼气提纯生物天然气，管道供气或CNG槽车配送，可签年度供气合同' },
  { id: 'o-fill-finish', kind: 'offer', node: 'bm-formulation', text: '无菌制剂灌装服务：西林瓶与预充针灌装冻干，生物药制剂CMO' },
  { id: 'o-hyaluronic', kind: 'offer', node: 'bm-aesthetics', text: '医用级与化妆品级透明质酸钠原料，分子量可定制' },
  { id: 'o-probiotic', kind: 'offer', node: 'agf-ingredients', text: '益生菌菌粉与后生元原料，乳双歧杆菌、鼠李糖乳杆菌，功能食品配料' },
];

export const LABELLED_NEEDS: (LabelledPosting & { relevant: string[] })[] = [
  { id: 'n-media', kind: 'need', node: 'bm-media', text: '抗体中试线需采购无血清CHO培养基，每月约2000升，要求化学成分限定并提供批记录', relevant: ['o-media-cho'] },
  { id: 'n-aav-media', kind: 'need', node: 'bm-media', text: 'AAV病毒载体生产用HEK293悬浮细胞培养基，需无血清、GMP级', relevant: ['o-media-hek'] },
  { id: 'n-bags', kind: 'need', node: 'bm-consumables', text: '采购一次性储液袋与生物反应袋，500L规格，需无菌连接', relevant: ['o-sub-bag'] },
  { id: 'n-bioreactor', kind: 'need', node: 'bm-bioreactor', text: '新建车间需要2000L一次性生物反应器两台，含安装调试与工艺验证', relevant: ['o-bioreactor', 'o-sub-bag'] },
  { id: 'n-cdmo', kind: 'need', node: 'bm-cro-cdmo', text: '双抗项目寻找CDMO做工艺开发和临床样品GMP生产', relevant: ['o-cdmo-mab'] },
  { id: 'n-cell-line', kind: 'need', node: 'bm-strain', text: '委托构建CHO稳定细胞株，需高表达克隆筛选和建库', relevant: ['o-cell-line', 'o-cdmo-mab'] },
  { id: 'n-car-t', kind: 'need', node: 'bm-cgt', text: 'CAR-T产品需慢病毒载体委托生产', relevant: ['o-cdmo-cgt'] },
  { id: 'n-qc', kind: 'need', node: 'bm-cro-cdmo', text: '抗体原液放行检测外包：宿主细胞蛋白、残留DNA和内毒素检测', relevant: ['o-testing-drug'] },
  { id: 'n-water', kind: 'need', node: 'en-water', text: '污水处理站出水需委托第三方水质检测，COD与氨氮每月监测', relevant: ['o-testing-env'] },
  { id: 'n-resin', kind: 'need', node: 'mat-monomers', text: '薄膜厂采购PBS与PHA可降解树脂，吹膜级，每月50吨', relevant: ['o-pha'] },
  { id: 'n-film', kind: 'need', node: 'mat-packaging', text: '电商企业需要可降解快递袋代加工，PBAT共混膜', relevant: ['o-pla-film'] },
  { id: 'n-feed-enzyme', kind: 'need', node: 'agf-strains', text: '饲料厂需要耐高温植酸酶与木聚糖酶', relevant: ['o-feed-enzyme'] },
  { id: 'n-rice', kind: 'need', node: 'agf-produce', text: '节水抗旱稻基地需要病虫害绿色防控和生物农药', relevant: ['o-plant-service', 'o-biopesticide'] },
  { id: 'n-feedstock', kind: 'need', node: 'en-biomass-collection', text: '沼气工程需要稳定的餐厨垃圾与秸秆原料供应', relevant: ['o-waste-collect'] },
  { id: 'n-fill', kind: 'need', node: 'bm-formulation', text: '单抗制剂需委托无菌灌装与冻干，预充针规格', relevant: ['o-fill-finish'] },
  // worded unlike the offers (abbreviations, synonyms, the buyer's own vocabulary)
  { id: 'n-mab-pilot', kind: 'need', node: 'bm-cro-cdmo', text: '我司单抗项目需要外包中试放大及IND申报用样品生产', relevant: ['o-cdmo-mab'] },
  { id: 'n-endotoxin', kind: 'need', node: 'bm-cro-cdmo', text: '需第三方做细菌内毒素与无菌检查，出具检验报告', relevant: ['o-testing-drug'] },
  { id: 'n-tableware', kind: 'need', node: 'mat-disposables', text: '连锁餐饮采购可降解餐盒和吸管，每月20万套', relevant: ['o-tableware'] },
  { id: 'n-ha', kind: 'need', node: 'bm-aesthetics', text: '护肤品牌采购小分子玻尿酸原料', relevant: ['o-hyaluronic'] },
  { id: 'n-gas', kind: 'need', node: 'en-biogas', text: '园区锅炉改用生物天然气，需要稳定供气', relevant: ['o-biogas'] },
  { id: 'n-cellulase', kind: 'need', node: 'mat-chassis', text: '秸秆糖化项目需要纤维素酶，吨级采购', relevant: ['o-enzyme'] },
  { id: 'n-drone', kind: 'need', node: 'agf-plant-protection-service', text: '合作社需要无人机飞防，约3000亩水稻', relevant: ['o-plant-service'] },
  { id: 'n-yeast', kind: 'need', node: 'agf-strains', text: '发酵车间采购酵母浸粉和蛋白胨', relevant: ['o-media-microbe'] },
  { id: 'n-vial', kind: 'need', node: 'bm-formulation', text: '生物药企业需西林瓶冻干制剂代工', relevant: ['o-fill-finish'] },
  { id: 'n-lenti', kind: 'need', node: 'bm-cro-cdmo', text: '寻找慢病毒包装与AAV生产外包合作方', relevant: ['o-cdmo-cgt'] },
  { id: 'n-probiotic', kind: 'need', node: 'agf-ingredients', text: '功能食品企业采购鼠李糖乳杆菌益生菌菌粉', relevant: ['o-probiotic'] },
];
