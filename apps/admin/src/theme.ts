import type { ThemeConfig } from 'antd';

export const BRAND_COLOR = '#ff6a00';
const SIDER_BG = '#0f1b2d';

/** The console's antd theme: the brand orange on a dark navy sider. */
export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    colorLink: BRAND_COLOR,
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: SIDER_BG, headerBg: '#ffffff', bodyBg: '#f4f6f9', headerPadding: '0 24px', headerHeight: 56 },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: '#0a1422',
      darkItemSelectedBg: BRAND_COLOR,
      darkGroupTitleColor: 'rgba(255, 255, 255, 0.38)',
    },
  },
};
