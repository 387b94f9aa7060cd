import { Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DiffValue, PlanCompare, SectionDiff } from '../../../../contracts/plan.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { describeFormula } from './plan-format.ts';

const SECTIONS = ['goals', 'domains', 'zones'] as const;

/** What changed between two versions: added / removed / changed items, field by field. */
export function PlanCompareView({ compare }: { compare: PlanCompare }) {
  const { t } = useTranslation();
  const { diff, from, to } = compare;
  return (
    <div className="plan-compare" data-testid="compare-view">
      <Typography.Paragraph className="plan-compare__summary">
        {t('plan.compare.summary', { from: from.version, to: to.version, count: diff.total })}
      </Typography.Paragraph>
      {diff.total === 0 && <Empty description={t('plan.compare.noChanges')} />}
      {diff.header.length > 0 && (
        <Card size="small" title={t('plan.compare.sections.header')} className="plan-compare__section">
          <Changes changes={diff.header} />
        </Card>
      )}
      {SECTIONS.map((section) => (
        <Section key={section} title={t(`plan.compare.sections.${section}`)} diff={diff[section]} />
      ))}
      {(diff.tasks.added.length > 0 || diff.tasks.removed.length > 0 || diff.tasks.changed.length > 0) && (
        <Card size="small" title={t('plan.compare.sections.tasks')} className="plan-compare__section">
          <AddedRemoved diff={diff.tasks} />
          {diff.tasks.changed.map((c) => (
            <div key={c.key} className="plan-compare__item">
              <Tag color="orange">{t('plan.compare.changed')}</Tag> <b>{c.label}</b>
              <Changes changes={c.changes} />
              <AddedRemoved diff={c.measures} prefix={t('plan.compare.measure')} />
              {c.measures.changed.map((m) => (
                <div key={m.key} className="plan-compare__nested">
                  <Tag color="orange">{t('plan.compare.changed')}</Tag> {t('plan.compare.measure')} {m.label}
                  <Changes changes={m.changes} />
                </div>
              ))}
              {c.units.map((u) => (
                <div key={u.name} className="plan-compare__nested">
                  {t('plan.compare.unit')} <b>{u.name}</b>: {u.before ? t(`plan.roles.${u.before}`) : t('plan.compare.none')} → {u.after ? t(`plan.roles.${u.after}`) : t('plan.compare.none')}
                </div>
              ))}
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}

function Section({ title, diff }: { title: string; diff: SectionDiff }) {
  const { t } = useTranslation();
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return null;
  return (
    <Card size="small" title={title} className="plan-compare__section">
      <AddedRemoved diff={diff} />
      {diff.changed.map((c) => (
        <div key={c.key} className="plan-compare__item" data-testid={`diff-${c.key}`}>
          <Tag color="orange">{t('plan.compare.changed')}</Tag> <b>{c.label}</b>
          <Changes changes={c.changes} />
        </div>
      ))}
    </Card>
  );
}

function AddedRemoved({ diff, prefix }: { diff: Pick<SectionDiff, 'added' | 'removed'>; prefix?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {diff.added.map((i) => (
        <div key={`a-${i.key}`} className="plan-compare__item">
          <Tag color="green">{t('plan.compare.added')}</Tag> {prefix} {i.label}
        </div>
      ))}
      {diff.removed.map((i) => (
        <div key={`r-${i.key}`} className="plan-compare__item">
          <Tag color="red">{t('plan.compare.removed')}</Tag> {prefix} {i.label}
        </div>
      ))}
    </>
  );
}

function Changes({ changes }: { changes: readonly { field: string; before: DiffValue; after: DiffValue }[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const show = (v: DiffValue): string => {
    if (v === null) return t('plan.compare.none');
    if (Array.isArray(v)) return v.join('、') || t('plan.compare.none');
    if (typeof v === 'object') return describeFormula(v, t, fmt.isEnglish);
    if (typeof v === 'number') return fmt.number(v);
    return String(v);
  };
  if (!changes.length) return null;
  return (
    <ul className="plan-compare__changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="muted">{t(`plan.compare.fields.${c.field}`, { defaultValue: c.field })}</span>: <del>{show(c.before)}</del> → <ins>{show(c.after)}</ins>
        </li>
      ))}
    </ul>
  );
}
