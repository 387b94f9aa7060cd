import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, List, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { INDICATOR_BY_CODE, INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { ReportValues } from '../../../../contracts/monthly-reports.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { approveReport, createReport, getReport, getRevisions, listReports, reviewReport, saveReport, submitReport, type ReportDetail } from './statistics.api.ts';
import { defaultReportPeriod, shiftPeriod } from './report-period.ts';
import { lastCompletePeriod } from './stat-format.ts';

export const STATUS_KEY = { draft: 'draft', submitted: 'submitted', 'park-reviewed': 'parkReviewed', approved: 'approved', returned: 'returned' } as const;
export const STATUS_COLOR = { draft: 'default', submitted: 'blue', 'park-reviewed': 'purple', approved: 'green', returned: 'red' } as const;

/**
 * One monthly report: the enterprise's form (drafts and returned reports are editable; validation messages
 * and the 说明 field appear as the server reports them), the park's review and the commission's approval, and
 * every revision. `reportId` null with `creating` opens an empty form for a new month.
 */
export function ReportDrawer({ reportId, creating, role, onClose, onChanged }: { reportId: string | null; creating: boolean; role: Role | null | undefined; onClose: () => void; onChanged: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ period: dayjs.Dayjs; explanation?: string } & ReportValues>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<ReportDetail | null>(null);
  /** While a new form looks up the earliest unreported month, saving would file the wrong month. */
  const [pickingPeriod, setPickingPeriod] = useState(false);
  const detail = useAsync((signal) => (reportId ? getReport(reportId, signal) : Promise.resolve(null)), [reportId]);
  const revisions = useAsync((signal) => (reportId ? getRevisions(reportId, signal) : Promise.resolve(null)), [reportId, current?.version]);
  const report = current ?? detail.data ?? null;

  useEffect(() => setCurrent(null), [reportId, creating]);
  useEffect(() => {
    if (report) {
      form.setFieldsValue({ period: dayjs(`${report.period}-01`), explanation: report.explanation ?? '', ...report.values });
      return;
    }
    if (!creating) return;
    // A new report starts empty (never the figures of the report viewed before) on the earliest unreported month.
    form.resetFields();
    form.setFieldsValue({ period: dayjs(`${lastCompletePeriod()}-01`) });
    const abort = new AbortController();
    setPickingPeriod(true);
    listReports({ page: 1, pageSize: 24 }, abort.signal)
      .then((page) => form.setFieldsValue({ period: dayjs(`${defaultReportPeriod(page.items.map((r) => r.period), lastCompletePeriod())}-01`) }))
      .catch(() => undefined)
      .finally(() => setPickingPeriod(false));
    return () => abort.abort();
  }, [report, creating, form]);

  /** Fills the form with the previous month's figures, on request only; the 说明 is never copied. */
  const copyLastMonth = async () => {
    const period = report?.period ?? form.getFieldValue('period')?.format('YYYY-MM');
    if (!period) return;
    const previous = shiftPeriod(period, -1);
    try {
      const page = await listReports({ page: 1, pageSize: 1, period: previous });
      const source = page.items[0];
      if (!source) return void message.info(t('statistics.reports.noLastMonth', { period: previous }));
      form.setFieldsValue({ ...source.values });
      void message.success(t('statistics.reports.copiedLastMonth', { period: previous }));
    } catch (error) {
      notifyError(error);
    }
  };

  const editable = role === 'enterprise' && (creating || (report !== null && (report.status === 'draft' || report.status === 'returned')));
  const valuesOf = (): { values: ReportValues; explanation: string | null } => {
    const v = form.getFieldsValue();
    return { values: Object.fromEntries(INDICATOR_CODES.map((c) => [c, v[c] ?? null])) as ReportValues, explanation: v.explanation?.trim() ? v.explanation.trim() : null };
  };
  const run = async (work: () => Promise<ReportDetail>, done = t('statistics.reports.done')) => {
    setBusy(true);
    try {
      const next = await work();
      setCurrent(next);
      onChanged(next.id);
      void message.success(done);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(() => (report ? saveReport(report.id, { version: report.version, ...valuesOf() }) : createReport({ period: form.getFieldValue('period').format('YYYY-MM'), ...valuesOf() })), t('statistics.reports.saved'));
  const submit = () =>
    run(async () => {
      const saved = report ? await saveReport(report.id, { version: report.version, ...valuesOf() }) : await createReport({ period: form.getFieldValue('period').format('YYYY-MM'), ...valuesOf() });
      setCurrent(saved);
      return submitReport(saved.id, saved.version);
    });

  const issues = report?.issues ?? [];
  const lang = i18n.language;
  const text = (i: { messageZh: string; messageEn: string }) => (lang.startsWith('en') ? i.messageEn : i.messageZh);
  const toExplain = issues.filter((i) => i.severity === 'needs-explanation');
  const explanationMissing = Boolean(report?.needsExplanation) && !report?.explanation?.trim();
  const reviewing = report !== null && (role === 'park' || role === 'commission') && (report.status === 'submitted' || report.status === 'park-reviewed');
  return (
    <Drawer open={reportId !== null || creating} onClose={onClose} width={760} title={report ? `${report.enterpriseName} · ${report.period}` : t('statistics.reports.new')} destroyOnHidden>
      {report && (
        <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('statistics.reports.status')}>
            <Tag color={STATUS_COLOR[report.status]}>{t(`statistics.reports.statuses.${STATUS_KEY[report.status]}`)}</Tag>
            {report.isLate && <Tag color="red">{t('statistics.reports.late')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('statistics.reports.deadline')}>{report.deadline}</Descriptions.Item>
          <Descriptions.Item label={t('statistics.reports.version')}>{report.version}</Descriptions.Item>
        </Descriptions>
      )}
      {report?.status === 'returned' && report.returnReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('statistics.reports.returnedBecause', { reason: report.returnReason })} />}
      {reviewing && (report.explanation?.trim() || report.needsExplanation) && (
        <Alert
          data-testid="review-explanation"
          type={report.explanation?.trim() ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          message={report.explanation?.trim() ? t('statistics.reports.explanationForReview') : t('statistics.reports.explanationMissing')}
          description={
            <>
              {report.explanation?.trim() && <div style={{ fontSize: 15, fontWeight: 600, whiteSpace: 'pre-wrap', marginBottom: 6 }}>{report.explanation}</div>}
              {toExplain.map((i, k) => <div key={k}>{text(i)}</div>)}
            </>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'form',
            label: t('statistics.reports.values'),
            children: (
              <>
                <Form form={form} layout="horizontal" labelCol={{ span: 9 }} wrapperCol={{ span: 15 }} disabled={!editable || busy}>
                  <Form.Item name="period" label={t('statistics.period')}>
                    <DatePicker picker="month" disabled={!creating} allowClear={false} />
                  </Form.Item>
                  {INDICATOR_CODES.map((c: IndicatorCode) => {
                    const issue = issues.find((i) => i.indicator === c);
                    return (
                      <Form.Item key={c} name={c} label={fmt.withUnit(t(`statistics.indicators.${c}`), INDICATOR_BY_CODE[c].unit)} validateStatus={issue ? (issue.severity === 'error' ? 'error' : 'warning') : undefined} help={issue ? text(issue) : undefined}>
                        <InputNumber style={{ width: 220 }} precision={c === 'employees' ? 0 : undefined} min={INDICATOR_BY_CODE[c].allowsNegative ? undefined : 0} />
                      </Form.Item>
                    );
                  })}
                  {(report?.needsExplanation || report?.explanation) && (
                    <Form.Item
                      name="explanation"
                      label={t('statistics.reports.explanation')}
                      required={Boolean(report?.needsExplanation)}
                      validateStatus={editable && explanationMissing ? 'error' : undefined}
                      help={
                        editable && explanationMissing ? (
                          <>
                            <div>{t('statistics.reports.explanationRequired')}</div>
                            {toExplain.map((i, k) => <div key={k}>· {text(i)}</div>)}
                          </>
                        ) : undefined
                      }
                      extra={report?.needsExplanation && !explanationMissing ? t('statistics.reports.explanationHint') : undefined}
                    >
                      <Input.TextArea rows={3} maxLength={2000} />
                    </Form.Item>
                  )}
                </Form>
                <Alert type="info" style={{ marginBottom: 12 }} message={t('statistics.reports.unitHint')} />
                {report && (
                  <Alert
                    type={issues.some((i) => i.severity === 'error') ? 'error' : issues.length ? 'warning' : 'success'}
                    message={t('statistics.reports.issues')}
                    description={issues.length ? <List size="small" dataSource={issues} renderItem={(i) => <List.Item>{text(i)}</List.Item>} /> : t('statistics.reports.noIssues')}
                    style={{ marginBottom: 12 }}
                  />
                )}
                <Space wrap>
                  {editable && <Button onClick={() => void copyLastMonth()} disabled={busy}>{t('statistics.reports.copyLastMonth')}</Button>}
                  {editable && <Button onClick={save} loading={busy} disabled={pickingPeriod}>{t('statistics.reports.save')}</Button>}
                  {editable && <Button type="primary" onClick={submit} loading={busy} disabled={pickingPeriod}>{t('statistics.reports.submit')}</Button>}
                  {report && ((role === 'park' && report.status === 'submitted') || (role === 'commission' && (report.status === 'submitted' || report.status === 'park-reviewed'))) && (
                    <>
                      {role === 'park' && <Button type="primary" loading={busy} onClick={() => run(() => reviewReport(report.id, { version: report.version, decision: 'pass' }))}>{t('statistics.reports.pass')}</Button>}
                      {role === 'commission' && report.status === 'park-reviewed' && <Button type="primary" loading={busy} onClick={() => run(() => approveReport(report.id, { version: report.version, decision: 'approve' }))}>{t('statistics.reports.approve')}</Button>}
                      <Input placeholder={t('statistics.reports.reason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 240 }} />
                      <Button danger loading={busy} onClick={() => (reason.trim() ? run(() => (role === 'park' ? reviewReport(report.id, { version: report.version, decision: 'return', reason }) : approveReport(report.id, { version: report.version, decision: 'return', reason }))) : void message.warning(t('statistics.reports.reasonRequired')))}>
                        {t('statistics.reports.return')}
                      </Button>
                    </>
                  )}
                </Space>
              </>
            ),
          },
          {
            key: 'revisions',
            label: t('statistics.reports.revisions'),
            disabled: !report,
            children: (
              <Table
                size="small"
                rowKey="version"
                pagination={false}
                loading={revisions.loading}
                dataSource={revisions.data?.items}
                expandable={{ expandedRowRender: (r) => <pre style={{ margin: 0, fontSize: 12 }}>{JSON.stringify(r.values, null, 1)}</pre> }}
                columns={[
                  { title: t('statistics.reports.version'), dataIndex: 'version', width: 70 },
                  { title: t('statistics.reports.action'), dataIndex: 'action', render: (a: string) => t(`statistics.reports.actions.${a as 'save'}`, { defaultValue: a }) },
                  { title: t('statistics.reports.status'), dataIndex: 'status', render: (s: ReportDetail['status']) => t(`statistics.reports.statuses.${STATUS_KEY[s]}`) },
                  { title: t('statistics.reports.actor'), dataIndex: 'actor' },
                  { title: t('statistics.reports.at'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString(lang) },
                ]}
              />
            ),
          },
        ]}
      />
    </Drawer>
  );
}
