import { App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError, useSystemStatus } from './api';
import { DEFAULT_TIME_ZONE, formatCny, formatInstant } from './format';

/** Formats instants in the server's business time zone and the console's language. */
export function useInstantFormatter(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const timeZone = useSystemStatus().data?.timeZone ?? DEFAULT_TIME_ZONE;
  return (iso) => (iso ? formatInstant(iso, timeZone, i18n.language) : '—');
}

/**
 * Shows a refused request as a toast: the page's own text for the problem's code
 * (`<prefix>.<CODE>`), else the server's title; a request that got no answer says so.
 */
export function useProblemToast(prefix: string, otherwise?: string): (error: unknown) => void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (error) =>
    void message.error(
      error instanceof ProblemError
        ? t(`${prefix}.${error.problem.code}`, { defaultValue: error.problem.title })
        : otherwise === undefined
          ? t('status.networkError')
          : t(otherwise, { defaultValue: t('status.networkError') }),
    );
}

/** Formats integer 分 as yuan, e.g. 25100 → "¥251.00". */
export function useMoney(): (amountMinor: number) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (amountMinor) => formatCny(amountMinor, locale);
}

/**
 * An object URL for a blob fetched with the staff token (an <img src> or a plain link cannot send
 * it), revoked when the blob changes or the component leaves.
 */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return undefined;
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return url;
}
