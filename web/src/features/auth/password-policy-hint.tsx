import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from './auth.api.ts';
import { checkPassword } from './password-rules.ts';

/** The policy in words, with live ticks for what the browser can check. */
export function PasswordPolicyHint({ policy, password }: { policy: PasswordPolicy; password: string }) {
  const { t } = useTranslation();
  const checks = checkPassword(password, policy);
  const ok = (rule: 'length' | 'classes') => checks.find((check) => check.rule === rule)?.ok ?? false;
  const mark = (passed: boolean) =>
    passed ? <CheckCircleFilled className="check check--ok" /> : <CloseCircleOutlined className="check" />;

  return (
    <ul className="policy-hint" data-testid="password-policy">
      <li>
        {mark(ok('length'))}
        <span>{t('password.ruleLength', { count: policy.minLength })}</span>
      </li>
      <li>
        {mark(ok('classes'))}
        <span>{t('password.ruleClasses', { count: policy.minClasses })}</span>
      </li>
      {policy.historyCount > 0 && <li className="muted">{t('password.ruleHistory', { count: policy.historyCount })}</li>}
      {policy.maxAgeDays > 0 && <li className="muted">{t('password.ruleMaxAge', { count: policy.maxAgeDays })}</li>}
    </ul>
  );
}
