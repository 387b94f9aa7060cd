import { App, Button, Card, Empty, Form, Input, List, Radio, Segmented, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationView } from '../../../../contracts/notifications.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import {
  listNotifications,
  loadNotificationPreferences,
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationPreferences,
  unreadChanged,
} from './notifications.api.ts';

const PAGE_SIZE = 20;

function kindLabel(kind: string, english: boolean): string {
  const labels = NOTIFICATION_KINDS[kind as NotificationKind];
  return labels ? (english ? labels.en : labels.zh) : kind;
}

/** Per kind: inbox only or inbox + e-mail, and the address e-mail copies go to. */
function PreferencesCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const { data, error, reload } = useAsync((signal) => loadNotificationPreferences(signal), []);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (data) form.setFieldsValue({ email: data.email ?? '', ...Object.fromEntries(data.kinds.map((k) => [k.kind, k.channel])) });
  }, [data, form]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const save = async (values: Record<string, string>) => {
    setSaving(true);
    try {
      await saveNotificationPreferences({
        email: values.email?.trim() ? values.email.trim() : null,
        kinds: data.kinds.map((k) => ({ kind: k.kind, channel: values[k.kind] as 'inbox' | 'inbox+email' })),
      });
      void message.success(t('notifications.saved'));
      reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('notifications.preferences')} size="small">
      <Form form={form} layout="vertical" onFinish={save}>
        {data.kinds.map((k) => (
          <Form.Item key={k.kind} name={k.kind} label={kindLabel(k.kind, fmt.isEnglish)}>
            <Radio.Group>
              <Radio value="inbox">{t('notifications.inboxOnly')}</Radio>
              <Radio value="inbox+email" disabled={!data.emailAvailable}>
                {t('notifications.inboxAndEmail')}
              </Radio>
            </Radio.Group>
          </Form.Item>
        ))}
        <Form.Item name="email" label={t('notifications.email')} extra={data.emailAvailable ? undefined : t('notifications.emailUnavailable')}>
          <Input type="email" maxLength={254} autoComplete="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** The signed-in user's inbox: newest first, unread highlighted; opening one marks it read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useAsync(
    (signal) => listNotifications({ ...(filter === 'unread' ? { unread: 'true' as const } : {}), page, pageSize: PAGE_SIZE }, signal),
    [filter, page],
  );
  const read = async (n: NotificationView) => {
    if (n.readAt) return;
    try {
      await markNotificationRead(n.id);
      unreadChanged();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const readAll = async () => {
    try {
      await markAllNotificationsRead();
      unreadChanged();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={data ? t('notifications.summary', { unread: fmt.number(data.unread) }) : undefined}
        extra={
          <Space>
            <Segmented
              value={filter}
              onChange={(v) => {
                setFilter(v as 'all' | 'unread');
                setPage(1);
              }}
              options={[
                { value: 'all', label: t('notifications.all') },
                { value: 'unread', label: t('notifications.unread') },
              ]}
            />
            <Button onClick={readAll} disabled={!data?.unread}>
              {t('notifications.markAllRead')}
            </Button>
          </Space>
        }
      />
      <div className="notifications-layout">
        <Card size="small">
          {error ? (
            <LoadError error={error} onRetry={reload} />
          ) : (
            <List
              loading={loading}
              dataSource={data?.items}
              locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
              pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage } : false}
              renderItem={(n) => (
                <List.Item
                  className={n.readAt ? 'notification' : 'notification notification--unread'}
                  actions={[
                    n.link ? (
                      <Link key="open" to={n.link} onClick={() => void read(n)}>
                        {t('notifications.open')}
                      </Link>
                    ) : null,
                    n.readAt ? null : (
                      <Button key="read" type="link" size="small" onClick={() => void read(n)}>
                        {t('notifications.markRead')}
                      </Button>
                    ),
                  ].filter(Boolean)}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {!n.readAt && <Tag color="blue">{t('notifications.new')}</Tag>}
                        <span>{fmt.isEnglish ? n.titleEn : n.titleZh}</span>
                      </Space>
                    }
                    description={
                      <>
                        <div>{fmt.isEnglish ? n.bodyEn : n.bodyZh}</div>
                        <div className="notification__meta">
                          {kindLabel(n.kind, fmt.isEnglish)} · {fmt.dateTime(n.createdAt)}
                        </div>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
        <PreferencesCard />
      </div>
    </>
  );
}
