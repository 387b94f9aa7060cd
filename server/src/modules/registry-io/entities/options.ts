import type { EnumOption } from '../../../domain/spreadsheet/columns.ts';
import { referenceData } from '../../../seed/reference/index.ts';
import type { ReferenceIndex } from '../../registry-common/index.ts';

/** Drop-down options of reference columns: the Chinese name is shown, the code is stored. */
const byName = (rows: Iterable<{ code: string; nameZh: string }>): EnumOption[] =>
  [...rows].map((r) => ({ value: r.code, label: r.nameZh }));

export const domainOptions = (index: ReferenceIndex) => byName(index.domains.values());
export const zoneOptions = (index: ReferenceIndex) => byName(index.zones.values());
export const carrierOptions = (index: ReferenceIndex) => byName(index.carriers.values());
export const nodeOptions = (index: ReferenceIndex) => byName(index.nodes.values());
/** 区科委 is shown; the full name (上海市金山区科学技术委员会) and the code are accepted too. */
export const departmentOptions = (index: ReferenceIndex): EnumOption[] =>
  [...index.departments.values()].flatMap((d) => [
    { value: d.code, label: d.shortNameZh ?? d.nameZh },
    { value: d.code, label: d.nameZh },
  ]);
/** Sub-fields are stored by their Chinese name (the enterprise column is free text in the schema). */
export const subfieldOptions = (): EnumOption[] =>
  referenceData.domains.flatMap((d) => d.subfields.map((s) => ({ value: s.nameZh, label: s.nameZh })));
