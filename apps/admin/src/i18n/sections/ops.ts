// Strings of the console's operations pages: outbox deliveries, dead letters, inbox, ticks and sweeps.

export const opsZhCN = {
  refresh: '刷新',
  all: '全部',
  empty: '没有记录',
  status: '状态',
  subscriber: '订阅者',
  eventType: '事件类型',
  provider: '来源',
  deliveries: {
    title: '事件投递',
    subtitle: '发件箱中每个事件对每个订阅者的投递：状态、尝试次数、最近错误和下次尝试时间。',
    deadTitle: '死信',
    deadSubtitle: '尝试次数用尽仍失败的投递。修复原因后可重试：立即重新排队，尝试次数清零，并记入审计日志。',
    statuses: { pending: '待投递', delivered: '已投递', dead: '死信' },
    columns: {
      occurredAt: '事件时间',
      eventType: '事件类型',
      aggregate: '对象',
      subscriber: '订阅者',
      status: '状态',
      attempts: '尝试',
      lastError: '最近错误',
      nextAttemptAt: '下次尝试',
      actions: '操作',
    },
    retry: '重试',
    retryConfirm: '将这条投递重新排队？订阅者 {{subscriber}} 会再次处理事件 {{eventType}}。',
    retried: '已重新排队',
  },
  inbox: {
    title: '入站消息',
    subtitle: '外部系统的回调（已验签），由后台逐条处理：状态、尝试次数和最近错误。内容不在此显示。',
    statuses: { pending: '待处理', processed: '已处理', dead: '死信' },
    columns: {
      receivedAt: '接收时间',
      provider: '来源',
      providerEventId: '来源事件 ID',
      eventType: '事件类型',
      status: '状态',
      attempts: '尝试',
      lastError: '最近错误',
      nextAttemptAt: '下次尝试',
    },
  },
  schedule: {
    title: '定时任务',
    subtitle: '每日任务（按营业日各运行一次）和周期清扫任务：最近一次运行及下次运行时间。',
    kinds: { tick: '每日', sweep: '周期' },
    // What each tick or sweep does, by its name (a name the console does not know shows the server's words).
    work: {
      'logistics.sandbox_courier': '沙箱快递把按时钟到期的扫描推送到其签名回调',
      'logistics.lost_parcels':
        '揽收后连续若干天（自然日，北京时间，默认 5 天，可在「时效设置」中修改）无物流轨迹的发货包裹，标记为疑似丢失，交发货台确认（不自动判定丢失）；每次标记记入审计日志，并通知客户一次（站内信 + 短信）',
      'logistics.store_shelf': '门店自提包裹超过保管期（7 天）未取件的，退回仓库，订单取消并全额退款',
      'rental.close_settled_orders': '争议期已过、无未处理申诉且账单均已付清或减免的已结算归还订单，予以关闭',
      'rental.collect_rent':
        '租金账单提醒（T−7、T−3、T−1、D+1、D+3），并在到期日按时效设置代扣，失败后重试（D+1、D+3、D+5）',
      'rental.settle_inspections': '完成渠道结果未定的验机结算：从押金冻结中扣款、释放剩余部分、对不足部分出账',
      'support.sla_alerts': '工单首次响应或解决时限将到或已超时时提醒（处理人或整个客服台），每张工单每类一次',
      'support.close_stale_chats': '关闭排队 15 分钟仍无人接入的会话（客户仍可留下工单）和 30 分钟无人发言的进行中会话',
      'support.discard_unattached_uploads':
        '删除上传 24 小时后仍未附到反馈、工单或会话的文件（其他上传仍在用的同一文件保留）',
      'billing.mark_overdue': '把已过到期日的未结账单标记为逾期（每张一次，并发出事件）',
      'contracts.daily_root': '生成并签署上一营业日的存证根，再加盖时间戳（RFC 3161）',
      'contracts.timestamp_roots': '为因时间戳服务中断而缺少时间戳的每日存证根补加时间戳',
      'contracts.verify_evidence': '校验上次运行以来新增的存证条目与每日存证根，并推进控制台读取的校验检查点',
      'feedback.rating_reminders':
        '租赁结束第 7 天起、30 天评价期内仍未评价的租赁订单（实名或匿名评价均算），提醒客户评价一次（站内信；短信按客户的通知设置），漏跑的日子次日补发',
      'installment.issue_period_bills': '在每期到期前 7 天为进行中的分期订单出账',
      'installment.track_overdue': '把进行中分期订单逾期账单的当日罚息记入该期账单，并记录每笔订单的逾期分组变化',
      'installment.collect_period_bills':
        '按分期时效设置提醒客户每期未付账单（默认到期前 3 天、1 天和逾期第 1、3 天；金额及是否自动扣款，每期每次一次）；到期日通过客户的代扣协议自动扣款，失败后按设置的重试日重试（默认 D+1、D+3、D+5，每期账单每次只扣一次）',
      'installment.expire_unpaid_orders':
        '取消超过付款期限（下单时间 + 分期时效设置的未付款时限，默认 120 分钟）仍未完成签约和首付的分期订单：撤回首付账单、退回已付部分、释放预留手机并通知客户',
      'inventory.release_expired_reservations': '把未付款且预留已过期（30 分钟）的设备放回库存',
      'ledger.expire_pending': '释放超时的待结转分录（冻结）',
      'payments.agreement_charges': '把已记录的代扣请求发送到渠道并记录应答',
      'payments.agreements':
        '向渠道查询仍在签约中的代扣协议（2、4、8 … 分钟后），一天仍未签约的协议置为已过期；客户申请解约而渠道未确认的协议，再次请求渠道解约（2、4、8 … 分钟后，间隔最长一天），超过 24 小时仍未确认则告警；向渠道核对 7 天未核对的生效协议，客户已在支付宝中解约的予以解约',
      'payments.janitor': '向渠道再次查询处理中和结果未知的支付（5 分钟、1 小时，之后每天），并完成或关闭它们',
      'payments.reconcile': '用各已配置渠道前一日的对账单核对我方支付记录',
      'payments.refunds': '把已批准的退款发送到渠道，并再次查询结果未知或处理中的退款',
      'payments.sandbox_callbacks': '沙箱渠道把到期的回调发送到商户的通知地址',
      'payments.submissions': '把已记录但请求未提交的支付单提交到渠道',
      'platform.purge_idempotency_keys': '删除超过 24 小时的幂等键记录',
      'platform.purge_one_time_codes': '删除过期超过一天的一次性验证码',
      'rental.expire_unpaid_orders': '取消超过付款期限（默认签约后 2 小时）仍未付款的订单，并释放其设备',
      'rental.release_deposits': '退还已取消、已拒绝或已买断订单的押金冻结',
      'rental.rent': '签收次日起租，并在每期到期前 7 天出账',
      'risk.mdm_commands': '把待执行的锁机和解锁指令交给 MDM，并把始终没有应答的指令标记为失败',
      'risk.mdm_enrolments': '把已签收订单的手机登记到 MDM（签收时提出，失败 5 次后放弃并记入审计）',
      'risk.mdm_sandbox': '沙箱 MDM：设备应答指令，并发送签名消息',
      'risk.review_sla': '把超过时限（默认 2 小时）的未结审核案件标记为超时',
      'support.close_resolved': '关闭已解决且客户 7 天内未重开也未回复的工单',
      'wallet.dispute_sla': '把超过时限的未结争议标记为超时（一次）并升级',
      'wallet.expire_bill_splits': '关闭超过 7 天仍未完成的账单分摊',
      'wallet.expire_points': '积分自获得起 12 个月后过期',
    } as Record<string, string>,
    statuses: { running: '运行中', done: '成功', failed: '失败' },
    never: '尚未运行',
    dailyAt: '每天 {{time}}',
    everySeconds: '每 {{seconds}} 秒',
    overdue: '待运行',
    forDate: '营业日 {{date}}',
    columns: {
      name: '任务',
      when: '计划',
      lastRun: '最近运行',
      result: '结果',
      nextDueAt: '下次运行',
    },
  },
};

export const opsEn: typeof opsZhCN = {
  refresh: 'Refresh',
  all: 'All',
  empty: 'Nothing here',
  status: 'Status',
  subscriber: 'Subscriber',
  eventType: 'Event type',
  provider: 'Provider',
  deliveries: {
    title: 'Event deliveries',
    subtitle: 'Each outbox event to each subscriber: state, attempts, last error and next attempt.',
    deadTitle: 'Dead letters',
    deadSubtitle:
      'Deliveries that failed every attempt. Once the cause is fixed, retry: queued now, attempts from zero, and audited.',
    statuses: { pending: 'Pending', delivered: 'Delivered', dead: 'Dead' },
    columns: {
      occurredAt: 'Event time',
      eventType: 'Event type',
      aggregate: 'Object',
      subscriber: 'Subscriber',
      status: 'Status',
      attempts: 'Attempts',
      lastError: 'Last error',
      nextAttemptAt: 'Next attempt',
      actions: 'Actions',
    },
    retry: 'Retry',
    retryConfirm: 'Queue this delivery again? Subscriber {{subscriber}} will handle the {{eventType}} event again.',
    retried: 'Queued again',
  },
  inbox: {
    title: 'Inbox',
    subtitle:
      'Verified callbacks from outside systems, applied one by one in the background: state, attempts and last error. Their contents are not shown.',
    statuses: { pending: 'Pending', processed: 'Processed', dead: 'Dead' },
    columns: {
      receivedAt: 'Received',
      provider: 'Provider',
      providerEventId: 'Provider event id',
      eventType: 'Event type',
      status: 'Status',
      attempts: 'Attempts',
      lastError: 'Last error',
      nextAttemptAt: 'Next attempt',
    },
  },
  schedule: {
    title: 'Scheduled work',
    subtitle: 'Daily ticks (once per business date) and periodic sweeps: the last run of each and the next.',
    kinds: { tick: 'Daily', sweep: 'Periodic' },
    work: {
      'logistics.sandbox_courier':
        'The sandbox courier pushes the scans that fell due by the clock to its signed webhook',
      'logistics.lost_parcels':
        'Outbound parcels with no carrier scan for a set number of calendar days (Beijing time; 5 by default, changed under Timers) after collection are flagged as suspected lost for the shipping desk to confirm (never lost automatically); each flag is audited and the customer is told once (in-app + SMS)',
      'logistics.store_shelf':
        'Parcels not collected at a pick-up store within the shelf time (7 days) go back to the warehouse; the order is cancelled and refunded in full',
      'rental.close_settled_orders':
        'Closes settled returns once the dispute window has passed, no dispute is open and every bill is paid or waived',
      'rental.collect_rent':
        'Rent bill reminders (T−7, T−3, T−1, D+1, D+3) and auto-debit on the due date with retries (D+1, D+3, D+5), as the timers say',
      'rental.settle_inspections':
        'Finishes graded returns the channel left undecided: captures from the hold, releases the rest, bills what is left',
      'support.sla_alerts':
        "Raises an alert (assignee or desk) when a ticket's first-response or resolution SLA is at risk or breached, once per ticket and kind",
      'support.close_stale_chats':
        'Closes chats nobody took within 15 minutes (the customer may still leave a ticket) and active chats nobody wrote in for 30 minutes',
      'support.discard_unattached_uploads':
        'Deletes uploads nobody attached to feedback, a ticket or a chat within 24 hours, and their files unless another upload shares them',
      'billing.mark_overdue': 'Marks open bills whose due date has passed as overdue (once each, with an event)',
      'contracts.daily_root':
        "Builds and signs the previous business day's evidence root, then timestamps it (RFC 3161)",
      'contracts.timestamp_roots': 'Timestamps daily evidence roots that an authority outage left without a token',
      'contracts.verify_evidence':
        'Verifies the evidence entries and daily roots appended since its last run and moves the checkpoint the console reads from',
      'feedback.rating_reminders':
        'Reminds the customer once to rate a rental not yet rated (named or anonymous) from the 7th day after it ended while the 30-day rating window is open (in-app; SMS per their preferences); a missed day is caught up the next day',
      'installment.issue_period_bills': "Issues each active order's period bill 7 days before it is due",
      'installment.track_overdue':
        "Books the day's penalty interest on the overdue period bills of active orders and keeps each order's delinquency bucket changes",
      'installment.collect_period_bills':
        "Reminds the customer of each unpaid installment period bill on the days the installment timers set (by default 3 and 1 days before its due date and 1 and 3 days after; the amount, and whether auto-debit takes it; each once per bill); auto-debits it through the customer's agreement on its due date, retrying on the timers' retry days (by default D+1, D+3 and D+5; each attempt once per bill)",
      'installment.expire_unpaid_orders':
        'Cancels installment orders not signed and paid by their deadline (placing + the installment timers’ unpaid-order limit, 120 minutes by default): withdraws the down-payment bill, refunds any part paid, releases the reserved phone and tells the customer',
      'inventory.release_expired_reservations':
        'Puts back in stock the units whose reservation lapsed unpaid (30 minutes)',
      'ledger.expire_pending': 'Releases pending transfers (holds) whose timeout has passed',
      'payments.agreement_charges': 'Sends the recorded auto-debit charges to the channel and records the answers',
      'payments.agreements':
        'Asks the channel about auto-debit agreements still being signed (after 2, 4, 8 … min) and expires those unsigned after a day; asks it again to unsign the agreements customers asked to end that it did not confirm (after 2, 4, 8 … min, at most a day apart) and alerts staff when one is still unconfirmed after 24 h; asks about active agreements not checked for 7 days and ends those the payer ended in their Alipay app',
      'payments.janitor':
        'Asks the channel again about pending and unknown payments (5 min, 1 h, then daily) and settles or closes them',
      'payments.reconcile': "Reconciles each configured channel's statement of the day before with our payments",
      'payments.refunds': 'Sends approved refunds to their channel and asks again about unknown or processing ones',
      'payments.sandbox_callbacks': "The sandbox channel posts its due callbacks to the merchant's notify URL",
      'payments.submissions':
        'Submits to their channel the payment orders recorded but left unsubmitted by their request',
      'platform.purge_idempotency_keys': 'Deletes Idempotency-Key records past their 24 hours',
      'platform.purge_one_time_codes': 'Deletes one-time codes that expired more than a day ago',
      'rental.expire_unpaid_orders':
        'Cancels orders left unpaid past their deadline (2 h after signing by default) and releases their phones',
      'rental.release_deposits': 'Gives back the deposit holds of orders cancelled, rejected or bought out',
      'rental.rent': 'Starts the rent the day after delivery and bills each period 7 days before it is due',
      'risk.mdm_commands': 'Hands pending lock and unlock commands to the MDM and fails those it never answered',
      'risk.mdm_enrolments':
        'Enrols the phones of delivered orders with the MDM (asked for at delivery; gives up, audited, after 5 failures)',
      'risk.mdm_sandbox': 'The sandbox MDM: its phones answer their commands, and it posts its signed messages',
      'risk.review_sla': 'Marks open review cases past their SLA (2 h by default) as breached',
      'support.close_resolved': 'Closes resolved tickets the customer neither reopened nor answered within 7 days',
      'wallet.dispute_sla': 'Marks open disputes past their SLA as breached (once) and escalates them',
      'wallet.expire_bill_splits': 'Closes bill splits that stayed open past their 7 days',
      'wallet.expire_points': 'Expires points 12 months after they were earned',
    } as Record<string, string>,
    statuses: { running: 'Running', done: 'Done', failed: 'Failed' },
    never: 'Not run yet',
    dailyAt: 'Daily at {{time}}',
    everySeconds: 'Every {{seconds}} s',
    overdue: 'Due',
    forDate: 'for {{date}}',
    columns: {
      name: 'Work',
      when: 'Schedule',
      lastRun: 'Last run',
      result: 'Result',
      nextDueAt: 'Next run',
    },
  },
};
