/**
 * The demo achievements (演示数据): plausible, fictional listings of the district's platforms and of outside
 * institutions, one per row: [owner, kind, domain, chain node, TRL, partnerships, IP status, title, summary,
 * keywords]. An owner is a platform code of the registry, or an institution's (fictional) name.
 */
export type DemoListing = [owner: string, kind: 'patent' | 'technology' | 'project', domain: string, node: string | null, trl: number, partnerships: string[], ip: 'granted' | 'pending' | 'know-how' | 'software' | 'none', title: string, summary: string, keywords: string[]];

export const DEMO_INSTITUTIONS = ['申江大学生命科学学院', '东海理工大学化工学院', '沪南农业科学研究院', '浦江医学院附属医院转化医学中心', '长三角合成生物研究所'];

export const DEMO_LISTINGS: readonly DemoListing[] = [
  ['tsinghua-biomed-platform', 'patent', 'biomedicine', 'bm-antibody', 6, ['licence', 'co-development'], 'granted', '高载量蛋白A亲和层析介质及其制备方法', '琼脂糖基质偶联改造的蛋白A配基，动态载量达 65 g/L，耐受 0.5 M NaOH 在位清洗 200 次以上，适用于单抗下游纯化。', ['抗体', '层析', '纯化']],
  ['tsinghua-biomed-platform', 'technology', 'biomedicine', 'bm-antibody', 5, ['co-development'], 'know-how', '双特异性抗体高表达 CHO 细胞株构建平台', '基于定点整合的 CHO 细胞株开发技术，双抗表达量 3–5 g/L，细胞株构建周期缩短至 10 周。', ['抗体', '细胞株', 'CHO']],
  ['tsinghua-biomed-platform', 'patent', 'biomedicine', 'bm-protein', 4, ['licence'], 'granted', '长效重组人生长激素融合蛋白', '通过 Fc 融合延长半衰期，动物实验中给药间隔延长至每周一次，已完成药效学研究。', ['重组蛋白', '长效', '融合蛋白']],
  ['tsinghua-biomed-platform', 'project', 'biomedicine', 'bm-vaccine', 4, ['co-development', 'equity'], 'pending', 'mRNA 疫苗脂质纳米颗粒递送系统', '自主设计的可电离脂质库及 LNP 配方，小鼠模型中抗体滴度优于参比配方，寻求中试合作方。', ['mRNA', '疫苗', '递送']],
  ['bay-stem-cell-center', 'technology', 'biomedicine', 'bm-cgt', 5, ['service', 'co-development'], 'know-how', '间充质干细胞无血清规模化培养工艺', '微载体 + 生物反应器三维培养，单批次产量 10^10 细胞级，关键质量属性稳定。', ['干细胞', '细胞治疗', '无血清']],
  ['bay-stem-cell-center', 'patent', 'biomedicine', 'bm-cgt', 4, ['licence'], 'granted', 'CAR-T 细胞冻存复苏保护液', '不含 DMSO 的细胞冻存液配方，复苏后活率 > 90%，降低回输不良反应风险。', ['CAR-T', '冻存', '细胞治疗']],
  ['bay-stem-cell-center', 'project', 'biomedicine', 'bm-cgt', 3, ['co-development', 'equity'], 'pending', '诱导多能干细胞来源的胰岛细胞', 'iPSC 定向分化获得功能性胰岛样细胞，糖尿病小鼠模型中恢复血糖稳态，寻求产业化伙伴。', ['iPSC', '干细胞', '糖尿病']],
  ['pilot-scale-platform', 'technology', 'biomedicine', 'bm-api', 7, ['service', 'licence'], 'know-how', '酶法合成西格列汀中间体工艺包', '转氨酶不对称催化替代金属催化氢化，收率 92%，ee > 99.5%，已完成百公斤级验证。', ['酶催化', '原料药', '中间体']],
  ['pilot-scale-platform', 'technology', 'biomaterials', 'mat-monomers', 6, ['licence', 'transfer'], 'granted', '生物基 1,5-戊二胺发酵与提取工艺', '赖氨酸脱羧酶全细胞催化制备戊二胺，产物浓度 > 200 g/L，配套膜分离提取工艺。', ['戊二胺', '生物基', '尼龙']],
  ['pilot-scale-platform', 'project', 'biomaterials', 'mat-bulk-chem', 6, ['co-development'], 'know-how', '1,3-丙二醇连续发酵中试工艺', '甘油为底物的连续发酵工艺，时空产率提高 40%，已在 5 m³ 罐完成 1000 小时连续运行。', ['丙二醇', '连续发酵', '中试']],
  ['pilot-scale-platform', 'technology', 'bioagri-food', 'agf-ingredients', 7, ['service', 'licence'], 'know-how', '发酵法 2\'-岩藻糖基乳糖生产工艺', '工程大肠杆菌发酵生产母乳低聚糖 2\'-FL，发酵浓度 95 g/L，产品纯度 ≥ 98%。', ['母乳低聚糖', '发酵', '食品配料']],
  ['common-tech-platform', 'patent', 'biomaterials', 'mat-chassis', 5, ['licence'], 'granted', '耐高温谷氨酸棒杆菌底盘细胞', '经适应性进化与基因组精简，42 ℃ 下生长正常，降低发酵冷却能耗约 20%。', ['底盘细胞', '菌种', '发酵']],
  ['common-tech-platform', 'technology', 'biomaterials', 'mat-chassis', 4, ['co-development'], 'software', '代谢通路设计与菌株优化软件', '基于基因组规模代谢模型的通路设计工具，可给出敲除与过表达靶点建议，已用于 6 个产品。', ['代谢工程', '软件', '菌株设计']],
  ['common-tech-platform', 'patent', 'biomaterials', 'mat-monomers', 5, ['licence', 'transfer'], 'granted', '聚羟基脂肪酸酯(PHA)高产菌株及发酵方法', '嗜盐菌开放式发酵生产 PHA，无需灭菌，PHA 含量占细胞干重 80% 以上。', ['PHA', '可降解', '发酵']],
  ['common-tech-platform', 'technology', 'bioenergy-env', 'en-microbes', 5, ['co-development'], 'know-how', '秸秆纤维素高效降解复合酶制剂', '纤维素酶、木聚糖酶复配，秸秆糖化率 > 85%，可用于燃料乙醇与生物基化学品原料。', ['酶制剂', '秸秆', '纤维素']],
  ['rice-origin-center', 'patent', 'bioagri-food', 'agf-germplasm', 8, ['licence'], 'granted', '节水抗旱稻新品种选育方法', '分子标记辅助选择与表型组学结合，育成品种节水 40%，亩产与常规水稻相当。', ['节水抗旱稻', '育种', '分子标记']],
  ['rice-origin-center', 'technology', 'bioagri-food', 'agf-produce', 7, ['service'], 'know-how', '节水抗旱稻旱直播栽培技术规程', '配套旱直播、控灌与病虫害绿色防控，减少甲烷排放，已在 3 个镇示范推广。', ['节水抗旱稻', '栽培', '减排']],
  ['rice-origin-center', 'project', 'bioagri-food', 'agf-germplasm', 5, ['co-development'], 'pending', '水稻基因编辑抗病种质创制', '利用碱基编辑获得抗稻瘟病新种质，田间抗性鉴定达高抗水平。', ['基因编辑', '育种', '抗病']],
  ['aliyun-compute-center', 'technology', 'biomedicine', 'bm-cro-cdmo', 6, ['service'], 'software', '抗体序列 AI 可开发性评估服务', '基于大模型的抗体聚集、免疫原性与表达量预测，缩短先导分子筛选周期约 30%。', ['人工智能', '抗体', '药物发现']],
  ['aliyun-compute-center', 'technology', 'biomaterials', 'mat-chassis', 5, ['service', 'co-development'], 'software', '酶蛋白 AI 理性设计平台', '结合结构预测与分子动力学的酶改造平台，已实现多个工业酶热稳定性提升 10 ℃ 以上。', ['人工智能', '酶', '蛋白设计']],
  ['bio-testing-platform', 'technology', 'biomedicine', 'bm-diagnostics', 7, ['service'], 'know-how', '生物制品宿主细胞蛋白残留检测方法', '基于质谱的 HCP 鉴定与定量方法，灵敏度达 1 ppm，已通过方法学验证。', ['检测', '质谱', '生物制品']],
  ['bio-testing-platform', 'patent', 'biomedicine', 'bm-diagnostics', 6, ['licence'], 'granted', '呼吸道多病原联检微流控芯片', '一次检测 12 种呼吸道病原体，45 分钟出结果，灵敏度与实验室 PCR 相当。', ['诊断', '微流控', 'PCR']],
  ['materials-testing-platform', 'technology', 'biomaterials', 'mat-packaging', 7, ['service'], 'know-how', '可降解塑料制品堆肥降解性能快速评价方法', '加速堆肥条件下 45 天评价生物降解率，与标准方法结果偏差 < 5%。', ['可降解', '检测', '包装']],
  ['materials-testing-platform', 'patent', 'biomaterials', 'mat-medical', 5, ['licence', 'co-development'], 'granted', '可吸收聚乳酸骨钉及其制备方法', '聚乳酸/羟基磷灰石复合骨钉，强度保持 12 周，降解产物无明显炎症反应。', ['聚乳酸', '医用材料', '骨科']],
  ['申江大学生命科学学院', 'patent', 'biomedicine', 'bm-media', 5, ['licence'], 'granted', '化学成分限定的 CHO 细胞培养基配方', '无动物源成分培养基，支持 CHO 细胞密度 > 2×10^7/mL，表达量较商品化培养基提高 20%。', ['培养基', 'CHO', '细胞培养']],
  ['申江大学生命科学学院', 'patent', 'biomedicine', 'bm-strain', 4, ['licence', 'transfer'], 'granted', '毕赤酵母高效分泌表达载体', '新型启动子与信号肽组合，重组蛋白分泌表达量提高 3 倍。', ['毕赤酵母', '表达载体', '重组蛋白']],
  ['申江大学生命科学学院', 'project', 'biomedicine', 'bm-protein', 3, ['co-development', 'equity'], 'pending', '重组人源化胶原蛋白', '毕赤酵母表达的人源化 III 型胶原蛋白，可用于医美填充与创面修复。', ['胶原蛋白', '医美', '重组蛋白']],
  ['东海理工大学化工学院', 'patent', 'biomaterials', 'mat-monomers', 5, ['licence', 'transfer'], 'granted', '生物基呋喃二甲酸催化氧化制备方法', '以果糖为原料经 HMF 氧化制备 FDCA，收率 90%，可用于 PEF 聚酯。', ['FDCA', '生物基', '聚酯']],
  ['东海理工大学化工学院', 'technology', 'biomaterials', 'mat-process-equipment', 4, ['co-development'], 'know-how', '固定化酶连续流反应器', '微通道固定化酶反应器，酶使用寿命 > 30 天，适用于手性化学品连续生产。', ['连续流', '固定化酶', '反应器']],
  ['东海理工大学化工学院', 'patent', 'bioenergy-env', 'en-bio-jet', 4, ['licence', 'co-development'], 'pending', '废弃油脂加氢制备生物航煤催化剂', '非贵金属加氢脱氧催化剂，航煤馏分选择性 > 70%，寿命 1000 小时。', ['生物航煤', '催化剂', '废弃油脂']],
  ['东海理工大学化工学院', 'technology', 'bioenergy-env', 'en-ccus', 3, ['co-development'], 'none', '微藻固定工业烟气二氧化碳技术', '耐高 CO2 微藻株系与光生物反应器，固碳速率 1.2 g/L/d，藻粉可作饲料原料。', ['碳捕集', '微藻', 'CCUS']],
  ['沪南农业科学研究院', 'patent', 'bioagri-food', 'agf-pesticide', 6, ['licence'], 'granted', '苏云金芽孢杆菌高毒力菌株及制剂', '对鳞翅目害虫 LC50 较常规菌株降低 50%，可湿性粉剂货架期 24 个月。', ['生物农药', '芽孢杆菌', '植保']],
  ['沪南农业科学研究院', 'technology', 'bioagri-food', 'agf-fertilizer', 7, ['licence', 'service'], 'know-how', '畜禽粪污快速腐熟复合菌剂', '高温好氧发酵 7 天完成腐熟，臭气减排 60%，产品符合有机肥标准。', ['生物肥料', '菌剂', '粪污']],
  ['沪南农业科学研究院', 'patent', 'bioagri-food', 'agf-feed', 5, ['licence'], 'granted', '饲用植酸酶耐热突变体', '制粒温度 90 ℃ 下保留活性 > 85%，降低饲料磷添加量。', ['饲料', '酶制剂', '植酸酶']],
  ['沪南农业科学研究院', 'technology', 'bioagri-food', 'agf-animal-vaccine', 4, ['co-development'], 'pending', '非洲猪瘟亚单位疫苗抗原表达工艺', '杆状病毒表达多抗原组合，免疫猪只产生高水平抗体，正在开展攻毒保护试验。', ['动物疫苗', '亚单位', '表达']],
  ['浦江医学院附属医院转化医学中心', 'project', 'biomedicine', 'bm-devices', 5, ['co-development', 'equity'], 'pending', '可降解镁合金心血管支架', '镁合金支架 6 个月内完成支撑并逐步降解，动物实验无血栓形成。', ['医疗器械', '可降解', '支架']],
  ['浦江医学院附属医院转化医学中心', 'patent', 'biomedicine', 'bm-diagnostics', 6, ['licence'], 'granted', '肝癌早筛甲基化标志物组合', '血浆 ctDNA 甲基化标志物组合，临床样本中灵敏度 88%、特异性 93%。', ['诊断', '早筛', '甲基化']],
  ['浦江医学院附属医院转化医学中心', 'technology', 'biomedicine', 'bm-formulation', 6, ['licence', 'co-development'], 'know-how', '口服多肽药物肠溶纳米制剂', '渗透促进剂与肠溶包衣联用，口服生物利用度较普通制剂提高 5 倍。', ['制剂', '多肽', '口服']],
  ['长三角合成生物研究所', 'technology', 'bioagri-food', 'agf-cell-factory', 5, ['licence', 'co-development'], 'pending', '酵母细胞工厂合成虾青素', '重构类胡萝卜素代谢通路，摇瓶产量 200 mg/L，发酵法替代雨生红球藻提取。', ['合成生物', '细胞工厂', '虾青素']],
  ['长三角合成生物研究所', 'patent', 'bioagri-food', 'agf-strains', 6, ['licence'], 'granted', '高产 β-烟酰胺单核苷酸(NMN)的工程菌', '大肠杆菌全细胞催化生产 NMN，转化率 > 90%，无需添加昂贵辅因子。', ['NMN', '工程菌', '合成生物']],
  ['长三角合成生物研究所', 'technology', 'biomaterials', 'mat-fine-chem', 5, ['co-development', 'transfer'], 'know-how', '微生物发酵法生产鼠李糖脂表面活性剂', '铜绿假单胞菌非致病改造株发酵，产量 60 g/L，可用于日化与油田。', ['表面活性剂', '发酵', '日化']],
];

/** Demo challenges (技术需求) posted by district enterprises: [domain, node, title, description, keywords]. */
export const DEMO_CHALLENGES: readonly [string, string | null, string, string, string[]][] = [
  ['biomedicine', 'bm-antibody', '单抗下游纯化降本方案征集', '现有 Protein A 层析介质进口依赖、成本高，征集可替代的国产高载量层析介质或连续层析工艺。', ['层析', '纯化', '抗体']],
  ['biomaterials', 'mat-monomers', '可降解聚酯单体国产化技术需求', '寻求生物基单体(FDCA、戊二胺等)的低成本发酵或催化制备技术，用于可降解材料产线。', ['生物基', '可降解', '单体']],
  ['bioagri-food', 'agf-cell-factory', '天然色素发酵法替代植物提取', '公司现有虾青素、β-胡萝卜素依赖进口提取物，征集微生物细胞工厂发酵生产技术。', ['细胞工厂', '发酵', '色素']],
  ['biomedicine', 'bm-cgt', '细胞治疗产品冻存与运输解决方案', '征集无 DMSO 冻存液和冷链运输方案，保障 CAR-T 产品复苏后活率。', ['冻存', '细胞治疗', 'CAR-T']],
  ['bioenergy-env', 'en-microbes', '秸秆综合利用技术需求', '公司拟建设秸秆制糖示范线，寻求高效纤维素酶制剂及预处理工艺合作。', ['秸秆', '酶制剂', '纤维素']],
];
