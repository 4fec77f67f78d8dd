// The platform's chart of accounts. Accounts are created on first use and by the seed, idempotently
// (createAccount returns the existing account), so every environment has the same chart.
// Codes: 1xxx assets, 2xxx liabilities, 4xxx revenue, 5xxx expenses (docs/ledger-wallet.md).
import type { Executor } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { type CreateAccountOptions, createAccount } from './create-account';
import { ledgerAccounts } from './schema';
import type { Account, Currency } from './types';

interface ChartEntry {
  code: number;
  currency: Currency;
  name: string;
}

export const platformChart = {
  customer_receivables: { code: 1150, currency: 'CNY', name: 'Customer receivables (bills issued, not yet paid)' },
  funder_receivables: { code: 1200, currency: 'CNY', name: 'Funder receivables' },
  installment_principal: {
    code: 1210,
    currency: 'CNY',
    name: 'Installment principal receivable (financed, not yet billed)',
  },
  carrier_claims_receivable: {
    code: 1400,
    currency: 'CNY',
    name: 'Carrier claims receivable (phones a carrier lost in its care, not yet paid or written off)',
  },
  wallet_float: { code: 1300, currency: 'CNY', name: 'Wallet float (custody account backing customer wallets)' },
  suspense: { code: 1900, currency: 'CNY', name: 'Suspense (unmatched money awaiting investigation)' },
  customer_deposits_held: { code: 2100, currency: 'CNY', name: 'Customer deposits held' },
  partner_payables: { code: 2200, currency: 'CNY', name: 'Partner payables' },
  points_liability: { code: 2300, currency: 'CNY', name: 'Points liability (cash value of unredeemed points)' },
  points_issued: { code: 2310, currency: 'POINTS', name: 'Points issued (the platform side of every point)' },
  device_sales_revenue: { code: 4050, currency: 'CNY', name: 'Device sales revenue (phones sold on installments)' },
  rent_revenue: { code: 4100, currency: 'CNY', name: 'Rent revenue' },
  installment_interest_revenue: { code: 4200, currency: 'CNY', name: 'Installment interest revenue' },
  fee_revenue: { code: 4300, currency: 'CNY', name: 'Fee revenue' },
  penalty_revenue: { code: 4400, currency: 'CNY', name: 'Penalty revenue' },
  carrier_compensation: {
    code: 4500,
    currency: 'CNY',
    name: 'Carrier compensation (claims for phones lost in a carrier’s care)',
  },
  marketing_expense: { code: 5100, currency: 'CNY', name: 'Marketing expense (cashback, points, coupons)' },
  write_offs: { code: 5200, currency: 'CNY', name: 'Write-offs (principal and other amounts forgiven)' },
} as const satisfies Record<string, ChartEntry>;

export type PlatformPurpose = keyof typeof platformChart;

/** One clearing account per payment channel: money the channel owes us until it settles. */
export const channelClearingCode = 1100;
export const defaultChannels = ['alipay', 'wechatpay', 'bank', 'sandbox'] as const;

/** Customer accounts: the wallet (CNY) and points (POINTS); neither may go below zero. */
export const customerChart = {
  wallet: { code: 2500, currency: 'CNY', name: 'Customer wallet' },
  points: { code: 2510, currency: 'POINTS', name: 'Customer points' },
} as const satisfies Record<string, ChartEntry>;

export type CustomerPurpose = keyof typeof customerChart;

const channelPattern = /^[a-z][a-z0-9_]{1,31}$/;

async function findOrCreate(tx: Executor, clock: Clock, options: CreateAccountOptions): Promise<Account> {
  // A read first: after the first use an account exists, and a plain select takes no lock.
  const [found] = await tx
    .select()
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.ownerType, options.ownerType),
        eq(ledgerAccounts.ownerId, options.ownerId),
        eq(ledgerAccounts.purpose, options.purpose),
        eq(ledgerAccounts.currency, options.currency),
      ),
    );
  return found ? (found as Account) : createAccount(tx, clock, options);
}

export async function platformAccount(tx: Executor, clock: Clock, purpose: PlatformPurpose): Promise<Account> {
  const entry: ChartEntry = platformChart[purpose];
  assert(entry, `unknown platform account purpose ${purpose}`);
  return findOrCreate(tx, clock, { ownerType: 'platform', ownerId: 'platform', purpose, ...entry });
}

export async function channelClearingAccount(tx: Executor, clock: Clock, channel: string): Promise<Account> {
  assert(channelPattern.test(channel), `a channel name is a lowercase slug: ${channel}`);
  return findOrCreate(tx, clock, {
    ownerType: 'channel',
    ownerId: channel,
    purpose: 'channel_clearing',
    code: channelClearingCode,
    currency: 'CNY',
    name: `Channel clearing: ${channel}`,
  });
}

export async function customerAccount(
  tx: Executor,
  clock: Clock,
  customerId: string,
  purpose: CustomerPurpose,
): Promise<Account> {
  const entry: ChartEntry = customerChart[purpose];
  return findOrCreate(tx, clock, {
    ownerType: 'customer',
    ownerId: customerId,
    purpose,
    ...entry,
    debitsMustNotExceedCredits: true,
  });
}

/**
 * Partner accounts: one per partner and purpose. A funder's payable (2210) holds what the platform has
 * collected for the funder and owes it (its share of principal and interest, docs/installment.md).
 */
export const partnerChart = {
  funder_payable: { code: 2210, currency: 'CNY', name: 'Funder payable' },
} as const satisfies Record<string, ChartEntry>;

export type PartnerPurpose = keyof typeof partnerChart;

export async function partnerAccount(
  tx: Executor,
  clock: Clock,
  partnerId: string,
  purpose: PartnerPurpose,
  label: string,
): Promise<Account> {
  const entry: ChartEntry = partnerChart[purpose];
  return findOrCreate(tx, clock, {
    ownerType: 'partner',
    ownerId: partnerId,
    purpose,
    ...entry,
    name: `${entry.name}: ${label}`,
  });
}
