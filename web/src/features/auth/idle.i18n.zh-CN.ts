/** The idle-timeout warning (Chinese, the reference). */
export const idleZhCN = {
  title: '即将因长时间未操作而退出',
  text: '您已较长时间未操作。为保护数据安全，会话在 {{minutes}} 分钟无操作后自动结束。',
  countdown: '将在 {{time}} 后退出登录',
  continue: '继续使用',
  logout: '退出登录',
};
