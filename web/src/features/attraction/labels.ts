import { useTranslation } from 'react-i18next';
import type { TargetView } from '../../../../contracts/attraction.ts';
import { useReferenceNames } from '../registries/shared/reference.ts';

export const STATUS_COLOUR: Record<TargetView['status'], string> = { open: 'blue', converted: 'green', dropped: 'default' };

type CodeName = { code: string; name: string } | null | undefined;

/**
 * Zone and department names in the page's language: the API answers with the Chinese name and the code, the
 * reference data (loaded once per page load) has the English one.
 */
export function useRefName() {
  const names = useReferenceNames();
  return { zone: (v: CodeName) => (v ? names.zone(v) : null), department: (v: CodeName) => (v ? names.department(v) : null) };
}

/** Who carries a target, as the page names it: the park or department by name, else the commission's team. */
export function useOwnerName() {
  const { t } = useTranslation();
  const name = useRefName();
  return (o: TargetView['owner']) =>
    o.kind === 'zone' ? (name.zone(o.zone) ?? t('attraction.owners.zone')) : o.kind === 'department' ? (name.department(o.department) ?? t('attraction.owners.department')) : t('attraction.owners.commission');
}
