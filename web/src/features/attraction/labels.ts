import { useTranslation } from 'react-i18next';
import type { TargetView } from '../../../../contracts/attraction.ts';

export const STATUS_COLOUR: Record<TargetView['status'], string> = { open: 'blue', converted: 'green', dropped: 'default' };

/** Who carries a target, as the page names it: the park or department by name, else the commission's team. */
export function useOwnerName() {
  const { t } = useTranslation();
  return (o: TargetView['owner']) => (o.kind === 'zone' ? (o.zone?.name ?? t('attraction.owners.zone')) : o.kind === 'department' ? (o.department?.name ?? t('attraction.owners.department')) : t('attraction.owners.commission'));
}
