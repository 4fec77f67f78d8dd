// The documents a customer agrees to before we process their personal information (PIPL art. 13–17):
// the user agreement and the privacy policy, each with a version. A new version is a new entry here
// with a later effective date; customers who agreed to an older one are asked again at their next
// login (docs/identity.md, "Consent").

export type LegalDocumentKind = 'terms' | 'privacy';
export const legalDocumentKinds: readonly LegalDocumentKind[] = ['terms', 'privacy'];

interface LocalizedDocument {
  title: string;
  sections: { heading: string; body: string }[];
}

export interface LegalDocument {
  kind: LegalDocumentKind;
  version: string;
  effectiveDate: string;
  text: Record<'zh-CN' | 'en', LocalizedDocument>;
}

const terms: LegalDocument = {
  kind: 'terms',
  version: '2026-11-01',
  effectiveDate: '2026-11-01',
  text: {
    'zh-CN': {
      title: 'Zulin 用户协议',
      sections: [
        {
          heading: '一、协议的范围',
          body: '本协议是您与 Zulin 平台运营方之间关于注册、登录和使用手机租赁、分期购机、钱包及相关服务的约定。每一笔租赁或分期订单另有电子合同，订单的金额、期限、押金和费用以该合同为准。',
        },
        {
          heading: '二、账户',
          body: '您以手机号和短信验证码登录；首次登录即注册。下单前需完成实名认证（姓名、身份证号、手机号一致，年满 18 周岁且不超过 65 周岁）。请妥善保管手机和验证码，账户下的操作视为您本人的操作。',
        },
        {
          heading: '三、信用评估与押金减免',
          body: '下单时我们根据您的信用信息做出审批决定，可能减免部分或全部押金。您可以在订单页看到决定的理由；对拒绝的决定，您可以申诉一次，由人工复核。',
        },
        {
          heading: '四、费用与还款',
          body: '租金、分期款、服务费和押金在下单页和合同中逐项列明，年化利率（含全部费用）显著展示。逾期将按合同约定收取违约金，且不超过法律规定的上限。您可以随时提前归还、买断或提前还款，金额按公开的计算方式确定，付款前展示。',
        },
        {
          heading: '五、设备的使用与归还',
          body: '租赁期间设备归平台所有，请勿转卖、抵押或拆修。归还时按验机标准评级，损坏按公示的价目表收费，您可在 7 天内对验机结果提出异议。',
        },
        {
          heading: '六、协议的变更与联系',
          body: '协议更新时我们会在您下次登录时请您重新确认，未经您同意的新条款不适用于已签订的订单合同。如有疑问，请通过「我的 → 联系客服」联系我们。',
        },
      ],
    },
    en: {
      title: 'Zulin user agreement',
      sections: [
        {
          heading: '1. Scope',
          body: 'This agreement between you and the operator of the Zulin platform covers signing up, signing in and using phone rental, installment purchase, the wallet and related services. Every rental or installment order has its own e-contract; the amounts, terms, deposit and fees of an order are those of its contract.',
        },
        {
          heading: '2. Your account',
          body: 'You sign in with your phone number and an SMS code; the first sign-in creates the account. Before ordering you verify your real name (name, ID number and phone number must match; you must be 18 to 65). Keep your phone and codes safe: what is done in your account counts as done by you.',
        },
        {
          heading: '3. Credit decisions and deposit waivers',
          body: 'When you order, we decide on your credit information and may waive part or all of the deposit. The order page tells you the reasons of the decision; you may appeal a rejection once, and a person reviews it.',
        },
        {
          heading: '4. Charges and repayment',
          body: 'Rent, installments, service fees and the deposit are itemised on the order page and in the contract, and the annual rate (all fees included) is shown prominently. Late payment incurs the penalty the contract states, never above the legal cap. You may return, buy out or repay early at any time, at amounts computed by the published formulas and shown before you pay.',
        },
        {
          heading: '5. Using and returning the phone',
          body: 'A rented phone belongs to the platform during the rental: do not sell, pledge or open it. On return it is graded by the published inspection standard; damage is charged by the published price list, and you may dispute the inspection within 7 days.',
        },
        {
          heading: '6. Changes and contact',
          body: 'When this agreement changes we ask you to confirm it at your next sign-in; new terms you did not accept never apply to contracts already signed. Questions: Me → Contact support.',
        },
      ],
    },
  },
};

const privacy: LegalDocument = {
  kind: 'privacy',
  version: '2026-11-01',
  effectiveDate: '2026-11-01',
  text: {
    'zh-CN': {
      title: 'Zulin 隐私政策',
      sections: [
        {
          heading: '一、我们收集的信息',
          body: '手机号（登录）；实名认证时的姓名、身份证号和活体检测结果；收货地址；订单、账单、付款和钱包记录；绑定的银行卡（仅保存加密后的卡号和尾号）；设备信息与 IP 地址（用于安全和风控）；您主动提交的反馈、图片和客服记录。',
        },
        {
          heading: '二、使用目的',
          body: '提供租赁、分期和钱包服务；核验身份、评估信用和防范欺诈；发货、收款、催告和售后；依法履行记账、反洗钱和监管报送义务。超出上述目的使用前，我们会再次征得您的同意。',
        },
        {
          heading: '三、共享与委托处理',
          body: '仅在完成服务所必需的范围内，向以下对象提供必要信息：身份核验与征信机构、支付机构（支付宝、微信支付、银行）、物流承运商、电子签名与时间戳服务、为订单提供资金的合作方。我们要求其按约定目的和安全标准处理，不出售您的个人信息。',
        },
        {
          heading: '四、保存与安全',
          body: '身份证号、姓名、手机号、卡号和验证器密钥加密存储，员工查看明文需要权限并留有审计记录。账户注销后，除法律要求保存的交易和合同记录（一般为 5 年）外，个人信息将删除或匿名化。',
        },
        {
          heading: '五、您的权利',
          body: '您可以查阅、复制、更正您的个人信息，撤回同意，注销账户，并获得对自动化决策（如信用审批）的说明和人工复核。撤回同意不影响撤回前基于同意已进行的处理，但可能导致无法继续下单。',
        },
        {
          heading: '六、未成年人与联系我们',
          body: '本服务仅面向 18 周岁以上的用户。个人信息保护相关问题请通过「我的 → 联系客服」联系我们，我们将在 15 个工作日内答复。',
        },
      ],
    },
    en: {
      title: 'Zulin privacy policy',
      sections: [
        {
          heading: '1. What we collect',
          body: 'Your phone number (to sign in); your name, ID number and liveness result when you verify your real name; delivery addresses; orders, bills, payments and wallet records; bound bank cards (only the encrypted number and its last four digits); device information and IP address (for security and risk); the feedback, pictures and support conversations you send us.',
        },
        {
          heading: '2. Why',
          body: 'To provide rental, installment and wallet services; to verify identity, assess credit and prevent fraud; to ship, collect payment, send reminders and handle after-sales; to keep the accounts and meet anti-money-laundering and regulatory duties. Before any other use we ask for your consent again.',
        },
        {
          heading: '3. Sharing and processors',
          body: 'Only what a service needs goes to: identity verification and credit bureaus, payment institutions (Alipay, WeChat Pay, banks), carriers, e-signature and time-stamping services, and the partners who fund orders. They must process it for the agreed purpose and to our security standards. We never sell your personal information.',
        },
        {
          heading: '4. Storage and security',
          body: 'ID numbers, names, phone numbers, card numbers and authenticator secrets are stored encrypted; staff need a permission to read them in clear, and every such read is audited. When you close your account, personal information is deleted or anonymised, except transaction and contract records the law requires us to keep (generally 5 years).',
        },
        {
          heading: '5. Your rights',
          body: 'You may access, copy and correct your personal information, withdraw consent, close your account, and obtain an explanation and a human review of automated decisions such as credit approval. Withdrawing consent does not affect processing done before, but may mean you can no longer order.',
        },
        {
          heading: '6. Minors and contact',
          body: 'The service is for people 18 and over. For any question about your personal information, use Me → Contact support; we answer within 15 working days.',
        },
      ],
    },
  },
};

/** The documents in force, one per kind. */
export const currentLegalDocuments: Readonly<Record<LegalDocumentKind, LegalDocument>> = { terms, privacy };
