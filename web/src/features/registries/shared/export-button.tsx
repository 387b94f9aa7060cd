import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../../app/api.ts';
import { useNotifyError } from '../../../app/use-error-text.ts';
import { downloadExport, type RegistryEntityName } from './registry-api.ts';

/** Exports the list as filtered on screen (the server applies the user's scope), as .xlsx or CSV. */
export function ExportButton({ entity, filters }: { entity: RegistryEntityName; filters: Query }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      await downloadExport(entity, filters, format);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown.Button
      loading={busy}
      onClick={() => void run('xlsx')}
      data-testid={`export-${entity}`}
      menu={{ items: [{ key: 'csv', label: t('registries.actions.exportCsv') }], onClick: () => void run('csv') }}
    >
      <DownloadOutlined /> {t('registries.actions.exportXlsx')}
    </Dropdown.Button>
  );
}
