import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Form, Modal, Progress, Radio, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResultView } from '../../../../../contracts/registry-io.ts';

type ImportWarning = ImportResultView['warnings'][number];
import { useErrorText, useNotifyError } from '../../../app/use-error-text.ts';
import { downloadReport, downloadTemplate, importWorkbook, type ImportProgress, type RegistryEntityName } from './registry-api.ts';
import { WorkbookPicker } from './workbook-picker.tsx';

/**
 * Excel import: choose a file, the mode and what to do with records already registered; progress while the
 * server works; then the counts, every rejected row (Excel row numbers) and the marked workbook to download,
 * and — folded away, since those rows were imported — the names close to a registered enterprise's.
 */
export function ImportDialog({ entity, label, open, onClose, onImported }: { entity: RegistryEntityName; label: string; open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'valid-only' | 'all-or-nothing'>('valid-only');
  const [duplicates, setDuplicates] = useState<'skip' | 'update'>('skip');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResultView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = progress !== null && result === null && failure === null;

  const reset = () => {
    setFile(null);
    setProgress(null);
    setResult(null);
    setFailure(null);
  };
  const close = () => {
    if (running) return;
    reset();
    onClose();
  };
  const start = async () => {
    if (!file) return;
    setFailure(null);
    setProgress({ phase: 'check', done: 0, total: 1 });
    try {
      const r = await importWorkbook(entity, file, { mode, duplicates }, setProgress);
      setResult(r);
      if (r.imported + r.updated > 0) onImported();
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  const percent = progress ? (progress.phase === 'done' ? 100 : Math.min(99, Math.round((progress.done / Math.max(1, progress.total)) * 100))) : 0;

  return (
    <Modal
      open={open}
      title={t('registries.io.title', { entity: label })}
      width={820}
      onCancel={close}
      maskClosable={!running}
      footer={
        result || failure ? (
          <Space>
            <Button onClick={reset}>{t('registries.io.again')}</Button>
            <Button type="primary" onClick={close}>
              {t('common.continue')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate(entity).catch(notifyError)}>
              {t('registries.actions.template')}
            </Button>
            <Button onClick={close} disabled={running}>
              {t('registries.actions.cancel')}
            </Button>
            <Button type="primary" disabled={!file} loading={running} onClick={() => void start()} data-testid="import-start">
              {t('registries.io.start')}
            </Button>
          </Space>
        )
      }
    >
      {!result && !failure && (
        <Form layout="vertical">
          <WorkbookPicker file={file} disabled={running} onChange={setFile} onRefused={setFailure} />
          <Form.Item label={t('registries.io.mode')} className="import-options">
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} disabled={running}>
              <Radio value="valid-only">{t('registries.io.modeValidOnly')}</Radio>
              <Radio value="all-or-nothing">{t('registries.io.modeAll')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('registries.io.duplicates')}>
            <Radio.Group value={duplicates} onChange={(e) => setDuplicates(e.target.value)} disabled={running}>
              <Radio value="skip">{t('registries.io.duplicatesSkip')}</Radio>
              <Radio value="update">{t('registries.io.duplicatesUpdate')}</Radio>
            </Radio.Group>
          </Form.Item>
          {progress && (
            <div data-testid="import-progress">
              <div className="muted">{t(`registries.io.phases.${progress.phase}`, { position: progress.position ?? progress.total })}</div>
              <Progress percent={percent} status="active" />
            </div>
          )}
        </Form>
      )}
      {failure && <Alert type="error" showIcon message={failure} data-testid="import-failure" />}
      {result && (
        <div data-testid="import-result">
          <Alert
            type={result.rejectedRows ? (result.committed ? 'warning' : 'error') : 'success'}
            showIcon
            className="form-alert"
            message={result.committed ? t('registries.io.resultOk', result) : t('registries.io.resultNothing', { rows: result.rejectedRows })}
            description={
              <>
                {result.committed && result.rejectedRows > 0 && <div>{t('registries.io.resultRejected', { rows: result.rejectedRows })}</div>}
                {result.ignoredColumns.length > 0 && <div>{t('registries.io.ignoredColumns', { columns: result.ignoredColumns.join('、') })}</div>}
              </>
            }
          />
          {result.reportId && (
            <Button icon={<DownloadOutlined />} className="form-alert" data-testid="import-report" onClick={() => downloadReport(entity, result.reportId!).catch(notifyError)}>
              {t('registries.io.downloadReport')}
            </Button>
          )}
          {result.rejected.length > 0 && (
            <Table
              size="small"
              rowKey={(r, i) => `${r.row}-${r.column}-${i}`}
              dataSource={result.rejected}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t('registries.io.row'), dataIndex: 'row', width: 70 },
                { title: t('registries.io.column'), dataIndex: 'column', width: 160, render: (v: string | null) => v ?? '—' },
                { title: t('registries.io.value'), dataIndex: 'value', width: 160, render: (v: string | null) => v ?? '—' },
                { title: t('registries.io.message'), dataIndex: 'message' },
              ]}
            />
          )}
          {result.warnings.length > 0 && <NameWarnings warnings={result.warnings} />}
        </div>
      )}
    </Modal>
  );
}

/** Rows imported although their name is close to a stored record's: a table to check, not errors. */
function NameWarnings({ warnings }: { warnings: ImportWarning[] }) {
  const { t } = useTranslation();
  return (
    <Collapse
      size="small"
      className="import-warnings"
      data-testid="import-warnings"
      items={[
        {
          key: 'similar-names',
          label: (
            <span>
              <WarningOutlined className="import-warnings__icon" /> {t('registries.io.similarNames', { count: warnings.length })}
            </span>
          ),
          children: (
            <Table<ImportWarning>
              size="small"
              rowKey={(w) => `${w.row}-${w.similar.key}`}
              dataSource={warnings}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t('registries.io.row'), dataIndex: 'row', width: 70 },
                { title: t('registries.io.importedName'), dataIndex: 'value', render: (v: string | null) => v ?? '—' },
                { title: t('registries.io.similarName'), key: 'similarName', render: (_: unknown, w) => w.similar.name },
                { title: t('registries.io.similarUscc'), key: 'similarUscc', width: 190, render: (_: unknown, w) => w.similar.key },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
