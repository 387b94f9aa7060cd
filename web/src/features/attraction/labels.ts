import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetView } from '../../../../contracts/attraction.ts';
import { loadReferenceData, localName, type ReferenceData } from '../registries/shared/reference.ts';

export const STATUS_COLOUR: Record<TargetView['status'], string> = { open: 'blue', converted: 'green', dropped: 'default' };

type CodeName = { code: string; name: string } | null | undefined;

/**
 * Zone and department names in the page's language: the API answers with the Chinese name and the code, the
 * reference data (loaded once per page load) has the English one.
 */
export function useRefName() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const [reference, setReference] = useState<ReferenceData | null>(null);
  useEffect(() => void loadReferenceData().then(setReference, () => {}), []);
  const find = (list: { code: string; nameZh: string; nameEn: string }[] | undefined, v: CodeName) => {
    if (!v) return null;
    const row = list?.find((r) => r.code === v.code);
    return row ? localName(row, english) : v.name;
  };
  return { zone: (v: CodeName) => find(reference?.zones, v), department: (v: CodeName) => find(reference?.departments, v) };
}

/** Who carries a target, as the page names it: the park or department by name, else the commission's team. */
export function useOwnerName() {
  const { t } = useTranslation();
  const name = useRefName();
  return (o: TargetView['owner']) =>
    o.kind === 'zone' ? (name.zone(o.zone) ?? t('attraction.owners.zone')) : o.kind === 'department' ? (name.department(o.department) ?? t('attraction.owners.department')) : t('attraction.owners.commission');
}
