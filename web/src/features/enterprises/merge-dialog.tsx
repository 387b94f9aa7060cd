import { Alert, App, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseDetail } from '../../../../contracts/enterprises.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { listEnterprises, mergeEnterprise } from './enterprises.api.ts';

/** Merge a duplicate record into this one (commission): pick the duplicate, confirm. */
export function MergeDialog({ open, target, onClose, onMerged }: { open: boolean; target: EnterpriseDetail; onClose: () => void; onMerged: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [source, setSource] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (q: string) => {
    if (q.trim().length < 2) return;
    const page = await listEnterprises({ page: 1, pageSize: 20, q: q.trim() });
    setOptions(page.items.filter((e) => e.id !== target.id).map((e) => ({ value: e.id, label: `${e.name} · ${e.uscc}` })));
  };
  const merge = async () => {
    if (!source) return;
    setBusy(true);
    try {
      const result = await mergeEnterprise(target.id, source, target.version);
      const moved = Object.values(result.movedReferences).reduce((a, b) => a + b, 0);
      void message.success(t('registries.enterprises.mergeDone', { count: moved }));
      if (result.accountsToRescope > 0) modal.warning({ content: t('registries.enterprises.mergeAccounts', { count: result.accountsToRescope }) });
      setSource(null);
      onMerged();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('registries.enterprises.mergeTitle', { name: target.name })} onCancel={onClose} onOk={() => void merge()} okButtonProps={{ disabled: !source, danger: true }} confirmLoading={busy} okText={t('registries.enterprises.merge')}>
      <Alert type="info" showIcon className="form-alert" message={t('registries.enterprises.mergeHint')} />
      <Select
        className="full-width"
        showSearch
        filterOption={false}
        placeholder={t('registries.enterprises.mergeSearch')}
        onSearch={(q) => void search(q).catch(notifyError)}
        options={options}
        value={source}
        onChange={setSource}
      />
    </Modal>
  );
}
