import { useTranslation } from 'react-i18next';
import { useSystemStatus } from './api';
import { DEFAULT_TIME_ZONE, formatCny, formatInstant } from './format';

/** Formats instants in the server's business time zone and the console's language. */
export function useInstantFormatter(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const timeZone = useSystemStatus().data?.timeZone ?? DEFAULT_TIME_ZONE;
  return (iso) => (iso ? formatInstant(iso, timeZone, i18n.language) : '—');
}

/** Formats integer 分 as yuan, e.g. 25100 → "¥251.00". */
export function useMoney(): (amountMinor: number) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (amountMinor) => formatCny(amountMinor, locale);
}
