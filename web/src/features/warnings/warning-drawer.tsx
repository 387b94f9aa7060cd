import { App, Button, Descriptions, Drawer, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WarningAction } from '../../../../contracts/warnings.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { AttachmentsPanel } from '../attachments/attachments-panel.tsx';
import { useSession } from '../auth/session.tsx';
import { actOnWarning, loadWarning } from './warnings.api.ts';
import { LEVEL_COLOR, STATUS_COLOR } from './warning-style.ts';

const STEPS: Record<string, WarningAction['action'][]> = {
  open: ['acknowledge', 'handle', 'note', 'resolve', 'dismiss'],
  acknowledged: ['handle', 'note', 'resolve', 'dismiss'],
  handling: ['note', 'resolve', 'dismiss'],
};
const NEEDS_TEXT = new Set(['note', 'resolve', 'dismiss']);

/** One warning: explanation, lifecycle actions (the owner's role, or the commission), history and attachments. */
export function WarningDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const role = useSession().session?.user.role;
  const { data, error, reload } = useAsync((signal) => (id ? loadWarning(id, signal) : Promise.resolve(null)), [id]);
  const [pending, setPending] = useState<WarningAction['action'] | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const canAct = data && (role === 'commission' || role === data.ownerRole);
  const run = async (action: WarningAction['action'], note?: string) => {
    if (!data) return;
    setBusy(true);
    try {
      await actOnWarning(data.id, { action, version: data.version, ...(note ? { note } : {}) });
      void message.success(t('warnings.actions.done'));
      setPending(null);
      setText('');
      reload();
      onChanged();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={t('warnings.detail.title')} destroyOnClose>
      {error && <LoadError error={error} onRetry={reload} />}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={LEVEL_COLOR[data.level]}>{t(`warnings.level.${data.level}`)}</Tag>
            <Tag color={STATUS_COLOR[data.status]}>{t(`warnings.status.${data.status}`)}</Tag>
            {data.escalationLevel > 0 && <Tag color="volcano">{t('warnings.detail.escalated', { level: data.escalationLevel })}</Tag>}
          </Space>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {fmt.isEnglish ? data.ruleNameEn : data.ruleNameZh} · {data.subjectLabel}
          </Typography.Title>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('warnings.columns.subject')}>{t(`warnings.subjectKind.${data.subjectKind}`)} {data.subjectKey}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.columns.owner')}>{t(`warnings.owner.${data.ownerRole}`)}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.columns.period')}>{data.period ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.columns.opened')}>{fmt.dateTime(data.openedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.detail.explanation')} span={2}>
              {fmt.isEnglish ? data.explanationEn : data.explanationZh}
            </Descriptions.Item>
            {data.closeReason && (
              <Descriptions.Item label={t('warnings.detail.closeReason')} span={2}>
                {data.closeReason}
              </Descriptions.Item>
            )}
          </Descriptions>
          {canAct && (
            <Space wrap>
              {(STEPS[data.status] ?? []).map((a) => (
                <Button key={a} type={a === 'resolve' ? 'primary' : 'default'} danger={a === 'dismiss'} loading={busy && pending === a}
                  onClick={() => (NEEDS_TEXT.has(a) ? setPending(a) : void run(a))}>
                  {t(`warnings.actions.${a}`)}
                </Button>
              ))}
            </Space>
          )}
          <Typography.Text strong>{t('warnings.detail.events')}</Typography.Text>
          <Timeline
            items={data.events.map((e) => ({
              children: (
                <>
                  <div>
                    <b>{t(`warnings.event.${e.kind}`, { defaultValue: e.kind })}</b> · {fmt.dateTime(e.at)} {e.actorName ? `· ${e.actorName}` : ''}
                  </div>
                  {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                </>
              ),
            }))}
          />
          <Typography.Text strong>{t('warnings.detail.attachments')}</Typography.Text>
          <AttachmentsPanel ownerKind="warning" ownerId={data.id} />
        </Space>
      )}
      <Modal open={pending !== null} title={pending ? t(`warnings.actions.${pending}`) : ''} okButtonProps={{ disabled: !text.trim(), loading: busy }}
        onOk={() => pending && void run(pending, text.trim())} onCancel={() => setPending(null)}>
        <Input.TextArea aria-label={t('warnings.actions.noteLabel')} value={text} maxLength={2000} rows={4} placeholder={t('warnings.actions.noteRequired')} onChange={(e) => setText(e.target.value)} />
      </Modal>
    </Drawer>
  );
}
