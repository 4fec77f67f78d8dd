import { useTranslation } from 'react-i18next';

/** The chart of accounts the console names in its own languages (docs/ledger-wallet.md). */
export const CHART = [
  { code: 1100, purpose: 'channel_clearing' },
  { code: 1150, purpose: 'customer_receivables' },
  { code: 1200, purpose: 'funder_receivables' },
  { code: 1210, purpose: 'installment_principal' },
  { code: 1300, purpose: 'wallet_float' },
  { code: 1400, purpose: 'carrier_claims_receivable' },
  { code: 1900, purpose: 'suspense' },
  { code: 2100, purpose: 'customer_deposits_held' },
  { code: 2200, purpose: 'partner_payables' },
  { code: 2210, purpose: 'funder_payable' },
  { code: 2300, purpose: 'points_liability' },
  { code: 2310, purpose: 'points_issued' },
  { code: 2500, purpose: 'wallet' },
  { code: 2510, purpose: 'points' },
  { code: 4050, purpose: 'device_sales_revenue' },
  { code: 4100, purpose: 'rent_revenue' },
  { code: 4200, purpose: 'installment_interest_revenue' },
  { code: 4300, purpose: 'fee_revenue' },
  { code: 4400, purpose: 'penalty_revenue' },
  { code: 4500, purpose: 'carrier_compensation' },
  { code: 5100, purpose: 'marketing_expense' },
  { code: 5200, purpose: 'write_offs' },
] as const;

type ChartCode = (typeof CHART)[number]['code'];
const isChartCode = (code: number): code is ChartCode => CHART.some((entry) => entry.code === code);

/**
 * An account's name in the console's language. The server names accounts in English
 * ("Channel clearing: alipay"); known codes are translated, with the channel named (支付宝) or the
 * funder kept, and a code the console does not know yet keeps the server's name.
 */
export function useAccountName(): (account: { code: number; name: string }) => string {
  const { t } = useTranslation();
  return (account) => {
    if (!isChartCode(account.code)) return account.name;
    const owner = account.name.split(': ')[1] ?? '';
    // A clearing account's owner is a channel code (`bank`): named; a funder's is its own name.
    const channel =
      account.code === 1100 ? t(`wallet.trialBalance.clearingChannels.${owner}`, { defaultValue: owner }) : owner;
    return t(`wallet.trialBalance.chart.c${account.code}`, { channel });
  };
}
