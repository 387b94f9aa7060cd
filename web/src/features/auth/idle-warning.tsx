import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lastServerContact } from '../../app/server-contact.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { fetchSession } from './auth.api.ts';
import { formatCountdown, idlePhase, type IdlePhase } from './idle-timer.ts';
import { useSession } from './session.tsx';

/**
 * The idle-timeout warning of the shell: about two minutes before the server would end an idle session, a
 * modal counts down; 继续使用 makes one authenticated request (the server counts it as activity), 退出登录
 * signs out, and when the countdown runs out the session is ended here so no page is left open on a dead
 * session. The timeout comes from the server (`idleTimeoutSeconds` of the session).
 */
export function IdleWarning({ idleTimeoutSeconds }: { idleTimeoutSeconds: number }) {
  const { t } = useTranslation();
  const { applySession, logout, expire } = useSession();
  const notifyError = useNotifyError();
  const [state, setState] = useState<IdlePhase>(() => idlePhase({ now: Date.now(), lastContactAt: lastServerContact(), idleTimeoutSeconds }));
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // A one-second tick is cheap and also notices requests made by other tabs (shared through storage).
    const tick = () => setState(idlePhase({ now: Date.now(), lastContactAt: lastServerContact(), idleTimeoutSeconds }));
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [idleTimeoutSeconds]);

  useEffect(() => {
    if (state.phase === 'expired') void expire();
  }, [state.phase, expire]);

  const keepAlive = async () => {
    setBusy(true);
    try {
      // An authenticated GET: the server records the activity and answers the current session.
      applySession(await fetchSession());
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={state.phase === 'warning'}
      title={
        <span>
          <ClockCircleOutlined /> {t('idle.title')}
        </span>
      }
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={[
        <Button key="logout" onClick={() => void logout()}>
          {t('idle.logout')}
        </Button>,
        <Button key="continue" type="primary" loading={busy} onClick={() => void keepAlive()} data-testid="idle-continue">
          {t('idle.continue')}
        </Button>,
      ]}
    >
      <p>{t('idle.text', { minutes: Math.round(idleTimeoutSeconds / 60) })}</p>
      <p className="idle-warning__countdown" aria-live="polite">
        {t('idle.countdown', { time: formatCountdown(state.phase === 'warning' ? state.secondsLeft : 0) })}
      </p>
    </Modal>
  );
}
