import { Button, Card, Collapse, Input, InputNumber, List, Select, Space, Table, Tag } from 'antd';
import { BaselinesEditor, SpanTags } from './review-spans.tsx';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GOAL_COMPARATORS, type ParsedGoal, type ParsedPolicy, type ParsedTask } from '../../../../contracts/plan-parse.ts';
import type { Range } from './review-source.tsx';

export type Edit = (change: (draft: ParsedPolicy) => void) => void;

interface Props {
  structure: ParsedPolicy;
  edit: Edit;
  selected: Range | null;
  onSelect: (range: Range) => void;
}

const isSelected = (selected: Range | null, r: Range) => selected !== null && selected.start === r.start && selected.end === r.end;

/**
 * The extracted structure, editable: the operator corrects titles, values, units, years and unit lists, and
 * removes what the parser took for a target by mistake. Clicking an item selects its clause in the source.
 */
export function ReviewStructure({ structure, edit, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const s = structure;
  const tasks = s.tasks.map((task, index) => ({ task, index }));
  return (
    <Collapse
      className="plan-review__structure"
      defaultActiveKey={['header', 'goals', 'baselines', 'tasks', 'warnings']}
      items={[
        { key: 'header', label: t('plan.review.header'), children: <HeaderEditor structure={s} edit={edit} /> },
        { key: 'goals', label: `${t('plan.tabs.goals')} (${s.goals.length})`, children: <GoalsEditor structure={s} edit={edit} selected={selected} onSelect={onSelect} /> },
        {
          key: 'baselines',
          label: `${t('plan.review.baselines')} (${s.baselines?.length ?? 0})`,
          children: <BaselinesEditor structure={s} edit={edit} selected={selected} onSelect={onSelect} />,
        },
        {
          key: 'domains',
          label: `${t('plan.tabs.domains')} (${s.domains.length})`,
          children: s.domains.map((d, i) => (
            <Card key={i} size="small" className={`plan-review__item${isSelected(selected, d.source) ? ' is-selected' : ''}`} onClick={() => onSelect(d.source)}>
              <Input value={d.name} onChange={(e) => edit((x) => void (x.domains[i]!.name = e.target.value))} addonBefore={t('plan.review.name')} />
              <Select mode="tags" className="full-width plan-review__tags" value={d.subfields} onChange={(v: string[]) => edit((x) => void (x.domains[i]!.subfields = v))} placeholder={t('plan.domains.subfields')} />
            </Card>
          )),
        },
        {
          key: 'zones',
          label: `${t('plan.tabs.zones')} (${s.zones.length})`,
          children: s.zones.map((z, i) => (
            <Card key={i} size="small" className={`plan-review__item${isSelected(selected, z.source) ? ' is-selected' : ''}`} onClick={() => onSelect(z.source)}>
              <Space.Compact className="full-width">
                <Input value={z.name} onChange={(e) => edit((x) => void (x.zones[i]!.name = e.target.value))} addonBefore={t('plan.review.name')} />
                <Input value={z.base} onChange={(e) => edit((x) => void (x.zones[i]!.base = e.target.value))} addonBefore={t('plan.zones.base')} />
              </Space.Compact>
              <Select mode="tags" className="full-width plan-review__tags" value={z.carriers} onChange={(v: string[]) => edit((x) => void (x.zones[i]!.carriers = v))} placeholder={t('plan.zones.carriers')} />
            </Card>
          )),
        },
        {
          key: 'tasks',
          label: `${t('plan.tabs.tasks')} / ${t('plan.tabs.safeguards')} (${s.tasks.length})`,
          children: tasks.map(({ task, index }) => <TaskEditor key={index} task={task} index={index} edit={edit} selected={selected} onSelect={onSelect} />),
        },
        {
          key: 'warnings',
          label: `${t('plan.review.warnings')} (${s.warnings.length})`,
          children: s.warnings.length ? (
            <List
              size="small"
              dataSource={s.warnings}
              renderItem={(w, i) => (
                <List.Item className={`plan-review__warning${isSelected(selected, w) ? ' is-selected' : ''}`} onClick={() => onSelect(w)} data-testid={`review-warning-${i}`}>
                  <Tag color="orange">{`${w.start}–${w.end}`}</Tag> {w.message}
                </List.Item>
              )}
            />
          ) : (
            <span className="muted">{t('plan.review.noWarnings')}</span>
          ),
        },
      ]}
    />
  );
}

function HeaderEditor({ structure, edit }: Pick<Props, 'structure' | 'edit'>) {
  const { t } = useTranslation();
  const field = (key: 'title' | 'issuer' | 'issuedOn', label: string) => (
    <Input value={structure[key] ?? ''} addonBefore={label} onChange={(e) => edit((x) => void (x[key] = e.target.value.trim() ? e.target.value : null))} />
  );
  return (
    <Space direction="vertical" className="full-width">
      {field('title', t('plan.review.title'))}
      {field('issuer', t('plan.review.issuer'))}
      {field('issuedOn', t('plan.review.issuedOn'))}
      <Input value={structure.docNumber ?? ''} addonBefore={t('plan.review.docNumber')} onChange={(e) => edit((x) => void (x.docNumber = e.target.value.trim() ? e.target.value : undefined))} />
    </Space>
  );
}

function GoalsEditor({ structure, edit, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ParsedGoal>) => edit((x) => void Object.assign(x.goals[i]!, patch));
  const rows = structure.goals.map((goal, index) => ({ goal, index }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('plan.goals.metric'), width: 150, render: (_, { goal, index }) => <Input value={goal.metric} onChange={(e) => set(index, { metric: e.target.value })} data-testid={`review-goal-metric-${index}`} /> },
    { title: t('plan.goals.year'), width: 92, render: (_, { goal, index }) => <InputNumber value={goal.year} min={1900} max={2200} onChange={(v) => v !== null && set(index, { year: v })} /> },
    { title: t('plan.goals.comparator'), width: 96, render: (_, { goal, index }) => <Select value={goal.comparator} onChange={(v) => set(index, { comparator: v })} options={GOAL_COMPARATORS.map((c) => ({ value: c, label: c }))} popupMatchSelectWidth={false} /> },
    { title: t('plan.goals.value'), width: 104, render: (_, { goal, index }) => <InputNumber value={goal.value} onChange={(v) => v !== null && set(index, { value: v })} data-testid={`review-goal-value-${index}`} /> },
    {
      title: t('plan.goals.valueMax'),
      width: 92,
      render: (_, { goal, index }) => (
        <InputNumber value={goal.valueMax ?? null} onChange={(v) => edit((x) => void (v === null ? delete x.goals[index]!.valueMax : (x.goals[index]!.valueMax = v)))} />
      ),
    },
    { title: t('plan.goals.unit'), width: 84, render: (_, { goal, index }) => <Input value={goal.unit} onChange={(e) => set(index, { unit: e.target.value })} /> },
    {
      // 约数 (左右, 十余) and 相对 (翻一番) targets are marked; the operator can set or clear the mark.
      title: t('plan.review.marks'),
      width: 128,
      render: (_, { goal, index }) => (
        <span onClick={(e) => e.stopPropagation()} data-testid={`review-goal-marks-${index}`}>
          <Tag.CheckableTag checked={Boolean(goal.approximate)} onChange={(on) => edit((x) => void (on ? (x.goals[index]!.approximate = true) : delete x.goals[index]!.approximate))}>
            {t('plan.review.approximate')}
          </Tag.CheckableTag>
          <Tag.CheckableTag checked={Boolean(goal.relative)} onChange={(on) => edit((x) => void (on ? (x.goals[index]!.relative = true) : delete x.goals[index]!.relative))}>
            {t('plan.review.relative')}
          </Tag.CheckableTag>
        </span>
      ),
    },
    {
      title: t('plan.review.sourceSpans'),
      width: 120,
      render: (_, { goal, index }) => <SpanTags ranges={goal.sources ?? [goal.source]} selected={selected} onSelect={onSelect} testId={`review-goal-spans-${index}`} />,
    },
    {
      key: 'remove',
      width: 44,
      render: (_, { index }) => (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('plan.review.remove')} onClick={(e) => {
          e.stopPropagation();
          edit((x) => void x.goals.splice(index, 1));
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
      scroll={{ x: 908 }}
      rowClassName={({ goal }) => (isSelected(selected, goal.source) ? 'is-selected plan-review__row' : 'plan-review__row')}
      onRow={({ goal, index }) => ({ onClick: () => onSelect(goal.source), 'data-testid': `review-goal-${index}` }) as never}
      locale={{ emptyText: t('plan.goals.empty') }}
    />
  );
}

function TaskEditor({ task, index, edit, selected, onSelect }: { task: ParsedTask; index: number } & Omit<Props, 'structure'>) {
  const { t } = useTranslation();
  const names = (role: 'lead' | 'co') => task.units.filter((u) => u.role === role).map((u) => u.name);
  const setUnits = (role: 'lead' | 'co', list: string[]) =>
    edit((x) => {
      const other = x.tasks[index]!.units.filter((u) => u.role !== role);
      const mine = [...new Set(list.map((n) => n.trim()).filter(Boolean))].map((name) => ({ name, role }));
      x.tasks[index]!.units = role === 'lead' ? [...mine, ...other] : [...other, ...mine];
    });
  return (
    <Card
      size="small"
      className={`plan-review__item${isSelected(selected, task.source) ? ' is-selected' : ''}`}
      onClick={() => onSelect(task.source)}
      data-testid={`review-task-${index}`}
      title={
        <Space>
          <Tag color={task.kind === 'task' ? 'green' : 'purple'}>{t(`plan.review.kind.${task.kind}`)}</Tag>
          <span>{task.label}</span>
        </Space>
      }
    >
      <Input value={task.title} onChange={(e) => edit((x) => void (x.tasks[index]!.title = e.target.value))} addonBefore={t('plan.review.title')} />
      {task.unitSources?.length ? (
        <div className="plan-review__unit-source">
          {t('plan.review.unitSource')}: <SpanTags ranges={task.unitSources} selected={selected} onSelect={onSelect} testId={`review-task-unit-spans-${index}`} />
        </div>
      ) : null}
      <div className="plan-review__units">
        <Select mode="tags" className="full-width" value={names('lead')} onChange={(v: string[]) => setUnits('lead', v)} placeholder={t('plan.roles.lead')} prefix={t('plan.roles.lead')} onClick={(e) => e.stopPropagation()} />
        <Select mode="tags" className="full-width" value={names('co')} onChange={(v: string[]) => setUnits('co', v)} placeholder={t('plan.roles.co')} prefix={t('plan.roles.co')} onClick={(e) => e.stopPropagation()} />
      </div>
      <ol className="plan-review__measures">
        {task.measures.map((m, j) => (
          <li
            key={j}
            className={isSelected(selected, m.source) ? 'is-selected' : undefined}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(m.source);
            }}
          >
            <Input size="small" value={m.title} onChange={(e) => edit((x) => void (x.tasks[index]!.measures[j]!.title = e.target.value))} onClick={(e) => e.stopPropagation()} />
            {m.units?.length ? (
              <div className="plan-review__measure-units">
                {m.units.map((u) => (
                  <Tag key={u.name} color={u.role === 'lead' ? 'blue' : undefined}>{u.name}</Tag>
                ))}
                <SpanTags ranges={m.unitSources ?? []} selected={selected} onSelect={onSelect} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
