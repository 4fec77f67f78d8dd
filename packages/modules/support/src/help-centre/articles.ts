// The help centre's seeded articles (DOMAIN.md §14, seed 001 "常见问题解答"), in both languages. The
// numbers are the defaults of DOMAIN.md; an operator who configures other values edits the
// articles too (phase 2 stores them and gives the console an editor).
import type { LocalText } from '../canned-replies';

export const helpTopics = [
  'renting',
  'deposit',
  'returns',
  'payments',
  'wallet',
  'installments',
  'feedback',
  'support',
  'account',
] as const;
export type HelpTopic = (typeof helpTopics)[number];

export interface HelpArticle {
  slug: string;
  topic: HelpTopic;
  title: LocalText;
  /** Paragraphs separated by a blank line. */
  body: LocalText;
  /** Words customers type that the text may not contain ("退押金" for an article about releasing a hold). */
  keywords: LocalText;
}

export const helpArticles: readonly HelpArticle[] = Object.freeze([
  {
    slug: 'how-renting-works',
    topic: 'renting',
    title: { 'zh-CN': '租手机的流程是怎样的?', en: 'How does renting a phone work?' },
    body: {
      'zh-CN': `选好机型、成色和租期后提交订单，按页面提示完成实名认证。系统会在几秒内完成信用评估，告诉您是否通过以及可以免除多少押金。

评估通过后，请阅读并签署电子租赁合同（短信验证码加手写或输入签名），然后支付首期租金和需要冻结的押金部分。我们坚持先签合同再付款，不会为您没有同意的条款收取任何费用。

付款后我们尽快发货。租金从您签收手机的次日开始计算，之后每期的到期日都以这一天为准。签署合同后 2 小时内未完成支付的订单会自动取消，手机会释放给其他用户。`,
      en: `Choose a model, condition and term, place the order and complete the identity check as the app guides you. A credit assessment takes a few seconds and tells you whether the order is approved and how much of the deposit is waived.

Once approved, read and sign the electronic rental contract (an SMS code plus a drawn or typed signature), then pay the first rent and the part of the deposit that is held. We always ask you to sign before you pay, so no money is taken for terms you have not agreed to.

We ship as soon as you have paid. Rent starts on the day after you sign for the delivery, and every later due date keeps that anchor. An order not paid within 2 hours of signing is cancelled automatically and the phone is released.`,
    },
    keywords: { 'zh-CN': '下单 怎么租 租赁流程 步骤 发货', en: 'order steps process start rent' },
  },
  {
    slug: 'who-can-rent',
    topic: 'renting',
    title: { 'zh-CN': '谁可以租手机?需要什么条件?', en: 'Who can rent, and what do I need?' },
    body: {
      'zh-CN': `您需要年满 18 周岁且不超过 65 周岁，持有中华人民共和国居民身份证，并使用本人实名登记的手机号。

下单前需完成实名认证：姓名、身份证号与手机号一致，并通过人脸识别。为了控制风险，同一用户同时进行中的订单最多 2 个。

信用评估只使用您授权的、有资质机构提供的数据，我们不会抓取您的通讯录或其他未经同意的信息。`,
      en: `You must be between 18 and 65 years old, hold a PRC resident identity card and use a mobile number registered in your own name.

Before ordering you complete an identity check: your name, ID number and mobile number must match, and a face check must pass. To keep risk in check, one customer may have at most 2 orders in progress at a time.

The credit assessment only uses data you agreed to share, from licensed providers. We never read your contacts or anything else you did not consent to.`,
    },
    keywords: {
      'zh-CN': '年龄 身份证 实名认证 条件 资格 学生',
      en: 'age id card eligibility requirements verification',
    },
  },
  {
    slug: 'plans-and-terms',
    topic: 'renting',
    title: { 'zh-CN': '有哪些租期和增值服务?', en: 'Which terms and add-ons are there?' },
    body: {
      'zh-CN': `短租可选 7 天、15 天、30 天，长租可选 3、6、12、24 个月，具体以商品页为准。成色分为全新、99新、95新，价格不同。

每个方案都写明每期租金、押金（默认等于手机市场价）、首付期数和租期结束时的买断价。您可以加购碎屏险或意外保障，费用在下单页单独列出，不会默认勾选。`,
      en: `Short rentals of 7, 15 or 30 days and long rentals of 3, 6, 12 or 24 months are offered, as shown on each product page. Phones come new, "99% new" or "95% new", at different prices.

Every plan states the rent per period, the deposit (by default the phone's market price), how many periods are paid upfront and the price to keep the phone at the end of the term. Screen insurance and accident cover are optional add-ons, priced separately on the order page and never pre-selected.`,
    },
    keywords: {
      'zh-CN': '租期 方案 碎屏险 意外险 成色 价格 短租 长租',
      en: 'term plan insurance screen cover condition price',
    },
  },
  {
    slug: 'contract',
    topic: 'renting',
    title: { 'zh-CN': '电子合同有法律效力吗?在哪里查看?', en: 'Is the electronic contract binding, and where is it?' },
    body: {
      'zh-CN': `电子租赁合同在付款前签署，签署时需要短信验证码和您的签名，符合《电子签名法》对可靠电子签名的要求。合同写明租金、押金、租期、买断价、提前归还规则以及分期的年化利率。

签署、付款、发货、签收等关键环节都会记录在不可篡改的证据链中。您可以随时在订单详情中下载合同 PDF。`,
      en: `You sign the electronic rental contract before paying, with an SMS code and your signature, as the Electronic Signature Law requires of a reliable signature. It states the rent, deposit, term, buyout price, early-return rules and, for installments, the annualised rate.

Signing, payment, shipping and delivery are recorded in a tamper-evident evidence chain. You can download the contract PDF from the order page at any time.`,
    },
    keywords: { 'zh-CN': '合同 签名 签约 下载 法律效力', en: 'contract signature sign download legal' },
  },
  {
    slug: 'renew-or-buy-out',
    topic: 'renting',
    title: { 'zh-CN': '租期快到了,可以续租或买断吗?', en: 'Can I renew or buy the phone at the end?' },
    body: {
      'zh-CN': `可以。租期结束前 15 天起，您可以在订单页申请续租，续租租金以页面报价为准。

到期时支付合同约定的买断价即可把手机留下；也可以提前买断，价格为剩余租金加到期买断价，运营方可能给予优惠。买断后手机归您所有，押金冻结随即解除。

报价当天有效。同一订单同一时间只能办理一项售后（归还、买断、续租或换机）。`,
      en: `Yes. From 15 days before the end of the term you can ask to renew on the order page, at the renewal rent quoted there.

At the end of the term, pay the buyout price in your contract to keep the phone. You can also buy it out early for the remaining rent plus that buyout price, and we may offer a discount. Once bought out the phone is yours and the deposit hold is released.

A quote is valid until the end of the day. One order can have only one after-sale request (return, buyout, renewal or swap) open at a time.`,
    },
    keywords: { 'zh-CN': '续租 买断 到期 留下 购买', en: 'renew renewal buyout buy keep end of term' },
  },
  {
    slug: 'how-the-deposit-works',
    topic: 'deposit',
    title: { 'zh-CN': '押金是怎么收的?会扣我的钱吗?', en: 'How does the deposit work? Is it charged?' },
    body: {
      'zh-CN': `押金默认等于手机的市场价，但它是冻结（预授权），不是扣款：钱仍在您的账户里，只是暂时不能使用。信用免除的部分不冻结。

归还验机后，如有损坏，损坏费用先从冻结的押金中扣除，剩余部分在验机完成当天解冻；没有损坏则全部解冻。`,
      en: `By default the deposit equals the phone's market price, but it is a hold (pre-authorisation), not a charge: the money stays in your account, only you cannot spend it for now. The part waived by your credit is not held at all.

After the return inspection, any damage charge is taken from the hold first and the rest is released on the day the inspection is done. With no damage the whole hold is released.`,
    },
    keywords: { 'zh-CN': '押金 冻结 预授权 扣钱', en: 'deposit hold pre-authorisation charged' },
  },
  {
    slug: 'credit-deposit-waiver',
    topic: 'deposit',
    title: { 'zh-CN': '信用免押是怎么算的?', en: 'How does the credit deposit waiver work?' },
    body: {
      'zh-CN': `下单时，系统会根据经您授权查询的信用评分和您在本平台的历史记录决定免押比例：评分 700 分及以上免全部押金；650–699 分免 70%；600–649 分免 30%；低于 600 分不免押，订单转人工审核。

会员等级和良好的按时还款记录可以提高免押比例。评估结果和主要原因会展示给您；如果您认为结果有误，可以申诉。`,
      en: `When you order, the share of the deposit waived is decided from a credit score you authorise us to check and your history with us: a score of 700 or more waives the whole deposit; 650–699 waives 70 %; 600–649 waives 30 %; below 600 nothing is waived and the order goes to a person for review.

Your membership tier and a record of paying on time can raise the waiver. You see the result and its main reasons, and you can appeal if you think it is wrong.`,
    },
    keywords: { 'zh-CN': '免押 免押金 信用分 芝麻信用 额度 评分', en: 'waiver deposit free credit score' },
  },
  {
    slug: 'deposit-release',
    topic: 'deposit',
    title: { 'zh-CN': '押金什么时候退?', en: 'When is my deposit released?' },
    body: {
      'zh-CN': `手机寄回仓库后我们会尽快验机。验机完成当天，我们会解冻押金中未用于赔偿的部分。买断、分期结清后押金冻结也会当天解除。

解冻后到账时间取决于支付渠道：支付宝预授权通常即时恢复可用，银行卡可能需要 1–3 个工作日。超过时间仍未到账，请在“我的工单”中提交账单类问题。`,
      en: `We inspect a returned phone soon after it reaches the warehouse. On the day the inspection is done we release the part of the hold not used for damage. A buyout also releases the hold the same day.

How fast the money shows depends on the channel: an Alipay pre-authorisation is usually available again at once, a bank card may take 1–3 working days. If it has not arrived after that, open a billing ticket under "My tickets".`,
    },
    keywords: { 'zh-CN': '退押金 解冻 押金没到账 退还', en: 'deposit back refund release not received' },
  },
  {
    slug: 'how-to-return',
    topic: 'returns',
    title: { 'zh-CN': '怎么归还手机?', en: 'How do I return the phone?' },
    body: {
      'zh-CN': `在订单页点击“归还”，预约上门取件时间即可，运费按订单约定。快递员揽收扫描的时刻起停止计算租金。

寄回前请：备份并清除个人数据；退出 Apple ID 或手机厂商账号并关闭“查找”（激活锁未解除会产生费用）；把充电线等随机配件一起放回包装。`,
      en: `On the order page tap "Return" and book a pick-up time; shipping is as your order says. Rent stops the moment the courier scans the parcel.

Before you send it: back up and erase your data; sign out of your Apple ID or the maker's account and turn off "Find My" (a phone still locked is charged); pack the cable and the other accessories that came with it.`,
    },
    keywords: { 'zh-CN': '归还 还机 寄回 取件 退租 激活锁', en: 'return send back pick-up courier activation lock' },
  },
  {
    slug: 'inspection-grades',
    topic: 'returns',
    title: { 'zh-CN': '验机标准是什么?损坏怎么收费?', en: 'How is the phone inspected, and what does damage cost?' },
    body: {
      'zh-CN': `验机分四级：A 级外观功能完好，不收费；B 级有正常使用痕迹，不收费；C 级有损坏，按损坏价目表逐项收费，项目包括屏幕、后盖玻璃、摄像头、电池健康低于 80%、配件缺失、激活锁未解除；D 级无法修复或丢失，按手机残值收费。

费用先从押金冻结中扣除，不足部分生成账单。您可以看到验机照片和每一项费用，如有异议，请在 7 天内发起申诉。`,
      en: `Phones are graded in four levels: A, as new in looks and function, no charge; B, normal signs of use, no charge; C, damaged, charged per item from the damage price list (screen, back glass, camera, battery health below 80 %, missing accessory, activation lock not removed); D, beyond repair or lost, charged at the phone's residual value.

Charges are taken from the deposit hold first, and anything more is billed. You see the inspection photos and every priced item, and you may dispute them within 7 days.`,
    },
    keywords: { 'zh-CN': '验机 损坏 赔偿 划痕 电池 申诉 定损', en: 'inspection damage grade charge battery dispute' },
  },
  {
    slug: 'early-return',
    topic: 'returns',
    title: { 'zh-CN': '可以提前归还吗?要付多少?', en: 'Can I return early, and what does it cost?' },
    body: {
      'zh-CN': `可以。租期 3 个月及以内的订单，提前归还需付清剩余全部租金；租期超过 3 个月的订单，需付 2 期租金与剩余租金中较少的一项。

例如 12 个月、每月 299 元的订单，已付 5 期、还剩 7 期时提前归还，需付 2 期共 598 元。订单页会先显示准确金额，报价当天有效。`,
      en: `Yes. For a term of 3 months or less, an early return owes all the remaining rent; for a longer term it owes the lesser of 2 periods' rent and the remaining rent.

For example, on a 12-month order at ¥299 a month with 5 periods paid and 7 left, an early return costs 2 periods, ¥598. The order page shows the exact amount first; the quote is valid until the end of the day.`,
    },
    keywords: { 'zh-CN': '提前归还 提前退租 违约金 不想租了', en: 'early return cancel stop renting fee' },
  },
  {
    slug: 'fault-during-rental',
    topic: 'returns',
    title: { 'zh-CN': '租用期间手机坏了怎么办?', en: 'What if the phone breaks during the rental?' },
    body: {
      'zh-CN': `请在订单页点击“报告问题”，描述故障并上传照片或视频，系统会立即生成故障工单。我们会安排维修或换机，手机无法正常使用的天数不收租金。

请不要自行拆机或到第三方维修点维修，以免影响保修并产生额外费用。人为损坏是否收费，以验机结果和您购买的保障为准。`,
      en: `On the order page tap "Report a problem", describe the fault and add a photo or video; a fault ticket is opened at once. We repair or swap the phone, and days without a working phone are not charged.

Please do not open the phone or take it to a third-party repair shop: that can void the warranty and cost extra. Whether accidental damage is charged depends on the inspection and on the cover you bought.`,
    },
    keywords: { 'zh-CN': '故障 坏了 换机 维修 黑屏 死机 报修', en: 'fault broken repair swap replacement not working' },
  },
  {
    slug: 'payment-methods',
    topic: 'payments',
    title: { 'zh-CN': '可以用哪些方式付款?', en: 'How can I pay?' },
    body: {
      'zh-CN': `支持支付宝、微信支付、银行卡和钱包余额。首期租金在下单时支付，之后的租金和分期按账单到期日支付。

所有金额精确到分，账单明细可在“我的账单”中查看。付款成功但订单状态未更新时，请稍候刷新；系统会主动向支付渠道查询结果，不会重复扣款。`,
      en: `You can pay with Alipay, WeChat Pay, a bank card or your wallet balance. The first rent is paid with the order; later rents and installments are paid by each bill's due date.

Every amount is exact to the fen, and each bill's lines are under "My bills". If a payment succeeded but the order has not updated yet, refresh in a moment: we check the result with the payment channel ourselves and never charge twice.`,
    },
    keywords: { 'zh-CN': '支付 付款 支付宝 微信 银行卡 付款方式', en: 'pay payment alipay wechat card method' },
  },
  {
    slug: 'auto-debit',
    topic: 'payments',
    title: { 'zh-CN': '自动扣款是怎么回事?扣款失败怎么办?', en: 'How does auto-debit work, and what if it fails?' },
    body: {
      'zh-CN': `签订代扣协议后，每期租金或分期会在到期日自动扣款，您也可以改用钱包余额支付。到期前第 7、3、1 天和逾期后第 1、3 天我们会提醒您。

如果扣款失败（例如余额不足），系统会在到期后第 1、3、5 天再试。您随时可以在账单页主动付款，付清后不会再扣。代扣协议可在设置中解除，解除后请按时手动付款。`,
      en: `Once you sign a withholding agreement, each rent or installment is debited on its due date; you can also pay from your wallet instead. We remind you 7, 3 and 1 days before a due date and 1 and 3 days after it.

If a debit fails (for example, not enough balance), we try again 1, 3 and 5 days after the due date. You can pay from the bill page at any time, and nothing more is debited once a bill is paid. You can end the agreement in settings; then please pay each bill yourself on time.`,
    },
    keywords: { 'zh-CN': '自动扣款 代扣 扣款失败 余额不足 提醒', en: 'auto-debit withholding failed debit reminder' },
  },
  {
    slug: 'overdue',
    topic: 'payments',
    title: { 'zh-CN': '逾期了会怎样?', en: 'What happens if I pay late?' },
    body: {
      'zh-CN': `账单到期未付，我们会当天通知，第 1 天和第 3 天提醒；第 7 天起可以与我们协商还款计划；如您开通了远程锁定服务，第 10 天手机可能被锁定；第 15 天起我们可能申请网络仲裁；第 30 天订单按违约处理，并按规定报送信用记录。分期逾期还会按日计收逾期利息。

每一步只在账单仍未付清时进行，付清立即停止。21:00 至次日 08:00 我们不会联系您。如果遇到困难，请尽早联系客服商量。`,
      en: `If a bill is not paid on its due date we notify you that day and remind you on days 1 and 3; from day 7 you can agree a repayment plan with us; if you enrolled in remote locking, the phone may be locked on day 10; from day 15 we may file for online arbitration; on day 30 the order is in default and reported to credit records as the rules require. Late installments also accrue daily penalty interest.

Each step happens only while the bill is still unpaid and stops the moment it is paid. We never contact you between 21:00 and 08:00. If you are in difficulty, talk to support early.`,
    },
    keywords: {
      'zh-CN': '逾期 催收 锁机 仲裁 征信 罚息 还款计划',
      en: 'overdue late collections lock arbitration credit record penalty',
    },
  },
  {
    slug: 'wallet-basics',
    topic: 'wallet',
    title: { 'zh-CN': '钱包能做什么?有什么限额?', en: 'What can the wallet do, and what are the limits?' },
    body: {
      'zh-CN': `钱包可以用本人的银行卡或支付渠道充值，支付租金和分期，转账给其他已实名用户，和朋友 AA 分摊账单，并提现到本人已验证的银行卡。

提现单笔不超过 5 万元，每日合计不超过 20 万元。单笔提现 5,000 元及以上或转账 2,000 元及以上，需要短信验证码或动态口令二次验证。钱包只在本平台内使用，资金只能回到您本人的卡。`,
      en: `You can top up the wallet from your own bank card or payment channel, pay rents and installments, send money to other verified customers, split a bill with friends, and withdraw to your own verified bank card.

A single withdrawal is at most ¥50,000 and at most ¥200,000 a day. Withdrawals of ¥5,000 or more and transfers of ¥2,000 or more need a second factor (an SMS code or an authenticator code). The wallet is used only on this platform, and money leaves it only to your own card.`,
    },
    keywords: {
      'zh-CN': '钱包 余额 充值 提现 转账 AA 限额',
      en: 'wallet balance top up withdraw transfer split limit',
    },
  },
  {
    slug: 'points',
    topic: 'wallet',
    title: { 'zh-CN': '积分怎么获得和使用?', en: 'How do points work?' },
    body: {
      'zh-CN': `按时支付租金或分期，每支付 1 元得 1 积分；提交被采纳为有价值的反馈也会获得积分。

100 积分可抵 1 元，用于抵扣您应付的账单，不能提现或转让。积分自获得之日起 12 个月后过期，使用时先扣最早获得的积分。`,
      en: `Paying rent or an installment on time earns 1 point per yuan paid, and feedback we mark as valuable earns points too.

100 points take ¥1 off a bill you owe; points cannot be cashed out or transferred. Points expire 12 months after they were earned, and the oldest are used first.`,
    },
    keywords: { 'zh-CN': '积分 抵扣 过期 奖励', en: 'points reward redeem expire' },
  },
  {
    slug: 'transaction-disputes',
    topic: 'wallet',
    title: { 'zh-CN': '扣了钱但订单没成功、重复扣款怎么办?', en: 'Charged but the payment failed, or charged twice?' },
    body: {
      'zh-CN': `在交易详情中点击“申诉”，选择“支付失败但已扣款”“重复扣款”或“退款未到账”，并附上支付截图。我们会在 3 天内核实并处理，结果通过站内信和短信通知您。

核实属实的，款项会原路退回或冲正到您的钱包。`,
      en: `Open the transaction and tap "Dispute", choose "failed but charged", "charged twice" or "refund not received", and add a screenshot of the payment. We check and settle it within 3 days and tell you the result in the app and by SMS.

If we confirm the problem, the money goes back the way it came or is reversed to your wallet.`,
    },
    keywords: {
      'zh-CN': '重复扣款 多扣 退款未到账 申诉 争议',
      en: 'charged twice double charge refund missing dispute',
    },
  },
  {
    slug: 'how-installments-work',
    topic: 'installments',
    title: { 'zh-CN': '分期购机是怎么算的?', en: 'How does buying on installments work?' },
    body: {
      'zh-CN': `分期可选 3、6、12、24 期，可能需要首付。还款方式有等额本息（每期金额相同）和等额本金（每期本金相同、利息逐期减少），免息方案的每期金额相同，部分方案收取每期服务费。每期金额精确到分，最后一期包含尾差，所有本金之和正好等于借款本金。

分期购买的手机归您所有。全日制在校学生暂不能申请分期。`,
      en: `Installments run over 3, 6, 12 or 24 months, sometimes with a down payment. You repay either in equal installments or with equal principal (interest falling each month); interest-free plans have equal parts and some carry a per-period service fee. Amounts are exact to the fen, the last one absorbs the rounding, and the principal parts add up exactly to what you borrowed.

A phone bought on installments is yours. Full-time students cannot apply for installments for now.`,
    },
    keywords: {
      'zh-CN': '分期 等额本息 等额本金 免息 首付 服务费',
      en: 'installments equal principal interest free down payment fee',
    },
  },
  {
    slug: 'annualised-rate',
    topic: 'installments',
    title: { 'zh-CN': '年化利率是什么意思?', en: 'What does the annualised rate mean?' },
    body: {
      'zh-CN': `按照中国人民银行公告〔2021〕第 3 号的要求，每个分期报价和合同都会醒目展示年化利率。它按您实际拿到的金额和实际支付的每一笔钱（包括利息和所有费用）用内部收益率（IRR）计算，比月利率或日利率更能反映真实成本。

例如借款 100,000 元，开始时收取 1,000 元手续费，之后 12 个月每月还 8,833.30 元，年化利率为 12.80%（单利），按复利计为 13.58%。我们不会提供年化利率（含利息、费用和罚息）超过上限的方案，上限默认为一年期 LPR 的 4 倍。`,
      en: `As People's Bank of China Announcement [2021] No. 3 requires, every installment offer and contract shows the annualised rate prominently. It is the internal rate of return (IRR) of what you actually receive and everything you actually pay, interest and all fees included, so it shows the real cost better than a monthly or daily rate.

For example, borrowing 100,000 with a 1,000 fee taken at the start and 12 monthly payments of 8,833.30 is an annualised rate of 12.80 % (simple), 13.58 % compounded. We offer no plan whose annualised rate, with interest, fees and penalties, exceeds the cap, by default 4 times the one-year LPR.`,
    },
    keywords: { 'zh-CN': '年化利率 利率 IRR 利息 手续费 LPR', en: 'annualised rate apr irr interest fee cost' },
  },
  {
    slug: 'prepayment',
    topic: 'installments',
    title: { 'zh-CN': '可以提前还款吗?', en: 'Can I repay early?' },
    body: {
      'zh-CN': `可以。全部提前还清的金额为：剩余本金，加上从上一个已还期的到期日（或起始日）到还款当天按实际天数计算的利息，再加上提前还款手续费（如有）。以后各期的利息和服务费不再收取。

也可以部分提前还款，在下一个还款日（当天是还款日则当天）生效。您可以选择“减少每期还款”（期数不变）或“缩短期限”（每期金额不变）。付款前会显示新的还款计划和节省的利息，实际入账与显示完全一致。`,
      en: `Yes. To repay everything, you pay the remaining principal, interest for the actual days since the last paid period's due date (or the start date), and the prepayment fee if there is one. Future interest and future service fees are not owed.

You can also repay part of the principal; it takes effect on the next due date (today, if today is one). Choose "lower installments" (same number of periods) or "shorter term" (same installment). Before paying you see the new schedule and the interest saved, and what is booked matches it to the fen.`,
    },
    keywords: { 'zh-CN': '提前还款 提前结清 部分还款 缩短期限', en: 'prepay early repayment payoff settle shorten' },
  },
  {
    slug: 'give-feedback',
    topic: 'feedback',
    title: { 'zh-CN': '怎么提交反馈和评价?', en: 'How do I give feedback or a rating?' },
    body: {
      'zh-CN': `首页和“我的”页面都有“反馈”按钮，随时可以提交。租赁结束后，订单页会出现“评价”，可在 30 天内评价，期间我们会提醒您一次；超过 30 天将无法再评价。

您可以选择好评、中评或差评，填写文字，回答几个简单问题（如“是否推荐给他人?”），并上传最多 9 张图片或 1 段短视频。图片上传时会去除拍摄地点等信息。

租用期间遇到手机故障、账单或物流问题，请用订单页的“报告问题”，它会立即转为工单处理。`,
      en: `There is a "Feedback" button on the home and profile pages for any time. After a rental ends, the order page offers "Rate" for 30 days, and we remind you once in that time; after 30 days a rating can no longer be given.

Choose good, neutral or bad, write a few words, answer a few short questions (such as "Would you recommend us?") and add up to 9 pictures or 1 short video. Location and other details are removed from pictures when they are uploaded.

For a faulty phone, a billing or a delivery problem during the rental, use "Report a problem" on the order page: it becomes a support ticket at once.`,
    },
    keywords: { 'zh-CN': '反馈 评价 意见 建议 吐槽 上传图片', en: 'feedback rating review suggestion photo' },
  },
  {
    slug: 'anonymous-feedback-and-rewards',
    topic: 'feedback',
    title: { 'zh-CN': '可以匿名反馈吗?反馈有奖励吗?', en: 'Can I give feedback anonymously? Are there rewards?' },
    body: {
      'zh-CN': `可以。选择匿名后，处理反馈的工作人员看不到您的姓名、手机号和订单。我们仅以加密方式保留关联，用于发放奖励和处理恶意内容，每次查看都有审计记录。实名反馈能让我们结合订单更快解决问题。

被采纳为有价值的反馈会获得积分奖励，每条反馈最多奖励一次。如果您同意，我们会在致谢名单中展示您的姓氏（如“张*”）或英文名，不展示其他信息。`,
      en: `Yes. With anonymous feedback, the staff who handle it do not see your name, phone number or order. We keep the link only in encrypted form, to send rewards and to deal with abuse, and every look at it is audited. Named feedback lets us use your order to solve a problem faster.

Feedback we mark as valuable earns points, once per feedback. If you agree, our thanks list shows your surname (such as "Zhang*") or your first name, and nothing else.`,
    },
    keywords: { 'zh-CN': '匿名 实名 隐私 奖励 积分 致谢', en: 'anonymous named privacy reward points thanks' },
  },
  {
    slug: 'contact-support',
    topic: 'support',
    title: { 'zh-CN': '怎么联系客服?多久回复?', en: 'How do I reach support, and how fast do you answer?' },
    body: {
      'zh-CN': `在“帮助中心”点击“在线客服”即可和客服聊天；没有客服在线时，您的消息会自动转为工单。也可以直接提交工单，类型有故障、账单、物流、账户和投诉。

普通工单一般在 4 小时内首次答复，手机故障和紧急问题更快。工单进度和客服的回复可在“我的工单”中查看，有新回复时我们会通知您。`,
      en: `In the help centre tap "Chat with us" to talk to an agent; when no one is online your message becomes a ticket automatically. You can also open a ticket directly, for a fault, billing, delivery, your account or a complaint.

We usually answer a normal ticket within 4 hours, and faulty phones and urgent matters faster. You can follow each ticket and read our replies under "My tickets", and we notify you of every new reply.`,
    },
    keywords: { 'zh-CN': '客服 人工 在线客服 工单 投诉 电话', en: 'support agent chat ticket complaint contact' },
  },
  {
    slug: 'login-and-codes',
    topic: 'account',
    title: { 'zh-CN': '登录收不到验证码怎么办?', en: 'I do not receive the login code' },
    body: {
      'zh-CN': `登录使用手机号和 6 位短信验证码，验证码 5 分钟内有效，最多可输错 5 次。同一号码每 60 秒可获取一次，每天最多 10 次。

收不到时请检查信号和短信拦截设置，稍后再试。我们的工作人员绝不会索要您的验证码或密码，请勿告诉任何人。`,
      en: `You log in with your mobile number and a 6-digit SMS code, valid for 5 minutes, with at most 5 tries. One number can ask for a code once every 60 seconds and 10 times a day.

If none arrives, check your signal and your SMS filter and try again a little later. Our staff will never ask for your codes or passwords: do not tell them to anyone.`,
    },
    keywords: { 'zh-CN': '登录 验证码 收不到 短信 账号', en: 'login code sms not received account' },
  },
  {
    slug: 'privacy',
    topic: 'account',
    title: { 'zh-CN': '我的个人信息安全吗?', en: 'Is my personal information safe?' },
    body: {
      'zh-CN': `身份证号、姓名、地址和银行卡号属于敏感个人信息，我们加密存储，页面和客服工作台中均打码显示（如 138****5678），只有经授权的人员在必要时才能查看明文，且每次查看都会记录。

风险评估只使用您同意查询的数据，遵循《个人信息保护法》的最小必要原则。`,
      en: `ID numbers, names, addresses and bank card numbers are sensitive personal information: we store them encrypted and show them masked everywhere, including to support staff (e.g. 138****5678). Only authorised staff can see them in full, when necessary, and every such look is recorded.

The credit assessment only uses data you agreed to, following the Personal Information Protection Law's rule of the minimum necessary.`,
    },
    keywords: { 'zh-CN': '隐私 个人信息 加密 安全 打码', en: 'privacy personal data encryption security masked' },
  },
]);
