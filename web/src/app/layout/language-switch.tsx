import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage } from '../i18n/index.ts';

/** 中文 / English. The choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <span className="language-switch" title={t('shell.language')}>
      <GlobalOutlined aria-hidden />
      <Segmented
        size="small"
        aria-label={t('shell.language')}
        value={i18n.language}
        onChange={(value) => {
          if (isLanguage(value)) void changeLanguage(value);
        }}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'EN', value: 'en-US' },
        ]}
      />
    </span>
  );
}
