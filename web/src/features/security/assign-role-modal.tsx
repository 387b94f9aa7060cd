import { Alert, Form, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUserView } from '../../../../contracts/admin.ts';
import { ROLES, ROLE_SCOPE_KIND } from '../../../../contracts/roles.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { useErrorText } from '../../app/use-error-text.ts';
import { ScopePicker } from './scope-picker.tsx';
import { assignRole } from './security.api.ts';

interface Values {
  role?: Role;
  scopeId?: string | null;
}

/** Assigns one role (and the scope the role needs, per ROLE_SCOPE_KIND) to an account. */
export function AssignRoleModal({ user, onClose, onSaved }: { user: AdminUserView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const scopeKind = role ? ROLE_SCOPE_KIND[role] : null;
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => setError(null), [user]);

  const submit = async (values: Values) => {
    if (!user || !values.role) return;
    setSaving(true);
    setError(null);
    try {
      await assignRole(user.id, values.role, ROLE_SCOPE_KIND[values.role] ? (values.scopeId ?? null) : null);
      onSaved();
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  const currentScope = user?.scope;
  const initialScope = useMemo(
    () => (currentScope && scopeKind === currentScope.kind ? { id: currentScope.id, name: currentScope.name } : null),
    [currentScope, scopeKind],
  );

  return (
    <Modal
      open={user !== null}
      title={user ? t('security.assignTitle', { name: `${user.displayName}（${user.username}）` }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert className="form-alert" type="info" showIcon message={t('security.assignHint')} />
      {error !== null && <Alert className="form-alert" type="error" showIcon message={errorText(error)} />}
      <Form<Values>
        key={user?.id ?? 'none'}
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: user?.role ?? undefined, scopeId: user?.scope?.id ?? null }}
      >
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('security.roleRequired') }]}>
          <Select
            options={ROLES.map((value) => ({ value, label: fmt.role(value) }))}
            onChange={() => form.setFieldValue('scopeId', null)}
          />
        </Form.Item>
        {scopeKind && (
          <Form.Item
            name="scopeId"
            label={t(`security.scopeLabel.${scopeKind}`)}
            rules={[{ required: true, message: t('security.scopeRequired') }]}
          >
            <ScopePicker kind={scopeKind} initial={initialScope} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
