import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '../../../../contracts/audit.ts';

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="json-block">
      <div className="json-block__label">{label}</div>
      <pre className="json-block__body">{value === undefined || value === null ? '—' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/** The expanded row of an audit event: the object before and after the change, and any details. */
export function AuditEventDetail({ event }: { event: AuditEventView }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={8}>
        <Json label={t('audit.before')} value={event.before} />
      </Col>
      <Col xs={24} lg={8}>
        <Json label={t('audit.after')} value={event.after} />
      </Col>
      <Col xs={24} lg={8}>
        <Json label={t('audit.details')} value={event.details} />
      </Col>
    </Row>
  );
}
