import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WarningRollup } from '../../../../contracts/warnings.ts';
import { LEVEL_COLOR } from './warning-style.ts';

type Count = WarningRollup['zones'][number];

/**
 * A roll-up count on a cockpit card or table heading: the number of live warnings in the worst colour,
 * linking to the warnings page filtered to that node. Nothing when there are none.
 */
export function WarningBadge({ count, filter }: { count: Count | undefined; filter: Record<string, string> }) {
  const { t } = useTranslation();
  if (!count || count.count === 0 || !count.worst) return null;
  return (
    <Link to={`/warnings?${new URLSearchParams(filter).toString()}`} onClick={(e) => e.stopPropagation()} data-testid="warning-badge">
      <Tag color={LEVEL_COLOR[count.worst]} style={{ marginInlineStart: 4, cursor: 'pointer' }}>
        {t('warnings.rollup', { count: count.count })}
      </Tag>
    </Link>
  );
}

/** The count of a key in one list of the roll-up. */
export const countOf = (list: readonly Count[] | undefined, key: string) => list?.find((c) => c.key === key);

/** A goal metric's count: the nearest goal year's node (goal-YYYY-metric) with the most warnings. */
export function goalCount(rollup: WarningRollup | null | undefined, metric: string): Count | undefined {
  const nodes = (rollup?.goals ?? []).filter((g) => g.key.endsWith(`-${metric.replace(/\s+/g, '')}`));
  return nodes.sort((a, b) => b.count - a.count)[0];
}
