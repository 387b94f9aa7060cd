import type { ReactNode } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/layout/language-switch.tsx';
import { ProductMark } from '../../app/layout/product-mark.tsx';

/** The frame of every step before the app: product name, language switch, one card. */
export function AuthFrame({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <div className="auth__top">
        <LanguageSwitch />
      </div>
      <main className="auth__main">
        <div className="auth__brand">
          <ProductMark size={44} />
          <div>
            <h1 className="auth__product">{t('app.productName')}</h1>
            <div className="auth__tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <Card className={wide ? 'auth__card auth__card--wide' : 'auth__card'} title={<h2 className="auth__title">{title}</h2>}>
          {children}
        </Card>
        <p className="auth__notice">{t('auth.authorizedOnly')}</p>
      </main>
    </div>
  );
}
