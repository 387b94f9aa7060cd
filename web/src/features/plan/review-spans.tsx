import { Button, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ParsedBaseline, ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import type { Range } from './review-source.tsx';

/**
 * Where in the source an item was read: one tag per range ("1203–1221"), each selecting its clause. A goal
 * stated twice (a summary restating the text) shows both, so the operator can check either.
 */
export function SpanTags({ ranges, selected, onSelect, testId }: { ranges: readonly Range[]; selected: Range | null; onSelect: (r: Range) => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="plan-review__spans" data-testid={testId}>
      {ranges.map((r, i) => (
        <Tooltip key={`${r.start}-${r.end}-${i}`} title={t('plan.review.showSource')}>
          <Tag
            className={`plan-review__span${selected && selected.start === r.start && selected.end === r.end ? ' is-selected' : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(r);
            }}
          >
            {`${r.start}–${r.end}`}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}

/**
 * Present-day figures the parser kept apart from the targets (2023年…136家, 已突破900亿元). They are not goals;
 * the operator checks them against the source and removes what is not a baseline.
 */
export function BaselinesEditor({ structure, edit, selected, onSelect }: {
  structure: ParsedPolicy;
  edit: (change: (draft: ParsedPolicy) => void) => void;
  selected: Range | null;
  onSelect: (r: Range) => void;
}) {
  const { t } = useTranslation();
  const rows = (structure.baselines ?? []).map((baseline, index) => ({ baseline, index }));
  const columns: TableColumnsType<{ baseline: ParsedBaseline; index: number }> = [
    { title: t('plan.goals.metric'), render: (_, { baseline }) => baseline.metric },
    { title: t('plan.goals.year'), width: 72, render: (_, { baseline }) => baseline.year ?? '—' },
    { title: t('plan.goals.value'), width: 96, render: (_, { baseline }) => baseline.value },
    { title: t('plan.goals.unit'), width: 72, render: (_, { baseline }) => baseline.unit },
    { title: t('plan.review.sourceSpans'), width: 110, render: (_, { baseline, index }) => <SpanTags ranges={[baseline.source]} selected={selected} onSelect={onSelect} testId={`review-baseline-span-${index}`} /> },
    {
      key: 'remove',
      width: 44,
      render: (_, { index }) => (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('plan.review.remove')} onClick={(e) => {
          e.stopPropagation();
          edit((x) => void x.baselines?.splice(index, 1));
        }} />
      ),
    },
  ];
  return (
    <Table
      size="small"
      rowKey="index"
      columns={columns}
      dataSource={rows}
      pagination={false}
      rowClassName={({ baseline }) => (selected && selected.start === baseline.source.start && selected.end === baseline.source.end ? 'is-selected plan-review__row' : 'plan-review__row')}
      onRow={({ baseline, index }) => ({ onClick: () => onSelect(baseline.source), 'data-testid': `review-baseline-${index}` }) as never}
      locale={{ emptyText: t('plan.review.noBaselines') }}
    />
  );
}
