import { describe, expect, it } from 'vitest';
import { buildView } from './normalize.ts';
import { findUnitClauses, parseClause } from './units.ts';

const lead = (name: string) => ({ name, role: 'lead' });
const co = (name: string) => ({ name, role: 'co' });
const clauses = (text: string) => {
  const view = buildView(text);
  return findUnitClauses(view, { start: 0, end: view.length }).map((c) => ({ text: text.slice(c.start, c.end), units: c.units }));
};

describe('parseClause', () => {
  it.each([
    ['责任单位:区经委、区科委', [lead('区经委'), co('区科委')]],
    ['责任单位:区经委,区科委', [lead('区经委'), co('区科委')]],
    ['责任单位:区财政局(金融办)、区国资委', [lead('区财政局(金融办)'), co('区国资委')]],
    ['牵头单位:区科委,配合单位:区经委、区市场监管局', [lead('区科委'), co('区经委'), co('区市场监管局')]],
    ['牵头单位:区科委;配合单位:区经委', [lead('区科委'), co('区经委')]],
    ['责任领导:王伟;责任单位:区农业农村委;配合单位:区科委', [lead('区农业农村委'), co('区科委')]],
    ['责任单位区生态环境局、区应急管理局', [lead('区生态环境局'), co('区应急管理局')]],
    ['区卫健委、区市场监管局按职责分工负责', [lead('区卫健委'), co('区市场监管局')]],
    ['区经委牵头,区科委、区投资促进办配合', [lead('区经委'), co('区科委'), co('区投资促进办')]],
    ['责任单位:区科委、区经委(牵头)', [co('区科委'), lead('区经委')]],
    ['责任部门:区发改委、各街镇等', [lead('区发改委'), co('各街镇')]],
    ['责任单位:区规划和自然资源局', [lead('区规划和自然资源局')]], // 和 inside a name is not a separator
    ['责任单位:区经委;各街镇、各园区配合', [lead('区经委'), co('各街镇'), co('各园区')]],
    ['区经委牵头,区科委、区财政局按职责分工负责', [lead('区经委'), co('区科委'), co('区财政局')]],
    ['[责任单位]区经委、区科委', [lead('区经委'), co('区科委')]],
    ['配合单位:区科委;责任单位:区经委', [co('区科委'), lead('区经委')]],
  ])('%s', (raw, expected) => {
    expect(parseClause(buildView(raw))).toEqual(expected);
  });

  it.each(['CRO', 'FDA', '以下简称“市公卫中心”', '2023年', '责任领导:张三', '需要各方配合', '由企业自行负责'])('is not a unit clause: %s', (raw) => {
    expect(parseClause(raw)).toBeNull();
  });
});

describe('findUnitClauses', () => {
  it('finds a bracketed clause with nested brackets, full-width or not', () => {
    expect(clauses('加快发展。(责任单位:区财政局(金融办)、区国资委)')).toEqual([
      { text: '(责任单位:区财政局(金融办)、区国资委)', units: [lead('区财政局(金融办)'), co('区国资委')] },
    ]);
    expect(clauses('加快发展。（责任单位：区财政局（金融办））')[0]!.units).toEqual([lead('区财政局(金融办)')]);
  });

  it('finds a clause on its own line and ignores the words in running prose', () => {
    const found = clauses('明确责任单位和完成时限。\n责任领导:李强;责任单位:区经委;配合单位:区科委');
    expect(found).toEqual([{ text: '责任领导:李强;责任单位:区经委;配合单位:区科委', units: [lead('区经委'), co('区科委')] }]);
  });

  it('finds a 【责任单位】 line', () => {
    expect(clauses('推进项目落地。\n【责任单位】区经委、区科委')[0]!.units).toEqual([lead('区经委'), co('区科委')]);
  });

  it('leaves abbreviations alone', () => {
    expect(clauses('委托研发服务(CRO)、委托生产服务(CMO)')).toEqual([]);
  });
});
