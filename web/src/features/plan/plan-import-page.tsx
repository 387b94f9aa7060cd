import { Alert, Button, Card, Col, Input, Result, Row, Select, Space, Tabs, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import type { ParseResponse, PlanVersionSummary } from '../../../../contracts/plan.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { ForbiddenPage } from '../../app/pages/forbidden-page.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useErrorText, useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { planApi } from './plan.api.ts';
import { ReviewSource, type Range } from './review-source.tsx';
import { ReviewStructure, type Edit } from './review-structure.tsx';
import './plan.css';

const NEW_PLAN = 'new';

/**
 * 规划导入 (commission): upload a .txt/.docx or paste the text → review the extracted structure beside the
 * source (click an item to see its clause) → correct → save as a new version → compare with the active one.
 */
export function PlanImportPage() {
  const { session } = useSession();
  if (session?.user.role !== 'commission') return <ForbiddenPage />;
  return <PlanImport />;
}

function PlanImport() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [parsed, setParsed] = useState<ParseResponse | null>(null);
  const [structure, setStructure] = useState<ParsedPolicy | null>(null);
  const [saved, setSaved] = useState<{ summary: PlanVersionSummary; activeVersionId: string | null } | null>(null);
  const plans = useAsync((signal) => planApi.listPlans(signal), []);

  const start = (response: ParseResponse) => {
    setParsed(response);
    setStructure(structuredClone(response.result));
    setSaved(null);
  };
  const reset = () => {
    setParsed(null);
    setStructure(null);
    setSaved(null);
  };

  return (
    <>
      <PageHeader
        title={t('plan.import.title')}
        subtitle={t('plan.import.subtitle')}
        extra={
          <Space>
            {parsed && <Button onClick={reset}>{t('plan.import.startOver')}</Button>}
            <Link to="/plan">
              <Button>{t('plan.import.backToPlan')}</Button>
            </Link>
          </Space>
        }
      />
      {saved ? (
        <SavedResult saved={saved.summary} activeVersionId={saved.activeVersionId} onAgain={reset} />
      ) : parsed && structure ? (
        <Review
          parsed={parsed}
          structure={structure}
          setStructure={setStructure}
          plans={plans.data?.items ?? []}
          defaultPlanId={params.get('plan') ?? plans.data?.items.find((p) => p.activeVersionId)?.id ?? NEW_PLAN}
          onSaved={(summary, activeVersionId) => setSaved({ summary, activeVersionId })}
        />
      ) : (
        <SourceInput onParsed={start} />
      )}
    </>
  );
}

function SourceInput({ onParsed }: { onParsed: (r: ParseResponse) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<ParseResponse>) => {
    setBusy(true);
    setError(null);
    try {
      onParsed(await work());
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      {error && <Alert className="form-alert" type="error" showIcon message={error} data-testid="import-error" />}
      <Tabs
        items={[
          {
            key: 'upload',
            label: t('plan.import.upload'),
            children: (
              <Upload.Dragger
                accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                multiple={false}
                showUploadList={false}
                disabled={busy}
                beforeUpload={(file) => {
                  void run(() => planApi.parseFile(file));
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{busy ? t('plan.import.parsing') : t('plan.import.uploadText')}</p>
                <p className="ant-upload-hint">{t('plan.import.uploadHint')}</p>
              </Upload.Dragger>
            ),
          },
          {
            key: 'paste',
            label: t('plan.import.paste'),
            children: (
              <Space direction="vertical" className="full-width">
                <Input.TextArea rows={14} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('plan.import.pastePlaceholder')} data-testid="import-text" />
                <Button type="primary" loading={busy} disabled={!text.trim()} onClick={() => void run(() => planApi.parseText(text))} data-testid="import-parse">
                  {t('plan.import.parse')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

interface ReviewProps {
  parsed: ParseResponse;
  structure: ParsedPolicy;
  setStructure: (s: ParsedPolicy) => void;
  plans: { id: string; title: string; activeVersionId: string | null }[];
  defaultPlanId: string;
  onSaved: (summary: PlanVersionSummary, activeVersionId: string | null) => void;
}

function Review({ parsed, structure, setStructure, plans, defaultPlanId, onSaved }: ReviewProps) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [selected, setSelected] = useState<Range | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const planId = target ?? defaultPlanId;
  const edit: Edit = (change) => {
    const next = structuredClone(structure);
    change(next);
    setStructure(next);
  };
  const options = useMemo(
    () => [...plans.map((p) => ({ value: p.id, label: t('plan.import.newVersionOf', { title: p.title }) })), { value: NEW_PLAN, label: t('plan.import.newPlan') }],
    [plans, t],
  );
  const save = async () => {
    setSaving(true);
    try {
      const input = { sourceText: parsed.text, sourceFileName: parsed.fileName, structure, ...(note.trim() ? { note: note.trim() } : {}) };
      const summary = planId === NEW_PLAN ? await planApi.createPlan(input) : await planApi.saveVersion(planId, input);
      onSaved(summary, plans.find((p) => p.id === summary.planId)?.activeVersionId ?? null);
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Card className="plan-review__bar" size="small">
        <Space wrap>
          <span>{parsed.fileName ?? t('plan.versions.pasted')}</span>
          <span className="muted mono">SHA-256 {parsed.sha256.slice(0, 16)}…</span>
          <Select className="plan-review__target" value={planId} onChange={setTarget} options={options} data-testid="import-target" />
          <Input className="plan-review__note" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('plan.import.note')} maxLength={500} />
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="import-save">
            {t('plan.import.save')}
          </Button>
        </Space>
        <div className="muted plan-note">{t('plan.import.clickHint')}</div>
      </Card>
      <Row gutter={16} className="plan-review">
        <Col xs={24} lg={10}>
          <Card size="small" title={t('plan.review.source')} className="plan-review__source-card">
            <ReviewSource text={parsed.text} range={selected} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <ReviewStructure structure={structure} edit={edit} selected={selected} onSelect={setSelected} />
        </Col>
      </Row>
    </>
  );
}

function SavedResult({ saved, activeVersionId, onAgain }: { saved: PlanVersionSummary; activeVersionId: string | null; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Result
        status="success"
        title={t('plan.import.saved', { version: saved.version })}
        subTitle={t('plan.import.savedHint')}
        extra={[
          activeVersionId && activeVersionId !== saved.id && (
            <Link key="compare" to={`/plan/compare?from=${activeVersionId}&to=${saved.id}`}>
              <Button type="primary" data-testid="import-compare">
                {t('plan.import.compareWithActive')}
              </Button>
            </Link>
          ),
          <Link key="view" to={`/plan?version=${saved.id}`}>
            <Button>{t('plan.import.viewVersion')}</Button>
          </Link>,
          <Button key="again" onClick={onAgain}>
            {t('plan.import.another')}
          </Button>,
        ]}
      />
    </Card>
  );
}
