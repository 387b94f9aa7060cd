import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Form, Modal, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getIndicator, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { MonthlyImportQuery, MonthlyImportResultView, ReportStatus } from '../../../../contracts/monthly-reports.ts';
import { useErrorText, useNotifyError } from '../../app/use-error-text.ts';
import { WorkbookPicker } from '../registries/shared/workbook-picker.tsx';
import { STATUS_COLOR, STATUS_KEY } from './report-drawer.tsx';
import { downloadImportErrors, downloadReportTemplate, importBureauFile, type BureauImportProgress } from './statistics.api.ts';
import { fmtAmount } from './stat-format.ts';

type Rejected = MonthlyImportResultView['rejected'][number];
/** While a request runs: 'upload' until the server's first line, then the phase it reports. */
type Running = 'upload' | BureauImportProgress;
/** The server's phases in order (`done` is the last line before the result). */
const PHASES = ['check', 'parse', 'validate', 'write', 'rollups'] as const;
type Conflict = MonthlyImportResultView['conflicts'][number];

/** The importer joins its messages as "中文 / English": the half in the UI language (the whole when not joined). */
export function messageIn(message: string, language: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return language.startsWith('en') ? message.slice(at + 3) : message.slice(0, at);
}

/**
 * Import of the statistics bureau's monthly file (flat template or B204-1): choose the file and the options the
 * API takes, watch the server check, validate and write it (phase and progress streamed as it works), then
 * read the counts, every located error (and download the file with them marked), the figures that differ from
 * stored ones (with a re-run that replaces them) and the warnings. Only offered to roles holding report.import.
 */
export function BureauImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<MonthlyImportQuery['mode']>('valid-only');
  const [onConflict, setOnConflict] = useState<MonthlyImportQuery['onConflict']>('keep');
  /** Where the running request is; null when idle. */
  const [progress, setProgress] = useState<Running | null>(null);
  const [result, setResult] = useState<{ view: MonthlyImportResultView; onConflict: MonthlyImportQuery['onConflict'] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = progress !== null;

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
  const start = async (conflicts: MonthlyImportQuery['onConflict']) => {
    if (!file) return;
    setFailure(null);
    setResult(null);
    setProgress('upload');
    try {
      const view = await importBureauFile(file, { mode, onConflict: conflicts }, setProgress);
      setResult({ view, onConflict: conflicts });
      if (view.imported + view.updated > 0) onImported();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setProgress(null);
    }
  };

  const templateButton = (
    <Button icon={<DownloadOutlined />} onClick={() => downloadReportTemplate().catch(notifyError)} data-testid="bureau-template">
      {t('statistics.bureauImport.template')}
    </Button>
  );

  return (
    <Modal
      open={open}
      title={t('statistics.bureauImport.title')}
      width={960}
      onCancel={close}
      maskClosable={!running}
      footer={
        result || failure ? (
          <Space>
            {templateButton}
            <Button onClick={reset} data-testid="bureau-import-again">
              {t('registries.io.again')}
            </Button>
            <Button type="primary" onClick={close}>
              {t('common.continue')}
            </Button>
          </Space>
        ) : (
          <Space>
            {templateButton}
            <Button onClick={close} disabled={running}>
              {t('registries.actions.cancel')}
            </Button>
            <Button type="primary" disabled={!file} loading={running} onClick={() => void start(onConflict)} data-testid="bureau-import-start">
              {t('registries.io.start')}
            </Button>
          </Space>
        )
      }
    >
      {!result && !failure && (
        <Form layout="vertical">
          <Typography.Paragraph type="secondary">{t('statistics.bureauImport.intro')}</Typography.Paragraph>
          <WorkbookPicker file={file} disabled={running} onChange={setFile} onRefused={setFailure} />
          <Form.Item label={t('registries.io.mode')} className="import-options">
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} disabled={running}>
              <Radio value="valid-only">{t('registries.io.modeValidOnly')}</Radio>
              <Radio value="all-or-nothing">{t('registries.io.modeAll')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('statistics.bureauImport.onConflict')}>
            <Radio.Group value={onConflict} onChange={(e) => setOnConflict(e.target.value)} disabled={running}>
              <Radio value="keep">{t('statistics.bureauImport.keep')}</Radio>
              <Radio value="replace">{t('statistics.bureauImport.replace')}</Radio>
            </Radio.Group>
          </Form.Item>
          {progress !== null && <ImportProgress progress={progress} />}
        </Form>
      )}
      {failure && <Alert type="error" showIcon message={failure} data-testid="bureau-import-failure" />}
      {result && <ImportResult view={result.view} onConflict={result.onConflict} language={lang} onReplace={() => void start('replace')} running={running} />}
    </Modal>
  );
}

/** The phase the server reports (step n of 5), with its count where it has one, and a bar of the phase's share. */
function ImportProgress({ progress }: { progress: Running }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => n.toLocaleString(i18n.language);
  if (progress === 'upload') {
    return (
      <div data-testid="bureau-import-progress" data-phase="upload">
        <div className="muted">{t('statistics.bureauImport.phases.upload')}</div>
        <Progress percent={0} status="active" />
      </div>
    );
  }
  if (progress.phase === 'queued') {
    return (
      <div data-testid="bureau-import-progress" data-phase="queued">
        <div className="muted">{t('statistics.bureauImport.phases.queued', { position: number(progress.position ?? progress.total) })}</div>
        <Progress percent={0} status="active" />
      </div>
    );
  }
  const step = progress.phase === 'done' ? PHASES.length : PHASES.indexOf(progress.phase) + 1;
  const counted = progress.phase === 'validate' || progress.phase === 'write';
  const percent = progress.phase === 'done' ? 100 : Math.min(99, Math.round((progress.done / Math.max(1, progress.total)) * 100));
  return (
    <div data-testid="bureau-import-progress" data-phase={progress.phase}>
      <div className="muted">
        {t('statistics.bureauImport.step', { step, steps: PHASES.length, phase: t(`statistics.bureauImport.phases.${progress.phase}`) })}
        {counted && ` · ${t('statistics.bureauImport.counted', { done: number(progress.done), total: number(progress.total) })}`}
      </div>
      <Progress percent={percent} status="active" />
    </div>
  );
}

function ImportResult({ view, onConflict, language, onReplace, running }: { view: MonthlyImportResultView; onConflict: MonthlyImportQuery['onConflict']; language: string; onReplace: () => void; running: boolean }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const errors = view.rejected.length;
  const nothingInFile = view.committed && errors === 0 && view.imported + view.updated + view.unchanged + view.skipped === 0;
  const value = (indicator: IndicatorCode, v: number | null) => (v === null ? '—' : getIndicator(indicator).isMoney ? fmtAmount(v, language, 4) : fmtAmount(v, language, 0));
  return (
    <div data-testid="bureau-import-result">
      <Alert
        type={nothingInFile ? 'info' : errors ? (view.committed ? 'warning' : 'error') : view.skipped > 0 ? 'warning' : 'success'}
        showIcon
        className="form-alert"
        message={nothingInFile ? t('statistics.bureauImport.empty') : view.committed ? t('statistics.bureauImport.resultOk', view) : t('statistics.bureauImport.resultNothing', { count: errors })}
        description={
          <>
            <div>{t('statistics.bureauImport.layout', { layout: t(`statistics.bureauImport.layouts.${view.layout}`) })}</div>
            {view.committed && errors > 0 && <div>{t('statistics.bureauImport.resultRejected', { count: errors })}</div>}
          </>
        }
      />
      {errors > 0 && (
        <>
          <Typography.Title level={5}>{t('statistics.bureauImport.errors')}</Typography.Title>
          {view.reportId && (
            <Button icon={<DownloadOutlined />} className="form-alert" data-testid="bureau-import-report" onClick={() => downloadImportErrors(view.reportId!).catch(notifyError)}>
              {t('registries.io.downloadReport')}
            </Button>
          )}
          <Table<Rejected>
            size="small"
            data-testid="bureau-import-errors"
            rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.message}`}
            dataSource={view.rejected}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              { title: t('statistics.bureauImport.sheet'), dataIndex: 'sheet', width: 120, ellipsis: true },
              { title: t('registries.io.row'), dataIndex: 'row', width: 64 },
              { title: t('registries.io.column'), dataIndex: 'column', width: 64, render: (v: string | null) => v ?? '—' },
              { title: t('registries.io.value'), dataIndex: 'value', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
              { title: t('registries.io.message'), dataIndex: 'message', render: (m: string) => messageIn(m, language) },
            ]}
          />
        </>
      )}
      {view.conflicts.length > 0 && (
        <>
          <Typography.Title level={5}>{t('statistics.bureauImport.conflicts', { count: view.conflicts.length })}</Typography.Title>
          <Alert
            type="info"
            className="form-alert"
            message={onConflict === 'keep' ? t('statistics.bureauImport.conflictsKept') : t('statistics.bureauImport.conflictsReplaced')}
            action={
              onConflict === 'keep' ? (
                <Button size="small" type="primary" loading={running} onClick={onReplace} data-testid="bureau-import-replace">
                  {t('statistics.bureauImport.rerunReplace')}
                </Button>
              ) : undefined
            }
          />
          <Table<Conflict>
            size="small"
            data-testid="bureau-import-conflicts"
            rowKey={(c) => `${c.uscc}-${c.period}-${c.indicator}`}
            dataSource={view.conflicts}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              {
                title: t('statistics.bureauImport.enterprise'),
                dataIndex: 'enterpriseName',
                // The name first (what a reader recognises), the credit code the file used below it.
                render: (name: string, c) => (
                  <>
                    <div>{name || '—'}</div>
                    <div className="muted mono">{c.uscc}</div>
                  </>
                ),
              },
              { title: t('statistics.period'), dataIndex: 'period', width: 90 },
              { title: t('statistics.indicator'), dataIndex: 'indicator', width: 150, render: (c: IndicatorCode) => t(`statistics.indicators.${c}`) },
              { title: onConflict === 'keep' ? t('statistics.bureauImport.stored') : t('statistics.bureauImport.previous'), dataIndex: 'stored', align: 'right', render: (v: number | null, c) => value(c.indicator, v) },
              { title: t('statistics.bureauImport.incoming'), dataIndex: 'incoming', align: 'right', render: (v: number, c) => value(c.indicator, v) },
              {
                title: t('statistics.bureauImport.storedStatus'),
                dataIndex: 'storedStatus',
                width: 130,
                render: (s: string) => (s in STATUS_KEY ? <Tag color={STATUS_COLOR[s as ReportStatus]}>{t(`statistics.reports.statuses.${STATUS_KEY[s as ReportStatus]}`)}</Tag> : s),
              },
            ]}
          />
          <div className="muted">{t('statistics.bureauImport.unitHint')}</div>
        </>
      )}
      {view.ignored.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          data-testid="bureau-import-ignored"
          items={[
            {
              key: 'ignored',
              label: t('statistics.bureauImport.ignored', { count: view.ignored.length }),
              children: (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {view.ignored.map((r, i) => (
                    <li key={i}>
                      {r.sheet} · {t('registries.io.row')} {r.row}: {messageIn(r.message, language)}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
      {view.warnings.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'warnings',
              label: t('statistics.bureauImport.warnings', { count: view.warnings.length }),
              children: (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {view.warnings.map((w, i) => (
                    <li key={i}>
                      {w.sheet} · {t('registries.io.row')} {w.row}: {messageIn(w.message, language)}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
