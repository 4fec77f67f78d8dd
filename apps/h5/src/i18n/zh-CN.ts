import { accountZhCN, legalZhCN } from './sections/account';
import { billsZhCN } from './sections/bills';
import { catalogZhCN } from './sections/catalog';
import { contractsZhCN } from './sections/contracts';
import { couponsZhCN } from './sections/coupons';
import { feedbackZhCN } from './sections/feedback';
import { notificationZhCN } from './sections/notification';
import { rentalsZhCN } from './sections/rentals';
import { riskZhCN } from './sections/risk';
import { supportZhCN } from './sections/support';
import { walletZhCN } from './sections/wallet';

// Simplified Chinese, the default language. Its shape is the type every other language must match.
export const zhCN = {
  app: {
    title: '租机 · Zulin',
    brand: '租机 · Zulin',
    slogan: '信用租机 · 先用后付',
  },
  tabs: {
    home: '首页',
    orders: '订单',
    wallet: '钱包',
    me: '我的',
  },
  home: {
    hero: {
      badge: '信用免押',
      title: '信用越好，押金越少',
      subtitle: '信用评估实时出结果，最高可全额免押，新机快递到家',
      cta: '了解免押规则',
    },
    entries: {
      deposit: {
        label: '信用免押',
        description: '下单时实时评估信用，信用分越高减免越多，最高可全额免押。押金只冻结不扣款，归还验机后当天解冻。',
      },
      installment: {
        label: '分期购机',
        description: '新机直接分期购买，可选 3、6、12、24 期。签约前清楚展示每期金额和年化利率。',
      },
      rentToOwn: {
        label: '以租代购',
        description: '先租后买：租期届满可按约定价格买断，也可提前买断，买断后手机归您所有。',
      },
      flexibleReturn: {
        label: '随时归还',
        description: '在订单页预约上门取件，快递揽收即停止计租，验机完成后结清费用。',
      },
      comingSoon: '该服务即将开放，敬请期待',
      close: '我知道了',
    },
    steps: {
      title: '租机只需四步',
      choose: '选机型',
      credit: '信用评估',
      sign: '电子签约',
      receive: '收货起租',
    },
    footer: 'Zulin 开源租赁平台',
  },
  orders: {
    title: '我的订单',
    emptyTitle: '登录后查看订单',
    emptyDescription: '租赁订单、签约进度和物流信息都会显示在这里',
  },
  wallet: walletZhCN,
  bills: billsZhCN,
  rentals: rentalsZhCN,
  contracts: contractsZhCN,
  risk: riskZhCN,
  feedback: feedbackZhCN,
  coupons: couponsZhCN,
  support: supportZhCN,
  me: {
    guest: '未登录',
    guestHint: '登录后查看订单、账单和信用额度',
    language: '语言',
    about: '关于',
    version: '版本',
    sandboxBusinessDate: '营业日（沙箱时钟）',
    terms: '用户协议',
    privacy: '隐私政策',
  },
  common: {
    backHome: '去首页看看',
    loading: '加载中…',
  },
  account: accountZhCN,
  legal: legalZhCN,
  catalog: catalogZhCN,
  notification: notificationZhCN,
  languages: {
    'zh-CN': '简体中文',
    en: 'English',
  },
};

export type Messages = typeof zhCN;
