import { CalculatorOutline, CheckShieldOutline, ShopbagOutline, UndoOutline } from 'antd-mobile-icons';

/** The four services on the home page, in display order, with their icon and accent colour. */
export const ENTRIES = [
  { key: 'deposit', Icon: CheckShieldOutline, color: '#ff6a00', background: '#fff1e6' },
  { key: 'installment', Icon: CalculatorOutline, color: '#1677ff', background: '#e9f2ff' },
  { key: 'rentToOwn', Icon: ShopbagOutline, color: '#00a870', background: '#e5f7ef' },
  { key: 'flexibleReturn', Icon: UndoOutline, color: '#7b61ff', background: '#f0edff' },
] as const;

export type Entry = (typeof ENTRIES)[number];
export type EntryKey = Entry['key'];
