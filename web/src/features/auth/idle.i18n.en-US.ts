import type { idleZhCN } from './idle.i18n.zh-CN.ts';

export const idleEnUS: { [K in keyof typeof idleZhCN]: string } = {
  title: 'You will be signed out for inactivity',
  text: 'You have been inactive for a while. To protect the data, a session ends after {{minutes}} minutes without activity.',
  countdown: 'Signing out in {{time}}',
  continue: 'Keep working',
  logout: 'Sign out',
};
