import { formatCny } from '@zulin/kernel';
import { useTranslation } from 'react-i18next';

/** Formats integer 分 as yuan in the app's language, e.g. 25100 → "¥251.00". */
export function useMoney(): (amountMinor: number) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (amountMinor) => formatCny(amountMinor, locale);
}

/** Whole yuan without the fraction when there is none: "¥251", "¥251.50". */
export function useShortMoney(): (amountMinor: number) => string {
  const money = useMoney();
  return (amountMinor) => money(amountMinor).replace(/\.00$/, '');
}
