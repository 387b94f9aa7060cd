import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/index.ts';

const OPTIONS: { label: string; value: Language }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'EN', value: 'en-US' },
];

/**
 * 中文 / English, remembered in localStorage. Two plain toggle buttons rather than Ant Design's Segmented: the
 * switch is on the first screen, and Segmented costs its own module and motion code in that bundle.
 */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <span className="language-switch" title={t('shell.language')} role="group" aria-label={t('shell.language')}>
      <GlobalOutlined aria-hidden />
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          className={`language-switch__option${i18n.language === option.value ? ' language-switch__option--selected' : ''}`}
          aria-pressed={i18n.language === option.value}
          onClick={() => void changeLanguage(option.value)}
        >
          {option.label}
        </button>
      ))}
    </span>
  );
}
