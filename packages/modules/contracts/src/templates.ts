// The contract templates, versioned: a change of wording is a new version, and a contract keeps the
// version it was drawn up with. Each template lists the economic terms it shows, in order, with
// their labels in zh-CN and English and how each is written (money in 分 → ¥, a rate in basis
// points → %); terms the template does not name are listed after them as given, so nothing passed
// in is left out of the document. For installments the annualised rate (APR, from the IRR) is the
// headline, printed larger than any monthly figure (DOMAIN.md §6).
export const contractTemplates = ['rental', 'installment', 'buyout_addendum', 'renewal'] as const;
export type ContractTemplate = (typeof contractTemplates)[number];
export const contractLocales = ['zh-CN', 'en'] as const;
export type ContractLocale = (typeof contractLocales)[number];

export type TermFormat = 'money' | 'bps' | 'text' | 'integer' | 'date';

export interface TermField {
  key: string;
  format: TermFormat;
  label: Record<ContractLocale, string>;
  required?: boolean;
}

export interface TemplateDefinition {
  version: number;
  title: Record<ContractLocale, string>;
  /** The field printed large at the top (installments: the annualised rate). */
  headline?: TermField;
  fields: TermField[];
  clauses: Record<ContractLocale, string[]>;
}

const f = (key: string, format: TermFormat, zh: string, en: string, required = false): TermField => ({
  key,
  format,
  label: { 'zh-CN': zh, en },
  required,
});

const common = {
  'zh-CN': [
    '本合同以电子形式订立，经短信验证码确认并由承租人/买受人电子签名后生效，与纸质合同具有同等法律效力（《中华人民共和国电子签名法》第十三条、第十四条）。',
    '合同文本、经济条款及签署过程的每一步均记入平台证据链，任何改动均可被发现；双方可随时下载证据包离线核验。',
  ],
  en: [
    'This contract is made electronically and takes effect once confirmed with an SMS code and signed electronically by the customer; it has the same legal force as a paper contract (PRC Electronic Signature Law, arts. 13 and 14).',
    "The text, the economic terms and every step of signing are recorded in the platform's evidence chain, where any change is detectable; either party may download the proof bundle and verify it offline.",
  ],
};

export const templates: Record<ContractTemplate, TemplateDefinition> = {
  rental: {
    version: 1,
    title: { 'zh-CN': '手机租赁合同', en: 'Phone rental contract' },
    fields: [
      f('productName', 'text', '租赁物', 'Device', true),
      // A month plan gives months and rentMinor; a day plan (7, 15 or 30 days) termDays and
      // dailyRentMinor instead, never a day term written as a month.
      f('months', 'integer', '租期（月）', 'Term (months)'),
      f('termDays', 'integer', '租期（天）', 'Term (days)'),
      f('rentMinor', 'money', '月租金', 'Monthly rent'),
      f('dailyRentMinor', 'money', '日租金', 'Daily rent'),
      f('upfrontMinor', 'money', '首期款', 'Upfront payment'),
      f('depositMinor', 'money', '押金', 'Deposit'),
      f('depositWaivedMinor', 'money', '信用免押金额', 'Deposit waived on credit'),
      f('buyoutAtEndMinor', 'money', '到期买断价', 'Buyout price at the end'),
      f('earlyReturnFeeMinor', 'money', '提前归还费用上限', 'Early-return fee (at most)'),
      f('startDate', 'date', '起租日', 'Start date'),
    ],
    clauses: {
      'zh-CN': [
        '承租人按期支付租金；逾期按平台公示规则处理。',
        '租期届满，承租人可选择归还、续租或按上列买断价买断。',
        ...common['zh-CN'],
      ],
      en: [
        'The customer pays the rent when due; late payment is handled under the rules published on the platform.',
        'At the end of the term the customer may return, renew, or buy out at the price above.',
        ...common.en,
      ],
    },
  },
  installment: {
    // 2: the penalty rate is a term of the contract (5 December 2026).
    version: 2,
    title: { 'zh-CN': '分期购机合同', en: 'Phone installment purchase contract' },
    headline: f(
      'aprBps',
      'bps',
      '年化利率（APR，按内部收益率计算）',
      'Annual percentage rate (APR, from the IRR)',
      true,
    ),
    fields: [
      f('productName', 'text', '商品', 'Device', true),
      f('principalMinor', 'money', '分期本金', 'Principal', true),
      f('termMonths', 'integer', '期数（月）', 'Term (months)', true),
      f('paymentMinor', 'money', '每期还款额', 'Payment per period'),
      f('totalInterestMinor', 'money', '利息总额', 'Total interest'),
      f('totalFeeMinor', 'money', '费用总额', 'Total fees'),
      f('totalPaymentMinor', 'money', '还款总额', 'Total to repay'),
      f('firstDueDate', 'date', '首期还款日', 'First due date'),
      f(
        'penaltyAnnualRateBps',
        'bps',
        '逾期罚息年利率（按日计收，年利率÷365）',
        'Penalty interest on overdue principal, a year (charged daily, ÷365)',
      ),
    ],
    clauses: {
      'zh-CN': [
        '买受人按还款计划按期还款；可提前还款，规则以平台公示为准。',
        '逾期未还的本金自到期日次日起按本合同载明的逾期罚息年利率按日计收罚息，该利率在合同期内不变。',
        ...common['zh-CN'],
      ],
      en: [
        'The buyer repays on the schedule; early repayment follows the rules published on the platform.',
        'Overdue principal bears penalty interest from the day after its due date, charged daily at the penalty rate this contract states, which does not change during the contract.',
        ...common.en,
      ],
    },
  },
  buyout_addendum: {
    version: 1,
    title: { 'zh-CN': '租赁物买断补充协议', en: 'Buyout addendum' },
    fields: [
      f('rentalId', 'text', '原租赁合同编号', 'Rental', true),
      f('productName', 'text', '租赁物', 'Device'),
      f('buyoutPriceMinor', 'money', '买断价款', 'Buyout price', true),
      f('depositAppliedMinor', 'money', '押金抵扣', 'Deposit applied'),
      f('amountDueMinor', 'money', '应付金额', 'Amount due'),
    ],
    clauses: {
      'zh-CN': ['买断价款付清后，租赁物所有权转移至承租人。', ...common['zh-CN']],
      en: ['Ownership of the device passes to the customer once the buyout price is paid.', ...common.en],
    },
  },
  renewal: {
    // 2: a day plan's renewal in days at its daily rent (it read "1 month" at the daily rent), and
    // the renewal's total (7 December 2026).
    version: 2,
    title: { 'zh-CN': '续租协议', en: 'Renewal agreement' },
    fields: [
      f('rentalId', 'text', '原租赁合同编号', 'Rental', true),
      // A month plan gives months and rentMinor; a day plan termDays and dailyRentMinor, as the rental.
      f('months', 'integer', '续租期（月）', 'Renewal term (months)'),
      f('termDays', 'integer', '续租期（天）', 'Renewal term (days)'),
      f('rentMinor', 'money', '续租月租金', 'Monthly rent'),
      f('dailyRentMinor', 'money', '续租日租金', 'Daily rent'),
      f('totalRentMinor', 'money', '续租费用合计', 'Renewal total'),
      f('startDate', 'date', '续租起始日', 'Renewal start date'),
      f('buyoutAtEndMinor', 'money', '续租期满买断价', 'Buyout price at the end'),
    ],
    clauses: { 'zh-CN': [...common['zh-CN']], en: [...common.en] },
  },
};

export function isContractTemplate(value: string): value is ContractTemplate {
  return (contractTemplates as readonly string[]).includes(value);
}
