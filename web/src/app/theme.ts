import type { ThemeConfig } from 'antd';

/** System fonts only: the intranet has no web fonts and the CSP would refuse them anyway. */
export const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b6e4f',
    colorLink: '#0b6e4f',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
  },
  components: {
    Layout: { headerBg: '#0b3d2e', siderBg: '#0f2a22', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#0f2a22', darkSubMenuItemBg: '#0c231c', darkItemSelectedBg: '#0b6e4f' },
  },
};
