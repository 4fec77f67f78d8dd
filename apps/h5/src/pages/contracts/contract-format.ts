import { localDateTimeOf } from '@zulin/kernel';
import type { TFunction } from 'i18next';
import { errorCode, ProblemError, useSystemStatus } from '../../api';
import type { Contract } from '../../contracts-api';
import { businessDateOf } from '../../time-format';

const KNOWN = [
  'CONTRACTS_CODE_INVALID',
  'CONTRACTS_CODE_TOO_MANY_ATTEMPTS',
  'CONTRACTS_CODE_SEND_TOO_SOON',
  'CONTRACTS_CODE_DAILY_LIMIT',
  'CONTRACTS_SIGNATURE_INVALID',
  'CONTRACTS_ALREADY_SIGNED',
  'CONTRACTS_DRAFT_OUTDATED',
  'CONTRACTS_DRAFT_WITHDRAWN',
] as const;
const isKnown = (code: string | undefined): code is (typeof KNOWN)[number] =>
  (KNOWN as readonly (string | undefined)[]).includes(code);

/** A refused code request or signature as a sentence for the customer. */
export function contractErrorMessage(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (isKnown(code)) return t(`contracts.errors.${code}`);
  if (error instanceof ProblemError) return t('contracts.errors.generic', { reason: error.problem.title });
  return t('contracts.errors.network');
}

export const statusColor: Record<Contract['status'], 'primary' | 'success' | 'default'> = {
  draft: 'primary',
  signed: 'success',
  superseded: 'default',
  withdrawn: 'default',
};

const templateKeys = ['rental', 'installment', 'buyout_addendum', 'renewal'] as const;

export function templateTitle(t: TFunction, template: string): string {
  return (templateKeys as readonly string[]).includes(template)
    ? t(`contracts.templates.${template as (typeof templateKeys)[number]}`)
    : template;
}

/** A rate in basis points as a percentage: 1268 → "12.68%". */
export function percent(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

export { formatDate } from '../../time-format';

/**
 * Contract and evidence times are read in the business time zone (the server's, as the signed PDF
 * prints them), never the phone's: the kernel's `localDateTimeOf`, `2026-12-03 14:44:29 +08:00`.
 */
export function useBusinessTime(): {
  dateTime: (iso: string) => string;
  day: (iso: string) => string;
} {
  const timeZone = useSystemStatus().data?.timeZone;
  const wall = (iso: string) => (timeZone ? localDateTimeOf(new Date(iso), timeZone) : '');
  return {
    dateTime: (iso) => (timeZone ? `${wall(iso)} (${timeZone})` : ''),
    day: (iso) => (timeZone ? businessDateOf(iso, timeZone) : ''),
  };
}
