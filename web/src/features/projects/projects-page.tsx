import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, Segmented, Select, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PROJECT_STAGES, type ProjectListItem } from '../../../../contracts/projects.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useListParams } from '../../app/use-list-params.ts';
import { useSession } from '../auth/session.tsx';
import { useColumnSettings } from '../registries/shared/column-settings.tsx';
import { ExportButton } from '../registries/shared/export-button.tsx';
import { ImportDialog } from '../registries/shared/import-dialog.tsx';
import { can } from '../../../../contracts/permissions.ts';
import { loadReferenceData, localName, referenceName } from '../registries/shared/reference.ts';
import '../registries/shared/registries.css';
import { ProjectForm } from './project-form.tsx';
import { ProjectKanban, ProjectTimeline, StageCell } from './project-views.tsx';
import { listProjects } from './projects.api.ts';
import { RegistryTable } from '../registries/shared/registry-table.tsx';

const FILTERS = ['q', 'domain', 'zone', 'stage', 'department', 'overdue', 'sort', 'order', 'view'] as const;
const BOARD_SIZE = 200;

/** Shown on request (列设置): with them hidden, 责任单位、总投资、达产产值 and 最近跟进 fit a 1440 px screen. */
const PROJECTS_DEFAULT_HIDDEN = ['code', 'investor', 'domain', 'zone'];

/** 项目库: the pipeline in the user's scope as a table, a board by stage, or a timeline of planned vs actual dates. */
export function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const fmt = useFormat();
  const navigate = useNavigate();
  const role = useSession().session?.user.role;
  const list = useListParams(FILTERS);
  const { page, pageSize, filters, setFilters } = list;
  const view = (filters.view || 'table') as 'table' | 'kanban' | 'timeline';
  const query = { q: filters.q, domain: filters.domain, zone: filters.zone, stage: filters.stage, department: filters.department, overdue: filters.overdue, sort: filters.sort, order: filters.order };
  const queryKey = JSON.stringify(query);
  const paged = view === 'table' ? { page, pageSize } : { page: 1, pageSize: BOARD_SIZE };
  const { data, error, loading, reload } = useAsync((signal) => listProjects({ ...query, ...paged }, signal), [queryKey, view, page, pageSize]);
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const sortOrder = (key: string) => (filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null);

  const columns: TableColumnsType<ProjectListItem> = [
    {
      title: t('registries.fields.name'),
      key: 'name',
      fixed: 'left',
      width: 260,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, p) => (
        <span className="cell-name">
          <Link to={`/projects/${p.id}`}>{p.name}</Link>
          {p.isDemo && <Tag color="gold">{t('common.demo')}</Tag>}
        </span>
      ),
    },
    { title: t('registries.fields.code'), key: 'code', width: 150, sorter: true, sortOrder: sortOrder('code'), render: (_, p) => <span className="mono">{p.code}</span> },
    { title: t('registries.fields.investorName'), key: 'investor', width: 200, render: (_, p) => p.investorName },
    {
      title: t('registries.projects.currentStage'),
      key: 'stage',
      width: 130,
      sorter: true,
      sortOrder: sortOrder('stage'),
      render: (_, p) => (
        <>
          <Tag color="blue">{t(`registries.options.projectStage.${p.stage}`)}</Tag>
          {p.isOverdue && <Tag color="red">{t('registries.projects.overdue')}</Tag>}
        </>
      ),
    },
    {
      title: t('registries.projects.nextPlanned'),
      key: 'next',
      width: 150,
      render: (_, p) => {
        const next = p.stages.find((s) => s.status === 'overdue' || s.status === 'pending');
        return next ? <StageCell stage={next} /> : '—';
      },
    },
    { title: t('registries.fields.domain'), key: 'domain', width: 140, render: (_, p) => referenceName(ref?.domains, p.domain, english) },
    { title: t('registries.fields.zone'), key: 'zone', width: 120, render: (_, p) => referenceName(ref?.zones, p.zone, english) },
    { title: t('registries.fields.responsibleDepartment'), key: 'department', width: 140, render: (_, p) => referenceName(ref?.departments, p.department, english) },
    { title: t('registries.fields.totalInvestment'), key: 'totalInvestment', width: 130, align: 'right', sorter: true, sortOrder: sortOrder('totalInvestment'), render: (_, p) => fmt.number(p.totalInvestment) },
    { title: t('registries.fields.expectedAnnualOutput'), key: 'expectedAnnualOutput', width: 150, align: 'right', sorter: true, sortOrder: sortOrder('expectedAnnualOutput'), render: (_, p) => fmt.number(p.expectedAnnualOutput) },
    { title: t('registries.fields.lastFollowUpOn'), key: 'lastFollowUpOn', width: 120, render: (_, p) => fmt.date(p.lastFollowUpOn) },
  ];
  const { visibleColumns, button: columnButton } = useColumnSettings('projects', columns, PROJECTS_DEFAULT_HIDDEN);


  return (
    <>
      <PageHeader
        title={t('nav.projects')}
        subtitle={t('registries.projects.subtitle')}
        extra={
          <Space wrap>
            {can(role, 'project.import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="import-projects">
                {t('registries.actions.import')}
              </Button>
            )}
            <ExportButton entity="projects" filters={query} />
            {can(role, 'project.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
                {t('registries.projects.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <div className="registry-toolbar">
          <Segmented
            value={view}
            onChange={(v) => setFilters({ view: v === 'table' ? '' : String(v) })}
            options={(['table', 'kanban', 'timeline'] as const).map((v) => ({ value: v, label: t(`registries.projects.views.${v}`) }))}
            data-testid="project-views"
          />
          <Input.Search
            key={filters.q}
            allowClear
            defaultValue={filters.q}
            placeholder={t('registries.projects.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={64}
            className="toolbar__search"
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <Select allowClear placeholder={t('registries.fields.stage')} value={filters.stage || undefined} onChange={(v) => setFilters({ stage: v })} options={PROJECT_STAGES.map((s) => ({ value: s, label: t(`registries.options.projectStage.${s}`) }))} />
          <Select allowClear placeholder={t('registries.fields.domain')} value={filters.domain || undefined} onChange={(v) => setFilters({ domain: v })} options={(ref?.domains ?? []).map((d) => ({ value: d.code, label: localName(d, english) }))} />
          <Select allowClear placeholder={t('registries.fields.zone')} value={filters.zone || undefined} onChange={(v) => setFilters({ zone: v })} options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))} />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('registries.fields.responsibleDepartment')}
            value={filters.department || undefined}
            onChange={(v) => setFilters({ department: v })}
            options={(ref?.departments ?? []).map((d) => ({ value: d.code, label: localName(d, english) }))}
          />
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => setFilters({ overdue: e.target.checked ? 'true' : '' })} data-testid="overdue-only">
            {t('registries.projects.overdueOnly')}
          </Checkbox>
          <span className="registry-toolbar__spacer" />
          {view === 'table' && columnButton}
        </div>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : view === 'table' ? (
          <RegistryTable<ProjectListItem> list={list} columns={visibleColumns} data={data} loading={loading} error={error} reload={reload} onRow={(p) => ({ onDoubleClick: () => navigate(`/projects/${p.id}`) })} />
        ) : (
          <>
            {(data?.total ?? 0) > BOARD_SIZE && <Alert type="info" showIcon className="form-alert" message={t('registries.projects.kanbanTruncated', { count: BOARD_SIZE })} />}
            {view === 'kanban' ? <ProjectKanban items={data?.items ?? []} /> : <ProjectTimeline items={data?.items ?? []} />}
          </>
        )}
      </Card>
      <ProjectForm open={formOpen} project={null} onClose={() => setFormOpen(false)} onSaved={(p) => navigate(`/projects/${p.id}`)} />
      <ImportDialog entity="projects" label={t('nav.projects')} open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
    </>
  );
}
