// Sentences for demo feedback, written the way customers write: short, concrete, a little
// colloquial. `{model}`, `{carrier}` and `{days}` are filled by the generator.
import type { FeedbackCategory } from './classify/rules';

type Texts = Record<'zh-CN' | 'en', readonly string[]>;

export const complaints: Record<FeedbackCategory, Texts> = {
  device: {
    'zh-CN': [
      '收到的{model}屏幕边上有划痕，和描述的99新不符。',
      '电池续航太差，满电用半天就没了，电池健康才82%。',
      '用了{days}天就开始发热，玩一会儿游戏烫手，还自动重启。',
      '屏幕触摸偶尔失灵，打字的时候特别明显。',
      '摄像头对焦有问题，拍照一直模糊，希望能换机。',
      '听筒声音很小，打电话听不清对方说话。',
      '信号不稳定，在家里经常只有一格，换了手机卡也一样。',
    ],
    en: [
      'The {model} arrived with a scratch on the screen edge, not what "like new" means.',
      'Battery life is poor, a full charge barely lasts half a day.',
      'After {days} days the phone started to overheat and reboot on its own.',
      'The touch screen stops responding now and then, especially when typing.',
      'The camera will not focus, every photo is blurry. I would like a replacement.',
    ],
  },
  logistics: {
    'zh-CN': [
      '物流太慢了，说好两天到，等了{days}天才签收。',
      '{carrier}的快递员没打电话就放在驿站了，找了半天。',
      '包装盒压坏了，好在手机没事，但是体验不好。',
      '归还预约了上门取件，快递员没来，又约了一次。',
      '物流信息三天没更新，问客服也说不清楚在哪里。',
      '发货比预计晚了一天，着急用手机的话真的很耽误事。',
    ],
    en: [
      'Delivery took {days} days although two were promised.',
      'The {carrier} courier left the parcel at a pick-up point without calling me.',
      'The box was crushed in shipping, luckily the phone was fine.',
      'I booked a return pick-up and the courier never came.',
      'Tracking did not update for three days.',
    ],
  },
  billing: {
    'zh-CN': [
      '押金为什么还没解冻？手机归还{days}天了，验机早就完成了。',
      '自动扣款扣了两次租金，联系客服后才退款。',
      '芝麻信用七百多只免了一部分押金，免押额度太低了。',
      '归还验机说后盖有划痕要扣押金，可收到时就有，照片都拍了。',
      '账单上多了一笔费用，没有说明是什么钱。',
      '提前归还要付两期租金，下单时没有注意到这个规则。',
    ],
    en: [
      'My deposit is still on hold {days} days after the return was inspected.',
      'Auto-debit charged my rent twice this month; the refund came after I called support.',
      'I was charged for a scratch on the back that was there when the phone arrived.',
      'There is a fee on my bill that nobody explained.',
      'The deposit waiver was lower than I expected with a good credit score.',
    ],
  },
  service: {
    'zh-CN': [
      '客服回复太慢，在线等了半小时才有人接。',
      '客服态度敷衍，同一个问题问了三遍都没有答复。',
      '投诉之后没人跟进，工单一直显示处理中。',
      '人工客服很难找到，机器人只会发链接。',
      '客服说会回电话，结果一直没有消息。',
    ],
    en: [
      'Support took half an hour to answer the chat.',
      'The agent kept sending the same link instead of answering my question.',
      'My complaint ticket has been "in progress" for a week with no reply.',
      'Nobody called back although support promised to.',
    ],
  },
  app: {
    'zh-CN': [
      'App老是闪退，提交订单的时候卡住。',
      '登录收不到验证码，试了好几次。',
      '上传照片一直失败，页面转圈加载不出来。',
      '小程序里找不到归还入口，页面设计不清楚。',
      '付款页面白屏，刷新之后才好。',
    ],
    en: [
      'The app crashes every time I try to upload photos.',
      'I never receive the login verification code.',
      'The page keeps loading forever when I submit the order.',
      'Could not find the return button anywhere in the app.',
    ],
  },
};

export const praise: Texts = {
  'zh-CN': [
    '手机成色很新，屏幕没有任何划痕，下次还租。',
    '押金退还很及时，验机当天就解冻了。',
    '客服态度很好，问题当天就解决了。',
    '物流很快，第二天就收到了，包装也很严实。',
    '免押金很方便，租金也比别家便宜，推荐给朋友了。',
    '{model}用起来很流畅，电池也耐用，整体很满意。',
    '换机很快，故障报修第二天新机就到了。',
    '流程简单，签合同、付款几分钟就搞定了。',
  ],
  en: [
    'The {model} looked brand new and worked perfectly.',
    'Deposit released the same day the phone was inspected. Great.',
    'Friendly support, my question was answered within minutes.',
    'Fast delivery, the phone arrived the next day and was well packed.',
    'No deposit thanks to my credit score, and the rent is fair. Recommended.',
    'The swap after a fault was quick, a new phone came the next day.',
  ],
};

/** Said alongside a complaint in a neutral rating. */
export const mildPraise: Texts = {
  'zh-CN': ['总体还可以。', '其他方面都还不错。', '手机本身没什么问题。', '整体还行吧。'],
  en: ['Otherwise it was fine.', 'The rest was okay.', 'Not bad overall.'],
};
