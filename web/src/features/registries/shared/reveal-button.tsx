import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { revealedContactSchema } from '../../../../../contracts/registry-common.ts';
import { api } from '../../../app/api.ts';
import { useSession } from '../../auth/session.tsx';
import { can } from '../../../../../contracts/permissions.ts';

/**
 * 显示 / Show: personal information arrives masked (138****5678); this asks the record's reveal route for the
 * clear values. The server checks the permission and the record's scope and audits every reveal; the button
 * is only offered to roles that hold the permission.
 */
export function RevealButton<T>({ path, schema, onRevealed }: { path: string; schema: z.ZodType<T>; onRevealed: (value: T) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const role = useSession().session?.user.role;
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(false);
  if (!can(role, 'personal.reveal') || shown) return null;
  const reveal = async () => {
    setBusy(true);
    try {
      onRevealed(await api.post(path, schema));
      setShown(true);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('registries.reveal.hint')}>
      <Button size="small" type="link" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()} data-testid="reveal-personal">
        {t('registries.reveal.show')}
      </Button>
    </Tooltip>
  );
}

/** A department's or platform's contact (name · phone), masked as sent, with 显示 for the clear values. */
export function RevealableContact({ path, contactName, contactPhone }: { path: string; contactName: string | null; contactPhone: string | null }) {
  const [clear, setClear] = useState<{ contactName: string | null; contactPhone: string | null } | null>(null);
  const shown = clear ?? { contactName, contactPhone };
  if (!shown.contactName && !shown.contactPhone) return <>—</>;
  return (
    <>
      {[shown.contactName, shown.contactPhone].filter(Boolean).join(' · ')}
      <RevealButton path={path} schema={revealedContactSchema} onRevealed={setClear} />
    </>
  );
}
