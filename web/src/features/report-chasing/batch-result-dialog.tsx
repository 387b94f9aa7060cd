import { Modal, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchOutcome } from '../../../../contracts/report-chasing.ts';

export interface BatchResult {
  succeeded: number;
  failed: number;
  items: BatchOutcome[];
}

/** The outcome of each report of a batch review, failures with their reason. */
export function BatchResultDialog({ result, onClose }: { result: BatchResult | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <Modal open={!!result} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} width={820} title={result ? t('statistics.chasing.batchTitle', { succeeded: result.succeeded, failed: result.failed }) : ''} data-testid="batch-result">
      <Table<BatchOutcome>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={result?.items}
        columns={[
          { title: t('statistics.period'), dataIndex: 'period', width: 90, render: (p: string | null) => p ?? '—' },
          { title: t('statistics.chasing.enterprise'), dataIndex: 'enterpriseName', render: (n: string | null, r) => n ?? r.id },
          { title: t('statistics.chasing.outcome'), dataIndex: 'ok', width: 90, render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'statistics.chasing.ok' : 'statistics.chasing.failed')}</Tag> },
          { title: t('statistics.chasing.reason'), key: 'reason', render: (_: unknown, r) => (r.error ? (english ? r.error.messageEn : r.error.message) : '') },
        ]}
      />
    </Modal>
  );
}
