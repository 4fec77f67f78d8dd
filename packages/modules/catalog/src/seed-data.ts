// The demo catalog: phones on sale in China in 2025–2026 with their launch prices in CNY (yuan, for
// the smallest storage listed). Prices of larger storage add the usual steps; 99新 (like new) SKUs
// sell at about 82 % of new.
export interface SeedPhone {
  brand: string;
  model: string;
  series: string;
  /** Price in yuan of the smallest storage, new. */
  priceYuan: number;
  storagesGb: number[];
  colours: [name: string, hex: string][];
  description: string;
}

const p = (
  brand: string,
  model: string,
  series: string,
  priceYuan: number,
  storagesGb: number[],
  colours: [string, string][],
  description: string,
): SeedPhone => ({ brand, model, series, priceYuan, storagesGb, colours, description });

export const seedPhones: readonly SeedPhone[] = [
  p(
    'apple',
    'iPhone 17 Pro Max',
    'iPhone 17',
    9999,
    [256, 512, 1024],
    [
      ['星宇橙', '#e8742c'],
      ['深蓝色', '#2b3a55'],
      ['银色', '#d9d9de'],
    ],
    'A19 Pro 芯片，4800 万像素三摄，铝金属一体机身，超长续航。',
  ),
  p(
    'apple',
    'iPhone 17 Pro',
    'iPhone 17',
    8999,
    [256, 512],
    [
      ['星宇橙', '#e8742c'],
      ['深蓝色', '#2b3a55'],
    ],
    'A19 Pro 芯片，ProMotion 自适应刷新率，专业级影像系统。',
  ),
  p(
    'apple',
    'iPhone Air',
    'iPhone 17',
    7999,
    [256, 512],
    [
      ['天蓝色', '#b8d4ec'],
      ['深空黑色', '#1e1e22'],
    ],
    '仅 5.6 毫米的超薄机身，钛金属边框。',
  ),
  p(
    'apple',
    'iPhone 17',
    'iPhone 17',
    5999,
    [256, 512],
    [
      ['薰衣草紫', '#c9b8e8'],
      ['鼠尾草绿', '#b3c4a8'],
      ['黑色', '#1c1c1e'],
    ],
    '6.3 英寸 ProMotion 屏幕，A19 芯片，2 倍光学品质长焦。',
  ),
  p(
    'apple',
    'iPhone 16 Pro',
    'iPhone 16',
    7999,
    [128, 256, 512],
    [
      ['沙漠色钛金属', '#bfa48f'],
      ['黑色钛金属', '#3c3c3d'],
    ],
    'A18 Pro 芯片，相机控制按钮，5 倍长焦。',
  ),
  p(
    'apple',
    'iPhone 16',
    'iPhone 16',
    5999,
    [128, 256],
    [
      ['群青色', '#4a6fd1'],
      ['白色', '#f2f2f2'],
    ],
    'A18 芯片，相机控制，Apple 智能。',
  ),
  p(
    'apple',
    'iPhone 16e',
    'iPhone 16',
    4499,
    [128, 256],
    [
      ['白色', '#f5f5f5'],
      ['黑色', '#1c1c1e'],
    ],
    'A18 芯片与自研 C1 调制解调器，实惠入门。',
  ),
  p(
    'apple',
    'iPhone 15',
    'iPhone 15',
    4399,
    [128, 256],
    [
      ['粉色', '#f4cfd6'],
      ['蓝色', '#c7d8e6'],
    ],
    '灵动岛，4800 万像素主摄，USB-C 接口。',
  ),
  p(
    'huawei',
    'Mate 80 Pro',
    'Mate',
    6999,
    [256, 512],
    [
      ['曜石黑', '#1b1b1f'],
      ['雪域白', '#eeeeea'],
    ],
    '麒麟芯片，鸿蒙 HarmonyOS 6，红枫原色影像。',
  ),
  p(
    'huawei',
    'Mate 70 Pro',
    'Mate',
    6499,
    [256, 512],
    [
      ['曜石黑', '#1b1b1f'],
      ['云杉绿', '#4c6b5a'],
    ],
    '鸿蒙原生体验，超可靠玄武架构。',
  ),
  p(
    'huawei',
    'Mate X6',
    'Mate',
    12999,
    [512, 1024],
    [
      ['玄黑', '#161616'],
      ['星耀红', '#9e2a2b'],
    ],
    '旗舰折叠屏，7.93 英寸大屏，超轻薄。',
  ),
  p(
    'huawei',
    'Pura 80 Ultra',
    'Pura',
    9999,
    [512, 1024],
    [
      ['鎏光金', '#d4b26a'],
      ['曜石黑', '#1b1b1f'],
    ],
    '一英寸超大底双长焦，影像旗舰。',
  ),
  p(
    'huawei',
    'Pura 80 Pro',
    'Pura',
    6499,
    [256, 512],
    [
      ['雪域白', '#eeeeea'],
      ['曜石黑', '#1b1b1f'],
    ],
    '超高动态主摄，XMAGE 影像。',
  ),
  p(
    'huawei',
    'Pura X',
    'Pura',
    7499,
    [256, 512],
    [
      ['零度白', '#f3f3f0'],
      ['砚黑', '#202020'],
    ],
    '16:10 阔折叠，外屏即主屏。',
  ),
  p(
    'huawei',
    'nova 14',
    'nova',
    2799,
    [256, 512],
    [
      ['樱语白', '#f6e8ea'],
      ['羽砂黑', '#252525'],
    ],
    '前后双 5000 万像素人像，轻薄机身。',
  ),
  p(
    'xiaomi',
    '小米 17 Pro',
    '小米 17',
    4999,
    [256, 512],
    [
      ['冷烟玉', '#b9c7c0'],
      ['黑色', '#151515'],
    ],
    '第五代骁龙 8 至尊版，背屏设计，徕卡光学。',
  ),
  p(
    'xiaomi',
    '小米 17',
    '小米 17',
    4499,
    [256, 512],
    [
      ['冰川白', '#f1f4f7'],
      ['黑色', '#151515'],
    ],
    '7000mAh 电池，徕卡三摄，澎湃 OS 3。',
  ),
  p(
    'xiaomi',
    '小米 15 Ultra',
    '小米 15',
    6499,
    [256, 512, 1024],
    [
      ['经典黑银', '#3b3b3b'],
      ['松柏绿', '#3e5c4b'],
    ],
    '徕卡一英寸主摄与 2 亿像素潜望长焦。',
  ),
  p(
    'xiaomi',
    'MIX Flip 2',
    'MIX',
    5999,
    [256, 512],
    [
      ['月影黑', '#1d1d20'],
      ['浅金', '#e6d3a8'],
    ],
    '小折叠，大外屏，骁龙 8 至尊版。',
  ),
  p(
    'xiaomi',
    'Redmi K80 Pro',
    'Redmi K',
    3699,
    [256, 512],
    [
      ['雪岩白', '#f0f0ee'],
      ['山峦青', '#5c7a7a'],
    ],
    '骁龙 8 至尊版，2K 直屏，6000mAh 电池。',
  ),
  p(
    'xiaomi',
    'Redmi Turbo 4 Pro',
    'Redmi Turbo',
    1999,
    [256, 512],
    [
      ['白色', '#f4f4f4'],
      ['黑色', '#1a1a1a'],
    ],
    '7550mAh 大电池，性能小钢炮。',
  ),
  p(
    'oppo',
    'Find X9 Pro',
    'Find X',
    5299,
    [256, 512],
    [
      ['钛石灰', '#8c8c88'],
      ['霜白', '#f2f2ef'],
    ],
    '哈苏影像，天玑 9500，7500mAh 电池。',
  ),
  p(
    'oppo',
    'Find X8 Ultra',
    'Find X',
    6499,
    [256, 512, 1024],
    [
      ['月光白', '#efefea'],
      ['星野黑', '#18181a'],
    ],
    '双潜望哈苏大师影像，一键闪拍。',
  ),
  p(
    'oppo',
    'Find N5',
    'Find N',
    8999,
    [256, 512],
    [
      ['玉白', '#ecece6'],
      ['缎黑', '#1c1c1e'],
    ],
    '轻薄折叠旗舰，8.93 毫米折叠厚度。',
  ),
  p(
    'oppo',
    'Reno 14 Pro',
    'Reno',
    3799,
    [256, 512],
    [
      ['蜜糖粉', '#f2c6cf'],
      ['静夜黑', '#222222'],
    ],
    '超清潜望长焦，AI 人像。',
  ),
  p(
    'vivo',
    'X300 Pro',
    'X',
    5299,
    [256, 512],
    [
      ['云朵白', '#f3f3f3'],
      ['钛色', '#9a8f82'],
    ],
    '蔡司 2 亿像素长焦，天玑 9500。',
  ),
  p(
    'vivo',
    'X200 Ultra',
    'X',
    6999,
    [256, 512, 1024],
    [
      ['银翼', '#c8c8c8'],
      ['红色', '#8f1d21'],
    ],
    '蔡司三主摄，影像手机标杆。',
  ),
  p(
    'vivo',
    'X Fold5',
    'X Fold',
    6999,
    [256, 512],
    [
      ['钛灰', '#6e6e70'],
      ['宣白', '#f0efe8'],
    ],
    '轻薄大折叠，6000mAh 蓝海电池。',
  ),
  p(
    'vivo',
    'iQOO 13',
    'iQOO',
    3999,
    [256, 512],
    [
      ['传奇版', '#f5f5f5'],
      ['赛道版', '#2a3d6e'],
    ],
    '骁龙 8 至尊版，2K 电竞屏。',
  ),
  p(
    'vivo',
    'S30',
    'S',
    2699,
    [256, 512],
    [
      ['柠檬黄', '#f3e48a'],
      ['可可黑', '#2a2622'],
    ],
    '人像拍照，6500mAh 轻薄长续航。',
  ),
  p(
    'honor',
    'Magic8 Pro',
    'Magic',
    5699,
    [256, 512],
    [
      ['雪域白', '#f1f1ef'],
      ['天际蓝', '#5b86b5'],
    ],
    '骁龙 8 至尊版，鹰眼相机，YOYO 智能体。',
  ),
  p(
    'honor',
    'Magic7 Pro',
    'Magic',
    5699,
    [256, 512],
    [
      ['月影灰', '#6f7073'],
      ['朝霞金', '#d9b88a'],
    ],
    '2 亿像素潜望长焦，青海湖电池。',
  ),
  p(
    'honor',
    'Magic V5',
    'Magic V',
    8999,
    [256, 512],
    [
      ['丝绒黑', '#181818'],
      ['冰岛白', '#f1f2f4'],
    ],
    '轻薄折叠，8.8 毫米机身。',
  ),
  p(
    'honor',
    'Honor 400',
    '数字系列',
    2699,
    [256, 512],
    [
      ['海湖青', '#7cb8b3'],
      ['幻夜黑', '#1e1e1e'],
    ],
    '2 亿像素 AI 影像，5300mAh 电池。',
  ),
  p(
    'samsung',
    'Galaxy S25 Ultra',
    'Galaxy S',
    9699,
    [256, 512, 1024],
    [
      ['钛灰', '#8a8a8c'],
      ['钛黑', '#2a2a2c'],
    ],
    'S Pen，2 亿像素主摄，Galaxy AI。',
  ),
  p(
    'samsung',
    'Galaxy S25',
    'Galaxy S',
    5999,
    [256, 512],
    [
      ['冰川蓝', '#b9cfe3'],
      ['海军蓝', '#273a5c'],
    ],
    '骁龙 8 至尊版 for Galaxy，小屏旗舰。',
  ),
  p(
    'samsung',
    'Galaxy Z Fold7',
    'Galaxy Z',
    13999,
    [256, 512, 1024],
    [
      ['星夜蓝', '#27314d'],
      ['银影', '#c7c9cc'],
    ],
    '史上最轻薄的 Fold，2 亿像素主摄。',
  ),
  p(
    'samsung',
    'Galaxy Z Flip7',
    'Galaxy Z',
    7999,
    [256, 512],
    [
      ['珊瑚红', '#e0695a'],
      ['喷气黑', '#1a1a1c'],
    ],
    '4.1 英寸无边外屏小折叠。',
  ),
];

/** Typical price steps for larger storage, in yuan. */
export function storagePriceYuan(basePriceYuan: number, baseStorageGb: number, storageGb: number): number {
  let price = basePriceYuan;
  for (let size = baseStorageGb; size < storageGb; size *= 2) price += size >= 512 ? 1500 : 1000;
  return price;
}
