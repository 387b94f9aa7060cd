import { EditOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { AttachmentsPanel } from '../attachments/attachments-panel.tsx';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Popconfirm, Row, Select, Space, Table, Tabs, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { FOLLOW_UP_KINDS, followUpInputSchema, type ProjectDetail } from '../../../../contracts/projects.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { PageLoading } from '../../app/pages/loading.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { useReferenceNames } from '../registries/shared/reference.ts';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { HistoryTab } from '../registries/shared/history-tab.tsx';
import { can } from '../../../../contracts/permissions.ts';
import { useUndoableDelete } from '../registries/shared/undo-delete.tsx';
import '../registries/shared/registries.css';
import { ProjectForm } from './project-form.tsx';
import { StageCell } from './project-views.tsx';
import { addFollowUp, getProject } from './projects.api.ts';
import { StageDialog } from './stage-dialog.tsx';
import { ZoneFitAlert } from '../attraction/zone-fit-alert.tsx';
import { DateInput } from '../../app/forms/date-input.tsx';

const todayIso = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function FollowUps({ project, canWrite, onSaved }: { project: ProjectDetail; canWrite: boolean; onSaved: (p: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate } = useContractForm();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const body = validate(form, followUpInputSchema, form.getFieldsValue(true));
    if (!body) return;
    setSaving(true);
    try {
      const updated = await addFollowUp(project.id, body);
      form.resetFields();
      form.setFieldsValue({ occurredOn: todayIso(), kind: 'visit' });
      void message.success(t('registries.projects.followUpSaved'));
      onSaved(updated);
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Row gutter={24}>
      <Col xs={24} lg={canWrite ? 14 : 24}>
        {project.followUps.length === 0 ? (
          <Empty description={t('registries.projects.noFollowUps')} />
        ) : (
          <Timeline
            items={project.followUps.map((f) => ({
              children: (
                <div>
                  <strong>{fmt.date(f.occurredOn)}</strong> <Tag>{t(`registries.options.followUpKind.${f.kind}`)}</Tag>
                  <span className="muted">
                    {f.department?.name ?? ''} {f.staffName ?? ''}
                  </span>
                  <div>{f.note}</div>
                  {f.problems && (
                    <div>
                      <span className="muted">{t('registries.projects.problems')}：</span>
                      {f.problems}
                    </div>
                  )}
                  {f.nextStep && (
                    <div>
                      <span className="muted">{t('registries.projects.nextStep')}：</span>
                      {f.nextStep}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </Col>
      {canWrite && (
        <Col xs={24} lg={10}>
          <Card size="small" title={t('registries.projects.addFollowUp')}>
            <Form form={form} layout="vertical" initialValues={{ occurredOn: todayIso(), kind: 'visit' }} data-testid="follow-up-form">
              <Space>
                <Form.Item name="occurredOn" label={t('registries.projects.occurredOn')}>
                  <DateInput max={todayIso()} />
                </Form.Item>
                <Form.Item name="kind" label={t('registries.fields.kind')}>
                  <Select style={{ width: 120 }} options={FOLLOW_UP_KINDS.map((k) => ({ value: k, label: t(`registries.options.followUpKind.${k}`) }))} />
                </Form.Item>
                <Form.Item name="staffName" label={t('registries.projects.staffName')}>
                  <Input maxLength={32} />
                </Form.Item>
              </Space>
              <Form.Item name="note" label={t('registries.projects.followUpNote')} required>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Form.Item name="problems" label={t('registries.projects.problems')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Form.Item name="nextStep" label={t('registries.projects.nextStep')}>
                <Input maxLength={500} />
              </Form.Item>
              <Button type="primary" loading={saving} onClick={() => void submit()}>
                {t('registries.actions.save')}
              </Button>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}

/** One project: overview with the stage timeline (planned vs actual), stage changes, follow-ups, history. */
export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const role = useSession().session?.user.role;
  const names = useReferenceNames();
  const { data: loaded, error, loading, reload } = useAsync((signal) => getProject(id, signal), [id]);
  const [override, setOverride] = useState<ProjectDetail | null>(null);
  const [editing, setEditing] = useState(false);
  const [changing, setChanging] = useState(false);
  const deleteWithUndo = useUndoableDelete();
  const data = override && override.id === id && loaded && override.version >= loaded.version ? override : loaded;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <PageLoading />;
  if (!data) return null;
  const canWrite = can(role, 'project.write');
  const updated = (p: ProjectDetail) => setOverride(p);

  const overview = (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('registries.fields.code')}>
          <span className="mono">{data.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('registries.projects.currentStage')}>
          <Tag color="blue" data-testid="project-stage">
            {t(`registries.options.projectStage.${data.stage}`)}
          </Tag>
          {data.isOverdue && <Tag color="red">{t('registries.projects.overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.investorName')}>
          {data.investorEnterprise ? <Link to={`/enterprises/${data.investorEnterprise.id}`}>{data.investorName}</Link> : data.investorName}
        </Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.responsibleDepartment')}>{data.department?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.domain')}>{names.domain(data.domain)}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.zone')}>{names.zone(data.zone)}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.totalInvestment')}>{fmt.number(data.totalInvestment)}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.expectedAnnualOutput')}>{fmt.number(data.expectedAnnualOutput)}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.chainNodes')}>{data.chainNodes.map((n) => <Tag key={n.code}>{n.name}</Tag>)}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.planClauseKeys')}>{data.planClauseKeys.map((k) => <Tag key={k}>{k}</Tag>)}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.note')} span={2}>
          {data.note ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <ZoneFitAlert projectId={id} />
      <table className="timeline-grid form-actions" data-testid="project-stages">
        <thead>
          <tr>
            <th />
            {data.stages.map((s) => (
              <th key={s.stage}>{t(`registries.options.projectStage.${s.stage}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t('registries.projects.planned')}</td>
            {data.stages.map((s) => (
              <td key={s.stage}>{s.plannedOn ?? '—'}</td>
            ))}
          </tr>
          <tr>
            <td>{t('registries.projects.actual')}</td>
            {data.stages.map((s) => (
              <td key={s.stage}>
                <StageCell stage={s} actualOnly />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </>
  );
  const events = (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={[...data.events].reverse()}
      columns={[
        { title: t('registries.projects.occurredOn'), dataIndex: 'occurredOn', width: 120 },
        {
          title: t('registries.projects.toStage'),
          key: 'to',
          width: 200,
          render: (_, e) => (
            <>
              {e.fromStage ? `${t(`registries.options.projectStage.${e.fromStage}`)} → ` : ''}
              {t(`registries.options.projectStage.${e.toStage}`)}
            </>
          ),
        },
        { title: t('registries.projects.stageNote'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
        { title: t('registries.projects.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        { title: t('registries.history.actor'), dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );

  return (
    <>
      <PageHeader
        title={data.name}
        subtitle={`${data.investorName} · ${t(`registries.options.projectStage.${data.stage}`)}`}
        extra={
          <Space>
            <Button onClick={() => navigate('/projects')}>{t('registries.actions.back')}</Button>
            {can(role, 'project.delete') && (
              <Popconfirm title={t('registries.actions.confirmDelete', { name: data.name })} onConfirm={() => deleteWithUndo(`/api/projects/${data.id}`, data.name, reload)}>
                <Button danger>{t('registries.actions.delete')}</Button>
              </Popconfirm>
            )}
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('registries.actions.edit')}
              </Button>
            )}
            {canWrite && (
              <Button type="primary" icon={<NodeIndexOutlined />} onClick={() => setChanging(true)} data-testid="change-stage">
                {t('registries.projects.changeStage')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={params.get('tab') ?? 'overview'}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            { key: 'overview', label: t('registries.projects.tabs.overview'), children: overview },
            { key: 'stages', label: t('registries.projects.tabs.stages'), children: events },
            { key: 'followUps', label: t('registries.projects.tabs.followUps'), children: <FollowUps project={data} canWrite={canWrite} onSaved={updated} /> },
            { key: 'attachments', label: t('attachments.tab'), children: <AttachmentsPanel ownerKind="project" ownerId={data.id} /> },
            { key: 'history', label: t('registries.projects.tabs.history'), children: <HistoryTab key={data.version} path={`/api/projects/${data.id}/history`} /> },
          ]}
        />
      </Card>
      <ProjectForm open={editing} project={data} onClose={() => setEditing(false)} onSaved={(p) => { setEditing(false); updated(p); }} />
      <StageDialog open={changing} project={data} onClose={() => setChanging(false)} onChanged={(p) => { setChanging(false); updated(p); }} />
    </>
  );
}
