import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentOwnerKind, AttachmentView } from '../../../../contracts/attachments.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { downloadAttachment, listAttachments, removeAttachment, uploadAttachment } from './attachments.api.ts';
import { can } from '../../../../contracts/permissions.ts';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Evidence files of one object (an enterprise, a project …): list, download, upload, remove. */
export function AttachmentsPanel({ ownerKind, ownerId }: { ownerKind: AttachmentOwnerKind; ownerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const role = useSession().session?.user.role;
  // Whether the role may attach at all; the server decides per object (its owner's write scope).
  const canWrite = can(role, 'attachment.write');
  const [uploading, setUploading] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => listAttachments(ownerKind, ownerId, signal), [ownerKind, ownerId]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const columns: TableColumnsType<AttachmentView> = [
    { title: t('attachments.fileName'), dataIndex: 'fileName' },
    { title: t('attachments.size'), dataIndex: 'size', render: (v: number) => sizeText(v) },
    { title: t('attachments.uploadedAt'), dataIndex: 'createdAt', render: (v: string) => fmt.dateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Space>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadAttachment(a.id, a.fileName).catch(notifyError)}>
            {t('attachments.download')}
          </Button>
          {canWrite && (
            <Popconfirm title={t('attachments.removeConfirm', { name: a.fileName })} onConfirm={() => removeAttachment(a.id).then(reload, notifyError)}>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('attachments.remove')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="attachments-panel">
      <Space wrap>
        {canWrite && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            customRequest={({ file }) => {
              setUploading(true);
              uploadAttachment(ownerKind, ownerId, file as File)
                .then(() => {
                  void message.success(t('attachments.uploaded'));
                  reload();
                }, notifyError)
                .finally(() => setUploading(false));
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              {t('attachments.upload')}
            </Button>
          </Upload>
        )}
        <Typography.Text type="secondary">{t('attachments.hint')}</Typography.Text>
      </Space>
      <Table rowKey="id" size="small" loading={loading} dataSource={data?.items} columns={columns} pagination={false} locale={{ emptyText: t('attachments.empty') }} />
    </Space>
  );
}
