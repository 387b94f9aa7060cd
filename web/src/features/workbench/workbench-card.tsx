import { Badge, Card, List, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Role } from '../../../../contracts/roles.ts';
import { useAsync } from '../../app/use-async.ts';
import { listProjects } from '../projects/projects.api.ts';
import { defaultChasePeriod } from '../report-chasing/chase-drawer.tsx';
import { getChaseList, getStatusCounts } from '../report-chasing/report-chasing.api.ts';
import { listReports } from '../statistics/statistics.api.ts';
import { defaultReportPeriod, shiftPeriod } from '../statistics/report-period.ts';
import { actionLinesOf } from './workbench-lines.ts';

/** One to-do: what it is, how many (null: a line without a count), where the filtered list is. */
export interface Todo {
  key: string;
  text: string;
  count: number | null;
  to: string;
  /** Counts that ask for action are red; informational ones grey. */
  urgent: boolean;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The role's to-dos, from data the role can already read (report status counts, the 催报 list, its own reports,
 * its projects); the server scopes each answer, so a park counts its zone only and an enterprise itself.
 */
async function todosOf(role: Role, t: T, signal: AbortSignal): Promise<Todo[]> {
  const [reports, actions] = await Promise.all([reportTodosOf(role, t, signal), actionLinesOf(role, t, signal)]);
  return [...reports, ...actions];
}

/** The monthly reports' to-dos (and a department's projects and plan). */
async function reportTodosOf(role: Role, t: T, signal: AbortSignal): Promise<Todo[]> {
  const link = (status: string) => `/reports?status=${status}`;
  if (role === 'commission' || role === 'park' || role === 'leader') {
    const { counts } = await getStatusCounts({}, signal);
    const todos: Todo[] = [];
    if (role === 'commission' || role === 'leader') todos.push({ key: 'toApprove', text: t('workbench.items.toApprove'), count: counts['park-reviewed'] ?? 0, to: link('park-reviewed'), urgent: role === 'commission' });
    todos.push({
      key: 'toReview',
      text: t(role === 'park' ? 'workbench.items.toReview' : 'workbench.items.awaitingPark'),
      count: counts.submitted ?? 0,
      to: link('submitted'),
      urgent: role === 'park',
    });
    if (role !== 'leader') {
      const period = defaultChasePeriod();
      const owing = (await getChaseList({ period }, signal)).items.filter((i) => i.status !== 'submitted' && i.status !== 'park-reviewed').length;
      todos.push({ key: 'owing', text: t('workbench.items.owing', { period }), count: owing, to: '/reports?chase=1', urgent: true });
    }
    todos.push({ key: 'returned', text: t('workbench.items.returned'), count: counts.returned ?? 0, to: link('returned'), urgent: false });
    return todos;
  }
  if (role === 'enterprise') {
    const { items } = await listReports({ page: 1, pageSize: 100 }, signal);
    const lastComplete = dayjs().subtract(1, 'month').format('YYYY-MM');
    const next = defaultReportPeriod(items.map((r) => r.period), lastComplete);
    const due = next <= lastComplete;
    const deadline = `${shiftPeriod(next, 1)}-10`;
    return [
      due
        ? { key: 'nextDue', text: t('workbench.items.nextDue', { period: next, deadline }), count: null, to: '/reports?new=1', urgent: true }
        : { key: 'nextDue', text: t('workbench.items.nextDueDone', { period: shiftPeriod(next, -1) }), count: null, to: '/reports', urgent: false },
      { key: 'myReturned', text: t('workbench.items.myReturned'), count: items.filter((r) => r.status === 'returned').length, to: link('returned'), urgent: true },
      { key: 'drafts', text: t('workbench.items.drafts'), count: items.filter((r) => r.status === 'draft').length, to: link('draft'), urgent: false },
    ];
  }
  if (role === 'department') {
    const { total } = await listProjects({ page: 1, pageSize: 1 }, signal);
    return [
      { key: 'projects', text: t('workbench.items.projects'), count: total, to: '/projects', urgent: false },
      { key: 'plan', text: t('workbench.items.plan'), count: null, to: '/plan', urgent: false },
    ];
  }
  return [];
}

/** 工作台: the role's to-dos, each a link to the filtered list. */
export function WorkbenchCard({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { data, loading } = useAsync((signal) => todosOf(role, t as T, signal), [role, t]);
  return (
    <Card title={t('workbench.title')} data-testid="workbench">
      {loading && !data ? (
        <Spin tip={t('workbench.loading')}>
          <div style={{ minHeight: 80 }} />
        </Spin>
      ) : (
        <List
          size="small"
          locale={{ emptyText: t('workbench.nothing') }}
          dataSource={data}
          renderItem={(todo) => (
            <List.Item key={todo.key} data-testid={`todo-${todo.key}`} extra={<Link to={todo.to}>{t('workbench.open')}</Link>}>
              <Link to={todo.to} className="workbench-todo">
                {todo.count !== null && <Badge count={todo.count} showZero overflowCount={9999} color={todo.urgent && todo.count > 0 ? 'red' : 'gray'} style={{ marginRight: 8 }} />}
                {todo.text}
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
