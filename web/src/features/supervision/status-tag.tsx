import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatusColour } from '../../../../contracts/supervision.ts';

/** 三色督办: the antd colour of each status (blue near a deadline, yellow behind, red overdue, green on track). */
export const STATUS_TAG_COLOR: Record<StatusColour, string> = { green: 'success', blue: 'processing', yellow: 'warning', red: 'error' };

export function StatusTag({ status }: { status: StatusColour }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_TAG_COLOR[status]}>{t(`supervision.status.${status}`)}</Tag>;
}
