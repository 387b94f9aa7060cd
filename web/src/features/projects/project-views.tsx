import { Empty, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PROJECT_STAGES, type ProjectListItem } from '../../../../contracts/projects.ts';
import { useFormat } from '../../app/i18n/format.ts';

type StageView = ProjectListItem['stages'][number];

/** One stage's cell: planned vs actual date, coloured by status (overdue in red with its days late). */
export function StageCell({ stage, actualOnly = false }: { stage: StageView; actualOnly?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const late =
    stage.status === 'overdue'
      ? t('registries.projects.overdueDays', { days: stage.daysLate })
      : stage.status === 'done-late'
        ? t('registries.projects.lateDays', { days: stage.daysLate })
        : null;
  return (
    <Tooltip
      title={
        <>
          <div>
            {t('registries.projects.planned')}: {fmt.date(stage.plannedOn)}
          </div>
          <div>
            {t('registries.projects.actual')}: {fmt.date(stage.actualOn)}
          </div>
          <div>{t(`registries.options.stageStatus.${stage.status}`)}</div>
        </>
      }
    >
      <span className={`stage-cell stage-cell--${stage.status}`} data-status={stage.status}>
        {actualOnly ? (stage.actualOn ?? '—') : (stage.actualOn ?? stage.plannedOn ?? '—')}
        {late && <div>{late}</div>}
      </span>
    </Tooltip>
  );
}

/** 看板: one column per stage; overdue cards are marked. */
export function ProjectKanban({ items }: { items: ProjectListItem[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  return (
    <div className="kanban" data-testid="project-kanban">
      {PROJECT_STAGES.map((stage) => {
        const cards = items.filter((p) => p.stage === stage);
        return (
          <div key={stage} className="kanban__column">
            <div className="kanban__title">
              <span>{t(`registries.options.projectStage.${stage}`)}</span>
              <Tag>{cards.length}</Tag>
            </div>
            {cards.map((p) => (
              <div key={p.id} className={`kanban__card${p.isOverdue ? ' kanban__card--overdue' : ''}`} onClick={() => navigate(`/projects/${p.id}`)}>
                <div>{p.name}</div>
                <div className="muted">
                  {p.investorName}
                  {p.totalInvestment !== null && ` · ${fmt.number(p.totalInvestment)} ${t('registries.projects.wan')}`}
                </div>
                {p.isOverdue && <Tag color="red">{t('registries.projects.overdue')}</Tag>}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

/** 时间轴: planned vs actual date of every stage, one row per project; overdue stages highlighted. */
export function ProjectTimeline({ items }: { items: ProjectListItem[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (items.length === 0) return <Empty description={t('registries.empty')} />;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="timeline-grid" data-testid="project-timeline">
        <thead>
          <tr>
            <th>{t('registries.fields.name')}</th>
            {PROJECT_STAGES.map((s) => (
              <th key={s}>{t(`registries.options.projectStage.${s}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td>
                <a onClick={() => navigate(`/projects/${p.id}`)}>{p.name}</a>
              </td>
              {p.stages.map((s) => (
                <td key={s.stage}>
                  <StageCell stage={s} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
