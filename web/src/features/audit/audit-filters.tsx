import { AutoComplete, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '../../../../contracts/audit-actions.ts';
import { auditOutcomeSchema } from '../../../../contracts/audit.ts';
import { auditActionLabel } from './action-labels.ts';
import type { AuditFilterKey } from './audit-filter-params.ts';

interface Values {
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null];
}

type FilterChanges = Partial<Record<AuditFilterKey, string | undefined>>;

export function AuditFilters({ value, onChange }: { value: Record<AuditFilterKey, string>; onChange: (changes: FilterChanges) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue({
      username: value.username,
      action: value.action,
      objectType: value.objectType,
      objectId: value.objectId,
      outcome: value.outcome || undefined,
      range: value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null] : undefined,
    });
  }, [value, form]);

  const apply = (values: Values) => {
    const [from, to] = values.range ?? [null, null];
    onChange({
      username: values.username?.trim(),
      action: values.action?.trim(),
      objectType: values.objectType?.trim(),
      objectId: values.objectId?.trim(),
      outcome: values.outcome,
      // dayjs().format() is ISO 8601 with the local offset, which the server's schema requires.
      from: from?.format(),
      to: to?.format(),
    });
  };

  return (
    <Form<Values> form={form} layout="inline" onFinish={apply} className="filters">
      <Form.Item name="username" label={t('audit.username')}>
        <Input allowClear maxLength={64} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        {/* The known codes by their label; a code typed in full is accepted too (records of older versions). */}
        <AutoComplete
          allowClear
          style={{ width: 220 }}
          maxLength={64}
          placeholder="auth.login"
          options={AUDIT_ACTIONS.map((code) => ({ value: code, label: `${auditActionLabel(code, i18n.language)} · ${code}` }))}
          filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.trim().toLowerCase())}
        />
      </Form.Item>
      <Form.Item name="objectType" label={t('audit.objectType')}>
        <Input allowClear maxLength={64} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="objectId" label={t('audit.objectId')}>
        <Input allowClear maxLength={128} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit.outcome')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={auditOutcomeSchema.options.map((outcome) => ({ value: outcome, label: t(`audit.outcomes.${outcome}`) }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('audit.timeRange')}>
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
