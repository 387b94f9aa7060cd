import { App, Button, Card, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { createInstrument, listBookingRules, listManagedInstruments, listTrainings, retireInstrument, revokeTraining, saveBookingRules, setTraining, updateInstrument, type InstrumentInput } from './services-ops.api.ts';

type Managed = NonNullable<Awaited<ReturnType<typeof listManagedInstruments>>>['items'][number];
type Rules = NonNullable<Awaited<ReturnType<typeof listBookingRules>>>['items'][number];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

/** The instrument catalogue and trainings a platform account (its platform) or the commission (all) manages, and booking rules. */
export function CatalogueTab() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const { data, error, reload } = useAsync((signal) => listManagedInstruments(signal), []);
  const rules = useAsync((signal) => listBookingRules(signal), []);
  const [editing, setEditing] = useState<Managed | 'new' | null>(null);
  const [training, setTrainingFor] = useState<Managed | null>(null);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const platforms = new Map<string, string>([...(rules.data?.items ?? []).map((r) => [r.platformId, r.platformName] as const), ...(data?.items ?? []).map((i) => [i.platformId, i.platformName] as const)]);
  const retire = async (i: Managed) => {
    try {
      await retireInstrument(i.id);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('servicesOps.tabCatalogue')} extra={<Button size="small" type="primary" onClick={() => setEditing('new')} disabled={platforms.size === 0}>{t('servicesOps.newInstrument')}</Button>}>
        <Table<Managed>
          rowKey="id"
          size="small"
          loading={!data}
          dataSource={data?.items}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: t('servicesOps.code'), dataIndex: 'code' },
            { title: t('servicesOps.name'), dataIndex: 'name' },
            { title: t('servicesOps.platform'), dataIndex: 'platformName' },
            { title: t('services.price'), render: (_, r) => `${r.prices.inDistrict} / ${r.prices.outside} / ${r.prices.academic}` },
            { title: t('services.openHours'), render: (_, r) => `${r.opensAt}–${r.closesAt}` },
            { title: t('servicesOps.requiresTraining'), render: (_, r) => (r.requiresTraining ? <Tag color="blue">✓</Tag> : '—') },
            { title: t('servicesOps.trained'), dataIndex: 'trained', align: 'right' },
            {
              title: '',
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setTrainingFor(r)}>{t('servicesOps.trainings')}</Button>
                  <Button size="small" onClick={() => setEditing(r)}>{t('servicesOps.edit')}</Button>
                  <Popconfirm title={t('servicesOps.retireConfirm')} onConfirm={() => void retire(r)}>
                    <Button size="small" danger>{t('servicesOps.retire')}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RulesCard items={rules.data?.items ?? []} loading={!rules.data} onSaved={() => { void message.success(t('servicesOps.saved')); rules.reload(); }} />
      {editing && <InstrumentForm value={editing === 'new' ? null : editing} platforms={platforms} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />}
      {training && <Trainings instrument={training} onClose={() => { setTrainingFor(null); reload(); }} />}
    </Space>
  );
}

function InstrumentForm({ value, platforms, onClose, onSaved }: { value: Managed | null; platforms: Map<string, string>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const initial = value
    ? { ...value, location: value.location ?? '', rules: value.rules ?? '', priceInDistrict: value.prices.inDistrict, priceOutside: value.prices.outside, priceAcademic: value.prices.academic }
    : { platformId: [...platforms.keys()][0], requiresTraining: true, opensAt: '08:00', closesAt: '20:00' };
  const save = async (v: Record<string, string | boolean>) => {
    const input: InstrumentInput = {
      platformId: String(v.platformId),
      code: String(v.code),
      name: String(v.name),
      kind: String(v.kind),
      ...(v.location ? { location: String(v.location) } : {}),
      ...(v.rules ? { rules: String(v.rules) } : {}),
      requiresTraining: Boolean(v.requiresTraining),
      prices: { inDistrict: String(v.priceInDistrict), outside: String(v.priceOutside), academic: String(v.priceAcademic) },
      opensAt: String(v.opensAt),
      closesAt: String(v.closesAt),
    };
    try {
      if (value) await updateInstrument(value.id, input, value.version);
      else await createInstrument(input);
      onSaved();
    } catch (e) {
      notifyError(e);
    }
  };
  const required = { required: true };
  return (
    <Modal open title={value ? t('servicesOps.edit') : t('servicesOps.newInstrument')} onCancel={onClose} onOk={() => form.submit()} okText={t('servicesOps.save')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="platformId" label={t('servicesOps.platform')} rules={[required]}>
          <Select options={[...platforms.entries()].map(([id, name]) => ({ value: id, label: name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="code" label={t('servicesOps.code')} rules={[required, { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, max: 40 }]}><Input /></Form.Item>
          <Form.Item name="name" label={t('servicesOps.name')} rules={[required, { max: 120 }]}><Input style={{ width: 260 }} /></Form.Item>
          <Form.Item name="kind" label={t('servicesOps.kind')} rules={[required, { max: 60 }]}><Input /></Form.Item>
        </Space>
        <Form.Item name="location" label={t('servicesOps.location')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <Form.Item name="rules" label={t('servicesOps.rules')} rules={[{ max: 2000 }]}><Input.TextArea rows={2} /></Form.Item>
        <Space wrap>
          {(['priceInDistrict', 'priceOutside', 'priceAcademic'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`servicesOps.${k}`)} rules={[required, { pattern: MONEY }]}><Input style={{ width: 120 }} /></Form.Item>
          ))}
          <Form.Item name="opensAt" label={t('servicesOps.opensAt')} rules={[required, { pattern: HHMM }]}><Input style={{ width: 80 }} /></Form.Item>
          <Form.Item
            name="closesAt"
            label={t('servicesOps.closesAt')}
            dependencies={['opensAt']}
            rules={[required, { pattern: HHMM }, ({ getFieldValue }) => ({ validator: (_, v: string) => (v > getFieldValue('opensAt') ? Promise.resolve() : Promise.reject(new Error('>'))) })]}
          >
            <Input style={{ width: 80 }} />
          </Form.Item>
        </Space>
        <Form.Item name="requiresTraining" valuePropName="checked"><Checkbox>{t('servicesOps.requiresTraining')}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}

function Trainings({ instrument, onClose }: { instrument: Managed; onClose: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const { data, error, reload } = useAsync((signal) => listTrainings(instrument.id, signal), [instrument.id]);
  const add = async (v: { username: string; period: [dayjs.Dayjs, dayjs.Dayjs] }) => {
    try {
      await setTraining(instrument.id, { username: v.username.trim(), trainedOn: v.period[0].format('YYYY-MM-DD'), expiresOn: v.period[1].format('YYYY-MM-DD') });
      form.resetFields();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Drawer open width={720} title={`${instrument.name} · ${t('servicesOps.trainings')}`} onClose={onClose}>
      {error && <LoadError error={error} onRetry={reload} />}
      <Form form={form} layout="inline" onFinish={add} style={{ marginBottom: 12 }}>
        <Form.Item name="username" rules={[{ required: true }]}><Input placeholder={t('servicesOps.username')} /></Form.Item>
        <Form.Item name="period" rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('servicesOps.addTraining')}</Button></Form.Item>
      </Form>
      <Table
        rowKey="userId"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={false}
        columns={[
          { title: t('servicesOps.username'), dataIndex: 'username' },
          { title: t('services.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('servicesOps.trainedOn'), dataIndex: 'trainedOn' },
          { title: t('servicesOps.expiresOn'), dataIndex: 'expiresOn' },
          { title: '', render: (_, r) => <Tag color={r.valid ? 'green' : 'default'}>{r.valid ? t('servicesOps.valid') : t('servicesOps.expired')}</Tag> },
          { title: '', render: (_, r) => <Button size="small" danger onClick={() => void revokeTraining(instrument.id, r.userId).then(reload, notifyError)}>{t('servicesOps.revoke')}</Button> },
        ]}
      />
    </Drawer>
  );
}

const RULE_FIELDS = ['lateCancelHours', 'lateCancelsPerNoShow', 'noShowLimit', 'windowDays', 'suspensionDays', 'offerHours'] as const;
const RULE_LIMITS: Record<(typeof RULE_FIELDS)[number], [number, number]> = { lateCancelHours: [0, 168], lateCancelsPerNoShow: [0, 10], noShowLimit: [1, 20], windowDays: [7, 365], suspensionDays: [0, 365], offerHours: [1, 72] };

function RulesCard({ items, loading, onSaved }: { items: Rules[]; loading: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState<Rules | null>(null);
  const [form] = Form.useForm();
  const save = async (v: Omit<Rules, 'platformId' | 'platformName' | 'isDefault'>) => {
    try {
      await saveBookingRules(editing!.platformId, { ...v, chargeNoShow: Boolean(v.chargeNoShow) });
      setEditing(null);
      onSaved();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card size="small" title={t('servicesOps.bookingRules')}>
      <Table<Rules>
        rowKey="platformId"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('servicesOps.platform'), render: (_, r) => <Space>{r.platformName}{r.isDefault && <Tag>{t('servicesOps.isDefault')}</Tag>}</Space> },
          ...RULE_FIELDS.map((k) => ({ title: t(`servicesOps.${k}`), dataIndex: k, align: 'right' as const })),
          { title: t('servicesOps.chargeNoShow'), render: (_: unknown, r: Rules) => (r.chargeNoShow ? '✓' : '—') },
          { title: '', render: (_: unknown, r: Rules) => <Button size="small" onClick={() => setEditing(r)}>{t('servicesOps.edit')}</Button> },
        ]}
      />
      {editing && (
        <Modal open title={`${editing.platformName} · ${t('servicesOps.bookingRules')}`} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText={t('servicesOps.save')} destroyOnHidden>
          <Form form={form} layout="vertical" initialValues={editing} onFinish={save}>
            {RULE_FIELDS.map((k) => (
              <Form.Item key={k} name={k} label={t(`servicesOps.${k}`)} rules={[{ required: true }]}>
                <InputNumber min={RULE_LIMITS[k][0]} max={RULE_LIMITS[k][1]} precision={0} />
              </Form.Item>
            ))}
            <Form.Item name="chargeNoShow" label={t('servicesOps.chargeNoShow')} valuePropName="checked"><Switch /></Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
