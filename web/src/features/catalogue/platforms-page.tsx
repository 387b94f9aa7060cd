import { App, Col, Descriptions, Form, Input, Modal, Row, Select, Switch, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORM_KINDS, platformInputSchema, platformUpdateSchema, type PlatformView } from '../../../../contracts/platforms.ts';
import { hasErrorCode } from '../../app/api-error.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { can } from '../../../../contracts/permissions.ts';
import { loadReferenceData, localName, referenceName } from '../registries/shared/reference.ts';
import { CatalogueList } from './catalogue-list.tsx';
import { listPlatforms, savePlatform } from './catalogue.api.ts';
import { RevealableContact } from '../registries/shared/reveal-button.tsx';

function PlatformForm({ open, row, close, saved }: { open: boolean; row: PlatformView | null; close: () => void; saved: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate, showServerErrors } = useContractForm();
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      row
        ? { code: row.code, name: row.name, kind: row.kind, zone: row.zone?.code ?? null, carrier: row.carrier?.code ?? null, operatorUscc: row.operator?.uscc ?? null, namedInPolicy: row.namedInPolicy, services: row.services, contactName: row.contactName, contactPhone: row.contactPhone, note: row.note }
        : { kind: 'rd', namedInPolicy: false, services: [] },
    );
  }, [open, row, form]);
  const submit = async () => {
    const values = form.getFieldsValue(true);
    const body = validate(form, row ? platformUpdateSchema : platformInputSchema, row ? { ...values, version: row.version } : values);
    if (!body) return;
    try {
      await savePlatform(row?.id ?? null, body as never);
      void message.success(t('registries.actions.saved'));
      saved();
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION')) void message.error(t('registries.conflict'));
      else if (!showServerErrors(form, error)) notifyError(error);
    }
  };
  const english = i18n.language.startsWith('en');
  return (
    <Modal open={open} width={760} title={row ? t('registries.platforms.editTitle') : t('registries.platforms.createTitle')} onCancel={close} onOk={() => void submit()} okText={t('registries.actions.save')} cancelText={t('registries.actions.cancel')} destroyOnClose>
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('registries.fields.name')} required>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label={t('registries.fields.kind')} required>
              <Select options={PLATFORM_KINDS.map((k) => ({ value: k, label: t(`registries.options.platformKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="zone" label={t('registries.fields.zone')}>
              <Select allowClear options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="carrier" label={t('registries.fields.carrier')}>
              <Select allowClear options={(ref?.zones ?? []).flatMap((z) => z.carriers).map((c) => ({ value: c.code, label: c.nameZh }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="operatorUscc" label={t('registries.fields.operatorUscc')}>
              <Input maxLength={18} className="mono" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="services" label={t('registries.fields.services')}>
              <Select mode="tags" tokenSeparators={['、', ',']} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="namedInPolicy" label={t('registries.fields.namedInPolicy')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactName" label={t('registries.fields.contactName')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label={t('registries.fields.contactPhone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('registries.fields.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 平台: R&D, testing and CRO/CMO/CDMO platforms. */
export function PlatformsPage() {
  const { t, i18n } = useTranslation();
  const role = useSession().session?.user.role;
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  return (
    <CatalogueList<PlatformView>
      entity="platforms"
      title={t('nav.platforms')}
      subtitle={t('registries.platforms.subtitle')}
      searchPlaceholder={t('registries.platforms.searchPlaceholder')}
      filterKeys={['kind', 'zone']}
      extraFilters={(filters, set) => (
        <>
          <Select allowClear placeholder={t('registries.fields.kind')} value={filters.kind || undefined} onChange={(v) => set({ kind: v })} options={PLATFORM_KINDS.map((k) => ({ value: k, label: t(`registries.options.platformKind.${k}`) }))} />
          <Select allowClear placeholder={t('registries.fields.zone')} value={filters.zone || undefined} onChange={(v) => set({ zone: v })} options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, i18n.language.startsWith('en')) }))} />
        </>
      )}
      load={listPlatforms}
      columns={[
        { title: t('registries.fields.name'), key: 'name', dataIndex: 'name', fixed: 'left', width: 280, sorter: true },
        { title: t('registries.fields.kind'), key: 'kind', width: 110, render: (_, p) => <Tag>{t(`registries.options.platformKind.${p.kind}`)}</Tag> },
        { title: t('registries.fields.zone'), key: 'zone', width: 120, render: (_, p) => referenceName(ref?.zones, p.zone, i18n.language.startsWith('en')) },
        { title: t('registries.fields.carrier'), key: 'carrier', width: 170, render: (_, p) => p.carrier?.name ?? '—' },
        { title: t('registries.fields.operator'), key: 'operator', width: 200, render: (_, p) => p.operator?.name ?? '—' },
        { title: t('registries.fields.services'), key: 'services', width: 240, render: (_, p) => p.services.join('、') || '—' },
        { title: t('registries.fields.namedInPolicy'), key: 'namedInPolicy', width: 100, render: (_, p) => (p.namedInPolicy ? <Tag color="green">{t('registries.actions.yes')}</Tag> : '—') },
      ]}
      defaultHidden={['carrier', 'services']}
      details={(p) => (
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('registries.fields.code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('registries.fields.services')}>{p.services.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('registries.fields.contactName')}>
            <RevealableContact path={`/api/platforms/${p.id}/contacts/reveal`} contactName={p.contactName} contactPhone={p.contactPhone} />
          </Descriptions.Item>
          <Descriptions.Item label={t('registries.fields.note')}>{p.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      canWrite={can(role, 'platform.write')}
      canExport
      createLabel={t('registries.platforms.create')}
      renderForm={(state) => <PlatformForm {...state} />}
    />
  );
}
