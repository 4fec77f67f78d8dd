import { Button, List, Skeleton, Tag } from 'antd-mobile';
import { BankcardOutline, BillOutline, GiftOutline, LockOutline, TeamOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { PageHeader } from '../../components/PageHeader';
import { SignInEmptyState } from '../../components/SignInEmptyState';
import { useMoney } from '../../money';
import { useSession } from '../../session';
import { formatInstant } from '../../time-format';
import { useWallet, useWalletTransactions, type WalletTransaction } from '../../wallet-api';

const TYPES = [
  'top_up',
  'withdrawal',
  'transfer',
  'bill_split',
  'points_redemption',
  'cashback',
  'dispute_refund',
  'dispute_reversal',
  'bill_payment',
] as const;
type KnownType = (typeof TYPES)[number];
const isKnownType = (type: string): type is KnownType => (TYPES as readonly string[]).includes(type);
/** The money actions under the balance; the first is the main one. */
const ACTIONS = [
  { key: 'topUp', path: '/wallet/top-up', fill: 'solid' },
  { key: 'withdraw', path: '/wallet/withdraw', fill: 'outline' },
  { key: 'transfer', path: '/wallet/transfer', fill: 'outline' },
] as const;

/** The wallet's other services, under the balance, with their page, icon and accent colour. */
const SERVICES = [
  { key: 'cards', path: '/wallet/cards', Icon: BankcardOutline, color: '#1677ff', background: '#e9f2ff' },
  { key: 'splits', path: '/wallet/splits', Icon: TeamOutline, color: '#00a870', background: '#e5f7ef' },
  { key: 'statements', path: '/wallet/statements', Icon: BillOutline, color: '#7b61ff', background: '#f0edff' },
  { key: 'points', path: '/wallet/points', Icon: GiftOutline, color: '#ff6a00', background: '#fff1e6' },
  { key: 'security', path: '/wallet/security', Icon: LockOutline, color: '#d4380d', background: '#fff2e8' },
] as const;

/**
 * A rental deposit held on the wallet (payments' wallet hold): one line per hold, 冻结中 while held,
 * the part captured as a charge, the rest 已解冻 — never a second charge beside the hold.
 */
const DEPOSIT_HOLD = 'payments.deposit_hold';

/** The rental's own movements on the wallet (ledger codes `rental.*`), each with its label. */
const RENTAL_TYPES = ['first_payment_refunded', 'fault_credit_paid', 'dispute_credit'] as const;
const rentalTypeOf = (type: string): (typeof RENTAL_TYPES)[number] | null => {
  const suffix = type.startsWith('rental.') ? type.slice('rental.'.length) : '';
  return (RENTAL_TYPES as readonly string[]).includes(suffix) ? (suffix as (typeof RENTAL_TYPES)[number]) : null;
};
/** Lines that belong to a rental order: the history names the order and opens it. */
const isRentalLine = (tx: Pick<WalletTransaction, 'type' | 'reference'>) =>
  (tx.type === DEPOSIT_HOLD || tx.type.startsWith('rental.') || tx.type === 'bill_payment') &&
  (tx.reference ?? '').startsWith('rord_');

/** Types whose description the customer wrote (a note, a bill title); the others carry a server label. */
const USER_TEXT_TYPES = new Set(['transfer', 'bill_split', 'bill_payment']);

/** The page of what a history line records, when it has one: its top-up, bill split or bill. */
export function detailPath(tx: Pick<WalletTransaction, 'type' | 'reference'>): string | null {
  const ref = tx.reference;
  if (ref === null || ref === '') return null;
  const id = encodeURIComponent(ref);
  if (tx.type === 'top_up') return `/wallet/top-up/${id}`; // the payment's id; the top-up page reads by it
  if (tx.type === 'bill_split') return `/wallet/splits/${id}`;
  if (tx.type === 'bill_payment' && ref.startsWith('bill_')) return `/bills/${id}`;
  if (isRentalLine(tx)) return `/rentals/${id}`; // a deposit held, a first payment paid or given back
  return null;
}

export function WalletPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <PageHeader title={t('wallet.title')} />
      {session ? (
        <WalletContent />
      ) : (
        <SignInEmptyState
          title={t('wallet.emptyTitle')}
          description={t('wallet.emptyDescription')}
          signedInTitle={t('account.signedInEmpty.walletTitle')}
          signedInDescription={t('account.signedInEmpty.walletDescription')}
        />
      )}
    </>
  );
}

function WalletContent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const money = useMoney();
  const wallet = useWallet();
  const history = useWalletTransactions();
  const rows = history.data?.pages.flatMap((page) => page.data) ?? [];
  const label = (tx: WalletTransaction) => {
    if (tx.type === DEPOSIT_HOLD)
      return t(tx.status === 'completed' ? 'wallet.history.depositCaptured' : 'wallet.history.depositHold');
    if (isKnownType(tx.type)) return t(`wallet.history.types.${tx.type}`);
    const rental = rentalTypeOf(tx.type);
    return rental === null ? t('wallet.history.types.other') : t(`wallet.history.rentalTypes.${rental}`);
  };
  const statusText = (tx: WalletTransaction) =>
    tx.type === DEPOSIT_HOLD && tx.status !== 'completed'
      ? t(tx.status === 'held' ? 'wallet.history.depositHeld' : 'wallet.history.depositReleased')
      : t(`wallet.history.statuses.${tx.status}`);

  return (
    <div className="wallet-page">
      {/* The balance that did not load: the error screen in its place (one per page: its retry also
          retries the history when that failed too). */}
      {wallet.error && (
        <ErrorState
          title={t('wallet.balance.loadFailed')}
          error={wallet.error}
          onRetry={() => {
            void wallet.refetch();
            if (history.error) void history.refetch();
          }}
          retryLabel={t('wallet.balance.retry')}
        />
      )}
      {(wallet.isPending || wallet.data) && (
        <section className="wallet-balance" data-testid="wallet-balance">
          {wallet.isPending && <Skeleton.Paragraph lineCount={2} animated />}
          {wallet.data && (
            <>
              <div className="wallet-balance-label">{t('wallet.balance.available')}</div>
              <div className="wallet-balance-amount" data-testid="wallet-available">
                {money(wallet.data.availableMinor)}
              </div>
              {/* The holds told apart: money on its way to a card, and a rental deposit that comes
                  back after the return — one sum would read as money gone. */}
              <div className="wallet-balance-row">
                <span>
                  {t('wallet.balance.pending')}{' '}
                  <strong data-testid="wallet-pending">{money(wallet.data.heldForWithdrawalsMinor)}</strong>
                </span>
                {wallet.data.heldForDepositsMinor > 0 && (
                  <span>
                    {t('wallet.balance.depositsHeld')}{' '}
                    <strong data-testid="wallet-deposits-held">{money(wallet.data.heldForDepositsMinor)}</strong>
                  </span>
                )}
                <span>
                  {t('wallet.balance.points')} <strong>{wallet.data.points}</strong>
                </span>
              </div>
            </>
          )}
        </section>
      )}
      <div className="wallet-actions">
        {ACTIONS.map(({ key, path, fill }) => (
          <Button
            key={key}
            color="primary"
            fill={fill}
            shape="rounded"
            onClick={() => navigate(path)}
            data-testid={`wallet-${path.split('/')[2]}`}
          >
            {t(`wallet.actions.${key}`)}
          </Button>
        ))}
      </div>
      <nav className="card wallet-services" aria-label={t('wallet.services.label')}>
        {SERVICES.map(({ key, path, Icon, color, background }) => (
          <button
            key={key}
            type="button"
            className="quick-entry"
            onClick={() => navigate(path)}
            data-testid={`wallet-${key}`}
          >
            <span className="quick-entry-icon" style={{ color, background }}>
              <Icon />
            </span>
            <span className="quick-entry-label">{t(`wallet.services.${key}`)}</span>
          </button>
        ))}
      </nav>
      <List mode="card" header={t('wallet.history.title')} data-testid="wallet-history">
        {history.isPending && (
          <List.Item>
            <Skeleton.Paragraph lineCount={3} animated />
          </List.Item>
        )}
        {history.data && rows.length === 0 && <List.Item>{t('wallet.history.empty')}</List.Item>}
        {rows.map((tx) => {
          const path = detailPath(tx);
          const item = {
            description: `${formatInstant(tx.createdAt)}${tx.description && USER_TEXT_TYPES.has(tx.type) ? ` · ${tx.description}` : ''}${isRentalLine(tx) && tx.type !== 'bill_payment' ? ` · ${t('wallet.history.rentalOrder')} ${tx.reference ?? ''}` : ''}`,
            extra: (
              <span
                className={
                  tx.status === 'released'
                    ? 'wallet-amount-released'
                    : tx.direction === 'in'
                      ? 'wallet-amount-in'
                      : 'wallet-amount-out'
                }
              >
                {tx.direction === 'in' ? '+' : '−'}
                {money(tx.amountMinor)}
              </span>
            ),
            children: (
              <>
                {label(tx)}{' '}
                {tx.status !== 'completed' && (
                  <Tag color={tx.status === 'held' ? 'warning' : 'default'} fill="outline">
                    {statusText(tx)}
                  </Tag>
                )}
              </>
            ),
          };
          // A line with a page of its own (the top-up, the bill split, the bill paid) is a link to it.
          return path === null ? (
            <List.Item key={`${tx.id}-${tx.direction}`} {...item} />
          ) : (
            <LinkItem key={`${tx.id}-${tx.direction}`} to={path} data-testid={`wallet-line-${tx.type}`} {...item} />
          );
        })}
      </List>
      {history.error && !wallet.error && (
        <ErrorState
          title={t('wallet.balance.loadFailed')}
          error={history.error}
          onRetry={() => void history.refetch()}
          retryLabel={t('wallet.balance.retry')}
        />
      )}
      <div className="wallet-more">
        {history.hasNextPage ? (
          <Button
            size="small"
            loading={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
            data-testid="wallet-load-more"
          >
            {t('wallet.history.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <span>{t('wallet.history.end')}</span>
        )}
      </div>
    </div>
  );
}
