import { Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ACTIVITY_KINDS, type ActivityView, type TargetView } from '../../../../contracts/attraction.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { STATUS_COLOUR, useOwnerName, useRefName } from './labels.ts';
import { convertTarget, dropTarget, getTarget, logActivity } from './attraction.api.ts';
import { DateInput } from '../../app/forms/date-input.tsx';

const todayIso = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * One target: plan, fit with its inputs, the contact history; its owner (or the commission) logs a contact or
 * visit with the next step and date, converts it into a 线索 project, or drops it. The server decides `canWrite`.
 */
export function TargetDrawer(props: { targetId: string | null; mayWrite: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ownerName = useOwnerName();
  const refName = useRefName();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [converting, setConverting] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => (props.targetId ? getTarget(props.targetId, signal) : Promise.resolve(null)), [props.targetId]);
  const target = data?.target;
  const writable = !!target && props.mayWrite && target.canWrite;
  const changed = () => {
    reload();
    props.onChanged();
  };
  const submitActivity = async (v: { kind: ActivityView['kind']; occurredOn: string; note: string; nextStep?: string; nextOn?: string }) => {
    if (!target) return;
    setSaving(true);
    try {
      await logActivity(target.id, { ...v, nextStep: v.nextStep || null, nextOn: v.nextOn || null });
      void message.success(t('attraction.page.saved'));
      form.resetFields();
      changed();
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  const drop = async () => {
    if (!target) return;
    try {
      await dropTarget(target);
      void message.success(t('attraction.page.dropped'));
      changed();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Drawer open={!!props.targetId} width={720} onClose={props.onClose} title={target ? `${t('attraction.page.detail')} · ${target.candidate.name}` : t('attraction.page.detail')} data-testid="target-drawer">
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Spin />}
      {target && data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('attraction.status')}>
              <Tag color={STATUS_COLOUR[target.status]} data-testid="target-status">{t(`attraction.statuses.${target.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('attraction.owner')}>{ownerName(target.owner)}</Descriptions.Item>
            <Descriptions.Item label={t('attraction.page.node')}>{fmt.isEnglish ? target.node.nameEn : target.node.name}</Descriptions.Item>
            <Descriptions.Item label={t('attraction.page.zone')}>{refName.zone(target.zone) ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('attraction.nextStep')}>{target.nextStep ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('attraction.page.nextOn')}>{fmt.date(target.nextOn)}</Descriptions.Item>
            <Descriptions.Item label={t('attraction.page.assignedOn')}>{fmt.date(target.assignedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('attraction.fit')}>
              <b>{data.fit.fit.toFixed(2)}</b>{' '}
              <Typography.Text type="secondary">
                ({data.fit.components.map((c) => `${t(`attraction.components.${c.key}`)} ${c.score === null ? '—' : c.score.toFixed(2)}×${c.weight}`).join(', ')})
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('attraction.page.plan')} span={2}>{target.plan ?? '—'}</Descriptions.Item>
            {target.project && (
              <Descriptions.Item label={t('attraction.page.project')} span={2}>
                <Link to={`/projects/${target.project.id}`} data-testid="target-project">{target.project.name}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
          {props.mayWrite && !target.canWrite && <Alert type="info" showIcon message={t('attraction.page.readOnly')} />}
          {writable && target.status === 'open' && (
            <Space>
              <Button type="primary" onClick={() => setConverting(true)} data-testid="convert-target">
                {t('attraction.page.convert')}
              </Button>
              <Popconfirm title={t('attraction.page.dropConfirm')} onConfirm={() => void drop()}>
                <Button danger data-testid="drop-target">{t('attraction.page.drop')}</Button>
              </Popconfirm>
            </Space>
          )}
          {writable && target.status !== 'dropped' && (
            <>
              <Typography.Title level={5}>{t('attraction.page.logActivity')}</Typography.Title>
              <Form form={form} layout="vertical" onFinish={(v) => void submitActivity(v)} initialValues={{ kind: 'visit', occurredOn: todayIso() }} data-testid="activity-form">
                <Space wrap align="start">
                  <Form.Item name="kind" label={t('attraction.page.kind')} rules={[{ required: true }]}>
                    <Select style={{ width: 120 }} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`attraction.page.kinds.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name="occurredOn" label={t('attraction.page.occurredOn')} rules={[{ required: true }]}>
                    <DateInput max={todayIso()} />
                  </Form.Item>
                  <Form.Item name="nextOn" label={t('attraction.page.nextOnField')}>
                    <DateInput />
                  </Form.Item>
                </Space>
                <Form.Item name="note" label={t('attraction.page.note')} rules={[{ required: true, min: 2 }]}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
                <Form.Item name="nextStep" label={t('attraction.nextStep')}>
                  <Input maxLength={200} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving}>
                  {t('attraction.page.save')}
                </Button>
              </Form>
            </>
          )}
          <Typography.Title level={5}>{t('attraction.page.history')}</Typography.Title>
          {data.activities.length === 0 ? (
            <Typography.Text type="secondary">{t('attraction.page.noHistory')}</Typography.Text>
          ) : (
            <Timeline
              data-testid="target-history"
              items={data.activities.map((a) => ({
                key: a.id,
                children: (
                  <>
                    <b>{fmt.date(a.occurredOn)}</b> <Tag>{t(`attraction.page.kinds.${a.kind}`)}</Tag> {a.note}
                    {a.nextStep && <div>{t('attraction.nextStep')}: {a.nextStep}</div>}
                    {a.actorName && <Typography.Text type="secondary">{t('attraction.page.actor')}: {a.actorName}</Typography.Text>}
                  </>
                ),
              }))}
            />
          )}
          {converting && (
            <ConvertModal
              target={target}
              onClose={(done) => {
                setConverting(false);
                if (done) changed();
              }}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}

function ConvertModal({ target, onClose }: { target: TargetView; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const submit = async (v: { name?: string; totalInvestment?: number | null; expectedAnnualOutput?: number | null }) => {
    setSaving(true);
    try {
      await convertTarget(target.id, { name: v.name || null, totalInvestment: v.totalInvestment ?? null, expectedAnnualOutput: v.expectedAnnualOutput ?? null, version: target.version });
      void message.success(t('attraction.page.converted'));
      onClose(true);
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('attraction.page.convertTitle')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="convert-form">
        <Form.Item name="name" label={t('attraction.page.projectName')}>
          <Input maxLength={120} placeholder={target.candidate.name} />
        </Form.Item>
        <Space>
          <Form.Item name="totalInvestment" label={t('attraction.page.totalInvestment')}>
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="expectedAnnualOutput" label={t('attraction.page.expectedOutput')}>
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
