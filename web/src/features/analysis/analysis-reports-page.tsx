import { App, Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisReportView } from '../../../../contracts/forecast.ts';
import { useSession } from '../auth/session.tsx';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useErrorText } from '../../app/use-error-text.ts';
import { loadReferenceData, localName, type ReferenceData } from '../registries/shared/reference.ts';
import { downloadAnalysisReport, generateAnalysisReport, listAnalysisReports, regenerateAnalysisReport } from './analysis.api.ts';
import { can } from '../../../../contracts/permissions.ts';

/**
 * 月度运行分析报告: the archive (district and zones; a park sees its own zone's), generation for a chosen month
 * and scope, regeneration from the current data and download as Word.
 */
export function AnalysisReportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const english = i18n.language.startsWith('en');
  const role = useSession().session?.user.role;
  const reports = useAsync((signal) => listAnalysisReports(signal), []);
  const [zones, setZones] = useState<ReferenceData['zones']>([]);
  const [period, setPeriod] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [zone, setZone] = useState<string>('');
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    void loadReferenceData().then((r) => setZones(r.zones), () => setZones([]));
  }, []);
  const zoneName = (code: string | null) => (code === null ? t('analysis.reports.district') : localName(zones.find((z) => z.code === code) ?? { nameZh: code, nameEn: code }, english));
  const canGenerate = can(role, 'analysis-report.generate');

  const run = async (key: string, work: () => Promise<unknown>) => {
    setBusy(key);
    const hide = message.loading(t('analysis.reports.generating'), 0);
    try {
      await work();
      message.success(t('analysis.reports.generated'));
      reports.reload();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      hide();
      setBusy(null);
    }
  };

  if (reports.error) return <LoadError error={reports.error} onRetry={reports.reload} />;
  return (
    <>
      <PageHeader title={t('analysis.reports.title')} subtitle={t('analysis.reports.subtitle')} />
      {canGenerate && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap>
            <span>{t('analysis.reports.period')}</span>
            <DatePicker picker="month" value={period} allowClear={false} onChange={(v) => v && setPeriod(v)} />
            {role === 'commission' && (
              <>
                <span>{t('analysis.reports.zone')}</span>
                <Select
                  style={{ width: 180 }}
                  value={zone}
                  onChange={setZone}
                  options={[{ value: '', label: t('analysis.reports.district') }, ...zones.map((z) => ({ value: z.code, label: localName(z, english) }))]}
                />
              </>
            )}
            <Button type="primary" loading={busy === 'new'} onClick={() => void run('new', () => generateAnalysisReport({ period: period.format('YYYY-MM'), zone: zone || null }))}>
              {t('analysis.reports.generate')}
            </Button>
          </Space>
        </Card>
      )}
      <Table<AnalysisReportView>
        rowKey="id"
        size="small"
        loading={reports.loading}
        dataSource={reports.data?.items}
        locale={{ emptyText: t('analysis.reports.empty') }}
        pagination={false}
        columns={[
          { title: t('analysis.reports.period'), dataIndex: 'period' },
          { title: t('analysis.reports.zone'), dataIndex: 'zoneCode', render: (code: string | null) => zoneName(code) },
          { title: t('analysis.reports.version'), dataIndex: 'version' },
          { title: t('analysis.reports.source'), dataIndex: 'source', render: (s: string) => <Tag>{s === 'job' ? t('analysis.reports.sourceJob') : t('analysis.reports.sourceManual')}</Tag> },
          { title: t('analysis.reports.generatedAt'), dataIndex: 'generatedAt', render: (v: string) => new Date(v).toLocaleString(i18n.language) },
          { title: t('analysis.reports.size'), dataIndex: 'size', render: (v: number) => `${Math.round(v / 1024)} KB` },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => void downloadAnalysisReport(r.id, r.fileName).catch((e: unknown) => message.error(errorText(e)))}>
                  {t('analysis.reports.download')}
                </Button>
                {canGenerate && (
                  <Button size="small" loading={busy === r.id} onClick={() => void run(r.id, () => regenerateAnalysisReport(r.id))}>
                    {t('analysis.reports.regenerate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
