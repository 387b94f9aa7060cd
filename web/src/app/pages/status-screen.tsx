import type { ReactNode } from 'react';
import { CloseCircleFilled, ExclamationCircleFilled, StopOutlined, QuestionCircleOutlined } from '@ant-design/icons';

type Status = 'warning' | 'error' | 'forbidden' | 'not-found';

const ICONS: Record<Status, ReactNode> = {
  warning: <ExclamationCircleFilled />,
  error: <CloseCircleFilled />,
  forbidden: <StopOutlined />,
  'not-found': <QuestionCircleOutlined />,
};

/**
 * The shell's own full-page status (403, 404, crash, server unreachable). Ant Design's `Result` would do the same
 * but brings about 40 KB of illustrations into the first screen's bundle, which every user downloads before
 * anything else (docs/decisions/0031-first-load.md); these screens need an icon, a sentence and a way out.
 */
export function StatusScreen({ status, title, subTitle, extra }: { status: Status; title: ReactNode; subTitle?: ReactNode; extra?: ReactNode }) {
  return (
    <div className={`status-screen status-screen--${status}`} role={status === 'error' ? 'alert' : undefined}>
      <div className="status-screen__icon" aria-hidden>
        {ICONS[status]}
      </div>
      <div className="status-screen__title">{title}</div>
      {subTitle && <div className="status-screen__text">{subTitle}</div>}
      {extra && <div className="status-screen__extra">{extra}</div>}
    </div>
  );
}
