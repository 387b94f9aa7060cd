import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUserBodySchema, usernameSchema } from '../../../../contracts/admin.ts';
import { useErrorText } from '../../app/use-error-text.ts';
import { createUser } from './admin-users.api.ts';
import type { CreateUserBody, CreateUserResult } from './admin-users.api.ts';

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (result: CreateUserResult) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<CreateUserBody>();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: CreateUserBody) => {
    const parsed = createUserBodySchema.safeParse(values);
    if (!parsed.success) return;
    setSubmitting(true);
    setError(null);
    try {
      onCreated(await createUser(parsed.data));
      form.resetFields();
    } catch (cause) {
      setError(cause);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('users.create')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Alert className="form-alert" type="info" showIcon message={t('users.roleBySecadmin')} />
      {error !== null && <Alert className="form-alert" type="error" showIcon message={errorText(error)} />}
      <Form<CreateUserBody> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameRule')}
          rules={[
            {
              required: true,
              validator: (_, value: unknown) =>
                usernameSchema.safeParse(value ?? '').success ? Promise.resolve() : Promise.reject(new Error(t('users.usernameRule'))),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, max: 64, message: t('users.displayNameRequired') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
