import { App, Alert, Button, Card, Col, Form, InputNumber, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecuritySettings } from '../../../../contracts/admin.ts';
import { ROLES } from '../../../../contracts/roles.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { PageLoading } from '../../app/pages/loading.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useErrorText } from '../../app/use-error-text.ts';
import { isValidSetting, settingBounds, settingsIssues, SETTING_GROUPS } from './settings-fields.ts';
import { getSecuritySettings, saveSecuritySettings } from './security.api.ts';
import { CryptoStatusCard } from './crypto-status-card.tsx';

/** 安全设置 (secadmin): password policy, lockout, sessions, who must use two-step verification. */
export function SecuritySettingsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecuritySettings>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const { data, error, loading, reload } = useAsync((signal) => getSecuritySettings(signal), []);

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <PageLoading />;

  const submit = async (values: SecuritySettings) => {
    const issues = settingsIssues(values);
    if (issues.size > 0) {
      form.setFields([...issues.keys()].map((name) => ({ name: name as keyof SecuritySettings, errors: [t('settings.invalid')] })));
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      await saveSecuritySettings(values);
      void message.success(t('settings.saved'));
      reload();
    } catch (cause) {
      setSaveError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('nav.securitySettings')} subtitle={t('settings.subtitle')} />
      {saveError !== null && <Alert className="form-alert" type="error" showIcon message={errorText(saveError)} />}
      <Form<SecuritySettings> form={form} layout="vertical" onFinish={submit} disabled={saving}>
        <Row gutter={[16, 16]}>
          {SETTING_GROUPS.map((group) => (
            <Col xs={24} xl={8} key={group.key}>
              <Card title={t(`settings.groups.${group.key}`)} className="full-height">
                {group.fields.map((field) => {
                  const { min, max } = settingBounds(field);
                  return (
                    <Form.Item
                      key={field}
                      name={field}
                      label={t(`settings.fields.${field}`)}
                      extra={t('settings.range', { min, max })}
                      rules={[
                        {
                          validator: (_, value: unknown) =>
                            isValidSetting(field, value)
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('settings.outOfRange', { min, max }))),
                        },
                      ]}
                    >
                      <InputNumber min={min} max={max} precision={0} className="full-width" />
                    </Form.Item>
                  );
                })}
              </Card>
            </Col>
          ))}
          <Col span={24}>
            <Card title={t('settings.groups.mfa')}>
              <Form.Item name="mfaRequiredRoles" label={t('settings.fields.mfaRequiredRoles')} extra={t('settings.mfaHint')}>
                <Select mode="multiple" allowClear options={ROLES.map((value) => ({ value, label: fmt.role(value) }))} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Space className="form-actions">
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
          <Button onClick={() => data && form.setFieldsValue(data)}>{t('common.reset')}</Button>
        </Space>
      </Form>
      <CryptoStatusCard />
    </>
  );
}
