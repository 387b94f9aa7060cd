import { Alert, Card, Empty, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanTask } from '../../../../contracts/plan.ts';

/** 主要任务 / 保障措施: measures with their lead sentences, lead and co-operating units; a department's first. */
export function PlanTasksTab({ tasks, isDepartment }: { tasks: readonly PlanTask[]; isDepartment: boolean }) {
  const { t } = useTranslation();
  if (!tasks.length) return <Empty description={t('plan.tasks.empty')} />;
  const mine = tasks.filter((x) => x.myRole !== null).length;
  return (
    <div className="plan-tasks">
      {isDepartment && <Alert className="form-alert" type="info" showIcon message={mine ? t('plan.tasks.mineFirst', { count: mine }) : t('plan.tasks.noneMine')} />}
      {tasks.map((task) => (
        <Card
          key={task.id}
          size="small"
          className={`plan-task${task.myRole ? ' plan-task--mine' : ''}`}
          data-testid={`task-${task.key}`}
          title={
            <span className="plan-task__title">
              <span className="plan-task__label">{task.label}</span> {task.title}
            </span>
          }
          extra={task.myRole && <Tag color={task.myRole === 'lead' ? 'green' : 'blue'}>{t(`plan.tasks.my.${task.myRole}`)}</Tag>}
        >
          <UnitsLine task={task} />
          <ol className="plan-measures">
            {task.measures.map((m) => (
              <li key={m.id}>
                {m.title !== m.text && <b className="plan-measure__title">{m.title}。</b>}
                <span>{m.text}</span>
              </li>
            ))}
          </ol>
        </Card>
      ))}
    </div>
  );
}

export function UnitsLine({ task }: { task: Pick<PlanTask, 'units'> }) {
  const { t } = useTranslation();
  const lead = task.units.filter((u) => u.role === 'lead');
  const co = task.units.filter((u) => u.role === 'co');
  const tag = (u: PlanTask['units'][number], color: string) => (
    <Tag key={u.name} color={u.department ? color : 'default'} title={u.department ? u.department.name : t('plan.tasks.unmatched')}>
      {u.name}
    </Tag>
  );
  return (
    <Space wrap size={[4, 4]} className="plan-units">
      <span className="muted">{t('plan.roles.lead')}</span>
      {lead.length ? lead.map((u) => tag(u, 'green')) : '—'}
      <span className="muted plan-units__co">{t('plan.roles.co')}</span>
      {co.length ? co.map((u) => tag(u, 'blue')) : '—'}
    </Space>
  );
}
