import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Col, Descriptions, Form, Input, Modal, Row, Select, Space, Switch, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { expertInputSchema, expertUpdateSchema, type ExpertView, revealedExpertContactsSchema } from '../../../../contracts/experts.ts';
import { hasErrorCode, isApiRequestError } from '../../app/api-error.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { can } from '../../../../contracts/permissions.ts';
import { loadReferenceData, localName } from '../registries/shared/reference.ts';
import { RevealButton } from '../registries/shared/reveal-button.tsx';
import { CatalogueList } from './catalogue-list.tsx';
import { listExperts, saveExpert } from './catalogue.api.ts';
import { DateInput } from '../../app/forms/date-input.tsx';

function ExpertForm({ open, row, close, saved }: { open: boolean; row: ExpertView | null; close: () => void; saved: () => void }) {
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
        ? {
            code: row.code,
            name: row.name,
            title: row.title,
            affiliation: row.affiliation,
            domains: row.domains.map((d) => d.code),
            fields: row.fields,
            isCommitteeMember: row.isCommitteeMember,
            phone: row.phone,
            email: row.email,
            note: row.note,
            conflicts: (row.conflicts ?? []).map((c) => ({ enterpriseUscc: c.enterprise.uscc, relation: c.relation, declaredOn: c.declaredOn })),
          }
        : { domains: [], fields: [], isCommitteeMember: false, conflicts: [] },
    );
  }, [open, row, form]);
  const submit = async () => {
    const values = form.getFieldsValue(true);
    const body = validate(form, row ? expertUpdateSchema : expertInputSchema, row ? { ...values, version: row.version } : values);
    if (!body) return;
    try {
      await saveExpert(row?.id ?? null, body as never);
      void message.success(t('registries.actions.saved'));
      saved();
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION')) void message.error(t('registries.conflict'));
      else if (!showServerErrors(form, error)) notifyError(error);
    }
  };
  return (
    <Modal open={open} width={800} title={row ? t('registries.experts.editTitle') : t('registries.experts.createTitle')} onCancel={close} onOk={() => void submit()} okText={t('registries.actions.save')} cancelText={t('registries.actions.cancel')} destroyOnClose>
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label={t('registries.fields.name')} required>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="title" label={t('registries.fields.title')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="code" label={t('registries.fields.code')}>
              <Input maxLength={40} className="mono" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="affiliation" label={t('registries.fields.affiliation')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="domains" label={t('registries.fields.domains')}>
              <Select mode="multiple" options={(ref?.domains ?? []).map((d) => ({ value: d.code, label: localName(d, i18n.language.startsWith('en')) }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="fields" label={t('registries.fields.fields')}>
              <Select mode="tags" tokenSeparators={['、', ',']} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isCommitteeMember" label={t('registries.fields.isCommitteeMember')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('registries.fields.phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('registries.fields.email')}>
              <Input maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
        <div className="muted">{t('registries.fields.conflicts')}</div>
        <Form.List name="conflicts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'enterpriseUscc']} label={t('registries.fields.uscc')}>
                    <Input maxLength={18} className="mono" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'relation']} label={t('registries.experts.relation')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'declaredOn']} label={t('registries.experts.declaredOn')}>
                    <DateInput />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('registries.experts.addConflict')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('registries.fields.note')} className="form-actions">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Phone and e-mail as the server sends them (masked, or null when hidden), with 显示 for the clear values. */
function ExpertContacts({ e, hidden }: { e: ExpertView; hidden: ReactNode }) {
  const [clear, setClear] = useState<{ phone: string | null; email: string | null } | null>(null);
  if (e.phone === null && e.email === null) return hidden;
  const shown = clear ?? { phone: e.phone, email: e.email };
  return (
    <>
      {shown.phone ?? '—'} / {shown.email ?? '—'}
      <RevealButton path={`/api/experts/${e.id}/contacts/reveal`} schema={revealedExpertContactsSchema} onRevealed={setClear} />
    </>
  );
}

/** 专家库: contacts for the commission only, conflicts for the commission and leaders only (server-enforced). */
export function ExpertsPage() {
  const { t, i18n } = useTranslation();
  const role = useSession().session?.user.role;
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const hidden = <span className="muted">{t('registries.experts.hidden')}</span>;
  // A domain's name in the interface language (the list carries the Chinese name and the code).
  const domainName = (d: { code: string; name: string }) => {
    const item = ref?.domains.find((r) => r.code === d.code);
    return item ? localName(item, i18n.language.startsWith('en')) : d.name;
  };
  return (
    <CatalogueList<ExpertView>
      entity="experts"
      title={t('nav.experts')}
      subtitle={t('registries.experts.subtitle')}
      searchPlaceholder={t('registries.experts.searchPlaceholder')}
      filterKeys={['domain', 'committee']}
      extraFilters={(filters, set) => (
        <>
          <Select allowClear placeholder={t('registries.fields.domains')} value={filters.domain || undefined} onChange={(v) => set({ domain: v })} options={(ref?.domains ?? []).map((d) => ({ value: d.code, label: localName(d, i18n.language.startsWith('en')) }))} />
          <Checkbox checked={filters.committee === 'true'} onChange={(e) => set({ committee: e.target.checked ? 'true' : '' })}>
            {t('registries.experts.committeeOnly')}
          </Checkbox>
        </>
      )}
      load={listExperts}
      columns={[
        { title: t('registries.fields.name'), key: 'name', dataIndex: 'name', fixed: 'left', width: 120, sorter: true },
        { title: t('registries.fields.title'), key: 'title', width: 140, render: (_, e) => e.title ?? '—' },
        { title: t('registries.fields.affiliation'), key: 'affiliation', width: 220, render: (_, e) => e.affiliation ?? '—' },
        { title: t('registries.fields.domains'), key: 'domains', width: 200, render: (_, e) => e.domains.map((d) => (
            // Long English names wrap inside the column instead of running over the next one.
            <Tag key={d.code} style={{ whiteSpace: 'normal', maxWidth: '100%', marginBottom: 2 }}>
              {domainName(d)}
            </Tag>
          )) },
        { title: t('registries.fields.fields'), key: 'fields', width: 240, render: (_, e) => e.fields.join('、') || '—' },
        { title: t('registries.fields.isCommitteeMember'), key: 'committee', width: 120, render: (_, e) => (e.isCommitteeMember ? <Tag color="green">{t('registries.actions.yes')}</Tag> : '—') },
        { title: t('registries.fields.phone'), key: 'phone', width: 160, render: (_, e) => e.phone ?? hidden },
      ]}
      defaultHidden={['title', 'fields']}
      details={(e) => (
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('registries.fields.code')}>{e.code}</Descriptions.Item>
          <Descriptions.Item label={`${t('registries.fields.phone')} / ${t('registries.fields.email')}`}>
            <ExpertContacts e={e} hidden={hidden} />
          </Descriptions.Item>
          <Descriptions.Item label={t('registries.fields.conflicts')}>
            {e.conflicts === null ? hidden : e.conflicts.length === 0 ? '—' : e.conflicts.map((c, i) => <div key={i}>{`${c.enterprise.name}（${c.relation}）`}</div>)}
          </Descriptions.Item>
          <Descriptions.Item label={t('registries.fields.note')}>{e.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      canWrite={can(role, 'expert.write')}
      canExport={can(role, 'expert.export')}
      createLabel={t('registries.experts.create')}
      renderForm={(state) => <ExpertForm {...state} />}
    />
  );
}
