import { Alert, Card, Col, Descriptions, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { NAV_ICONS } from '../../app/layout/nav-icons.tsx';
import { navItemsFor } from '../../app/navigation.ts';
import { useSession } from '../auth/session.tsx';
import { WorkbenchCard } from '../workbench/workbench-card.tsx';

/** Home page of the business roles: the role's workbench (to-dos), who you are, where to go. */
export function HomePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session } = useSession();
  if (!session) return null;
  const { user } = session;
  const shortcuts = navItemsFor(user.role).filter((item) => item.key !== 'home');
  const scopeText = user.scope
    ? `${t(`home.scopeKind.${user.scope.kind}`)} · ${user.scope.name}`
    : user.role
      ? t('home.scopeAll')
      : '—';

  return (
    <>
      <PageHeader title={t('home.welcome', { name: user.displayName })} subtitle={t('app.tagline')} />
      {!user.role && <Alert className="form-alert" type="warning" showIcon message={t('home.noRole')} />}
      <Row gutter={[16, 16]}>
        {user.role && (
          <Col xs={24}>
            <WorkbenchCard role={user.role} />
          </Col>
        )}
        <Col xs={24} xl={12}>
          <Card title={t('home.account')}>
            <Descriptions column={1} size="small" labelStyle={{ whiteSpace: 'nowrap' }}>
              <Descriptions.Item label={t('home.username')}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t('home.role')}>{fmt.role(user.role)}</Descriptions.Item>
              <Descriptions.Item label={t('home.scope')}>{scopeText}</Descriptions.Item>
              <Descriptions.Item label={t('home.mfa')}>{user.mfaEnabled ? t('common.enabled') : t('common.notEnabled')}</Descriptions.Item>
              <Descriptions.Item label={t('home.passwordExpires')}>{fmt.date(user.passwordExpiresAt)}</Descriptions.Item>
              <Descriptions.Item label={t('home.sessionExpires')}>{fmt.dateTime(session.expiresAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('home.shortcuts')}>
            {shortcuts.length === 0 ? (
              <p className="muted">{t('home.noShortcuts')}</p>
            ) : (
              <div className="shortcuts">
                {shortcuts.map((item) => (
                  <Link key={item.key} to={item.path} className="shortcut">
                    <span className="shortcut__icon">{NAV_ICONS[item.icon]}</span>
                    <span>{t(item.labelKey)}</span>
                  </Link>
                ))}
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
