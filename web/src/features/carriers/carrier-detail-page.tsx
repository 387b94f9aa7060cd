import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { occupantInputSchema, type CarrierDetail } from '../../../../contracts/carriers.ts';
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
import { CarrierForm } from './carrier-form.tsx';
import { OccupancyBar } from './carriers-page.tsx';
import { addOccupant, getCarrier, moveOut } from './carriers.api.ts';
import { MovesPanel } from '../carrier-ladder/moves-panel.tsx';
import { VacancyChart } from '../carrier-ladder/vacancy-chart.tsx';
import { DateInput } from '../../app/forms/date-input.tsx';

const todayIso = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** One carrier: areas, occupancy, occupants with move-in/move-out, history. */
export function CarrierDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate, showServerErrors } = useContractForm();
  const role = useSession().session?.user.role;
  const names = useReferenceNames();
  const { data: loaded, error, loading, reload } = useAsync((signal) => getCarrier(id, signal), [id]);
  const [override, setOverride] = useState<CarrierDetail | null>(null);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const deleteWithUndo = useUndoableDelete();
  const data = override && loaded && override.id === loaded.id && override.version >= loaded.version ? override : loaded;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <PageLoading />;
  if (!data) return null;
  const canWrite = can(role, 'carrier.write');
  const submitOccupant = async () => {
    const body = validate(form, occupantInputSchema, form.getFieldsValue(true));
    if (!body) return;
    try {
      setOverride(await addOccupant(data.id, body));
      setAdding(false);
      form.resetFields();
      void message.success(t('registries.actions.saved'));
    } catch (e) {
      if (!showServerErrors(form, e)) notifyError(e);
    }
  };
  return (
    <>
      <PageHeader
        title={data.name}
        subtitle={`${t(`registries.options.carrierType.${data.type}`)} · ${data.zone ? names.zone(data.zone) : ''}`}
        extra={
          <Space>
            <Button onClick={() => navigate('/carriers')}>{t('registries.actions.back')}</Button>
            {can(role, 'carrier.delete') && (
              <Popconfirm title={t('registries.actions.confirmDelete', { name: data.name })} onConfirm={() => deleteWithUndo(`/api/carriers/${data.id}`, data.name, reload)}>
                <Button danger>{t('registries.actions.delete')}</Button>
              </Popconfirm>
            )}
            {canWrite && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('registries.actions.edit')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'overview',
              label: t('registries.enterprises.tabs.basic'),
              children: (
                <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label={t('registries.fields.code')}>
                    <span className="mono">{data.code}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.occupancyRate')}>
                    <OccupancyBar rate={data.occupancyRate} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.totalArea')}>{fmt.number(data.totalArea)}</Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.leasableArea')}>{fmt.number(data.leasableArea)}</Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.leasedArea')}>{fmt.number(data.leasedArea)}</Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.occupantCount')}>{fmt.number(data.occupantCount)}</Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.operatorName')}>{data.operatorName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.openedOn')}>{fmt.date(data.openedOn)}</Descriptions.Item>
                  <Descriptions.Item label={t('registries.fields.address')} span={2}>
                    {data.address ?? '—'}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'occupants',
              label: t('registries.carriers.occupants'),
              children: (
                <>
                  {canWrite && (
                    <Button className="form-alert" onClick={() => setAdding(true)}>
                      {t('registries.carriers.addOccupant')}
                    </Button>
                  )}
                  <Table
                    rowKey="id"
                    size="small"
                    dataSource={data.occupants}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    columns={[
                      { title: t('registries.fields.name'), key: 'name', render: (_, o) => <Link to={`/enterprises/${o.enterprise.id}`}>{o.enterprise.name}</Link> },
                      { title: t('registries.carriers.moveInOn'), dataIndex: 'moveInOn', width: 120 },
                      { title: t('registries.carriers.moveOutOn'), dataIndex: 'moveOutOn', width: 120, render: (v: string | null) => v ?? '—' },
                      { title: t('registries.fields.leasedArea'), dataIndex: 'leasedArea', width: 130, align: 'right', render: (v: number) => fmt.number(v) },
                      { title: '', key: 'state', width: 90, render: (_, o) => (o.isCurrent ? <Tag color="green">{t('registries.carriers.current')}</Tag> : <Tag>{t('registries.carriers.left')}</Tag>) },
                      ...(canWrite
                        ? [
                            {
                              title: t('common.actions'),
                              key: 'actions',
                              width: 90,
                              render: (_: unknown, o: CarrierDetail['occupants'][number]) =>
                                o.isCurrent && (
                                  <Popconfirm title={`${t('registries.carriers.moveOut')} · ${todayIso()}`} onConfirm={async () => setOverride(await moveOut(data.id, o.id, todayIso()).catch((e) => (notifyError(e), data)))}>
                                    <Button size="small" type="link">
                                      {t('registries.carriers.moveOut')}
                                    </Button>
                                  </Popconfirm>
                                ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
            },
            { key: 'moves', label: t('carrierLadder.moves.title'), children: <MovesPanel carrierId={data.id} canWrite={canWrite} /> },
            { key: 'vacancy', label: t('carrierLadder.vacancyTitle'), children: <VacancyChart carrierId={data.id} /> },
            { key: 'history', label: t('registries.history.title'), children: <HistoryTab key={data.version} path={`/api/carriers/${data.id}/history`} /> },
          ]}
        />
      </Card>
      <CarrierForm open={editing} carrier={data} onClose={() => setEditing(false)} onSaved={(c) => { setEditing(false); setOverride(c); }} />
      <Modal open={adding} title={t('registries.carriers.addOccupant')} onCancel={() => setAdding(false)} onOk={() => void submitOccupant()} okText={t('registries.actions.save')}>
        <Form form={form} layout="vertical" initialValues={{ moveInOn: todayIso() }}>
          <Form.Item name="enterpriseUscc" label={t('registries.carriers.enterpriseUscc')} required>
            <Input maxLength={18} className="mono" />
          </Form.Item>
          <Form.Item name="moveInOn" label={t('registries.carriers.moveInOn')} required>
            <DateInput />
          </Form.Item>
          <Form.Item name="leasedArea" label={t('registries.fields.leasedArea')} required>
            <InputNumber min={0} className="full-width" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
