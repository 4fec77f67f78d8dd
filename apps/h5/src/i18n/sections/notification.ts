// Strings of the in-app inbox (the notifications themselves are rendered by the server).

export const notificationZhCN = {
  entry: '消息中心',
  title: '消息中心',
  settings: '通知设置',
  markAllRead: '全部已读',
  markedAllRead: '已全部标为已读',
  markFailed: '操作失败，请重试',
  unread: '未读',
  unreadCount: '{{count}} 条未读',
  emptyTitle: '暂无消息',
  emptyDescription: '充值、提现、转账和争议处理的动态都会显示在这里',
  loadFailed: '消息加载失败',
  retry: '重试',
  loadMore: '加载更多',
  end: '没有更多了',
  categories: {
    orders: '订单',
    bills: '账单',
    wallet: '钱包',
    account: '账户',
    marketing: '活动',
  },
};

export const notificationEn: typeof notificationZhCN = {
  entry: 'Messages',
  title: 'Messages',
  settings: 'Notification settings',
  markAllRead: 'Mark all read',
  markedAllRead: 'All marked as read',
  markFailed: 'That did not work, please try again',
  unread: 'Unread',
  unreadCount: '{{count}} unread',
  emptyTitle: 'No messages yet',
  emptyDescription: 'Top-ups, withdrawals, transfers and dispute updates will appear here',
  loadFailed: 'Could not load your messages',
  retry: 'Retry',
  loadMore: 'Load more',
  end: 'No more messages',
  categories: {
    orders: 'Orders',
    bills: 'Bills',
    wallet: 'Wallet',
    account: 'Account',
    marketing: 'Offers',
  },
};
