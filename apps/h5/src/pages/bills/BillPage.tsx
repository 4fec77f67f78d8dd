import { parseMajor } from '@zulin/kernel';
import { Button, Form, Input, List, Popup, Skeleton, Tag, Toast } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorCode } from '../../api';
import { type Bill, type BillChannel, useBill, usePayBill, usePayBillByChannel } from '../../bills-api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { formatDate, formatInstant } from '../../time-format';
import { useWallet } from '../../wallet-api';
import { parseYuan } from '../wallet/wallet-errors';
import { BillHelp } from './BillHelp';
import { billErrorMessage, billStatusText, statusColor } from './bill-format';

export function BillPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const bill = useBill(id, search.get('from') === 'cashier');
  const wallet = useWallet();
  const pay = usePayBill(id);
  const payByChannel = usePayBillByChannel(id);
  /** Alipay or WeChat Pay: the cashier, which comes back to this bill when the payment is decided. */
  const payAt = (method: BillChannel) =>
    payByChannel.mutate(method, {
      onSuccess: (result) => {
        if (!result.channelPayment) return;
        navigate(`/cashier/${result.channelPayment.id}?back=${encodeURIComponent(`/bills/${id}?from=cashier`)}`);
      },
      onError: (error) => Toast.show({ icon: 'fail', content: billErrorMessage(t, error) }),
    });
  const [paying, setPaying] = useState(false);
  const [partial, setPartial] = useState(false);
  const [form] = Form.useForm<{ amount: string }>();

  const submit = (amountMinor: number | undefined) =>
    pay.mutate(amountMinor, {
      onSuccess: (result) => {
        setPaying(false);
        setPartial(false);
        form.resetFields();
        // This page pays from the wallet, which answers with the payment made at once.
        if (result.payment) {
          Toast.show({
            icon: 'success',
            content: t('bills.pay.succeeded', { amount: money(result.payment.amountMinor) }),
          });
        }
      },
      onError: (error) => {
        Toast.show({ icon: 'fail', content: billErrorMessage(t, error) });
        if (errorCode(error) === 'BILLING_BILL_SETTLED') void bill.refetch();
      },
    });

  const b = bill.data;
  const unpaid = b && (b.status === 'open' || b.status === 'overdue');
  return (
    <SubPage title={t('bills.detail.title')} fallback="/bills">
      {bill.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {bill.error && (
        <ErrorState
          title={t('bills.loadFailed')}
          error={bill.error}
          onRetry={() => void bill.refetch()}
          retryLabel={t('bills.retry')}
          retryTestId="bill-retry"
        />
      )}
      {/* A bill that does not load still offers 联系客服, as the list does. */}
      {bill.error && <BillHelp testId="bill-contact-support" />}
      {b && (
        <>
          <section className="bill-head" data-testid="bill-head">
            <div className="bill-head-title">{b.title}</div>
            <Tag color={statusColor[b.status]} data-testid="bill-status">
              {billStatusText(t, b)}
            </Tag>
            <div className="bill-head-label">{unpaid ? t('bills.detail.outstanding') : t('bills.detail.amount')}</div>
            <div className="bill-head-amount" data-testid="bill-outstanding">
              {money(unpaid ? b.outstandingMinor : b.amountMinor)}
            </div>
            <div className="bill-head-meta">
              {b.daysOverdue > 0
                ? t('bills.daysOverdue', { days: b.daysOverdue })
                : t('bills.due', { date: formatDate(b.dueDate) })}
              {b.paidMinor > 0 && ` · ${t('bills.detail.paid', { amount: money(b.paidMinor) })}`}
              {b.waivedMinor > 0 &&
                ` · ${t(b.withdrawn ? 'bills.detail.withdrawn' : 'bills.detail.waived', { amount: money(b.waivedMinor) })}`}
            </div>
          </section>
          <List mode="card" header={t('bills.detail.lines')}>
            {b.lines.map((line) => (
              <List.Item
                key={line.position}
                description={t(`bills.kinds.${line.kind}`)}
                extra={
                  <div className="bill-line-amount" data-testid={`bill-line-${line.position}`}>
                    {/* Struck through when settled by payment or waiver; a withdrawn bill's lines were cancelled, not settled. */}
                    <span className={line.outstandingMinor === 0 && !b.withdrawn ? 'bill-line-settled' : undefined}>
                      {money(line.amountMinor)}
                    </span>
                    {/* Paid and waived read differently: a waived line was not paid by anyone. */}
                    {(line.paidMinor > 0 || line.waivedMinor > 0) && (
                      <div className="bill-line-state">
                        {[
                          line.paidMinor > 0 && t('bills.detail.paid', { amount: money(line.paidMinor) }),
                          line.waivedMinor > 0 &&
                            t(b.withdrawn ? 'bills.detail.withdrawn' : 'bills.detail.waived', {
                              amount: money(line.waivedMinor),
                            }),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </div>
                    )}
                  </div>
                }
              >
                {line.description}
              </List.Item>
            ))}
          </List>
          {b.waivedMinor > 0 && (
            <div className="bill-note" data-testid="bill-waived-note">
              {b.withdrawn
                ? withdrawnNote(t, b, money(b.waivedMinor))
                : t('bills.detail.waivedNote', { amount: money(b.waivedMinor) })}
            </div>
          )}
          {b.payments.length > 0 && (
            <List mode="card" header={t('bills.detail.payments')} data-testid="bill-payments">
              {b.payments.map((p) => (
                <List.Item
                  key={p.id}
                  description={formatInstant(p.createdAt)}
                  extra={<span className="wallet-amount-out">{money(p.amountMinor)}</span>}
                >
                  {p.method === 'wallet'
                    ? t('bills.detail.paidBy.wallet')
                    : p.method === 'alipay'
                      ? t('wallet.cashier.alipay')
                      : t('wallet.cashier.wechatpay')}
                </List.Item>
              ))}
            </List>
          )}
          {unpaid && (
            <>
              <div className="bill-note">{t('bills.detail.allocationHint')}</div>
              <div className="wallet-result-actions">
                <Button block color="primary" shape="rounded" onClick={() => setPaying(true)} data-testid="bill-pay">
                  {t('bills.pay.title')}
                </Button>
                {(['alipay', 'wechatpay'] as const).map((method) => (
                  <Button
                    key={method}
                    block
                    shape="rounded"
                    loading={payByChannel.isPending && payByChannel.variables === method}
                    onClick={() => payAt(method)}
                    data-testid={`bill-pay-${method}`}
                  >
                    {method === 'alipay'
                      ? t('bills.pay.byAlipay', { amount: money(b.outstandingMinor) })
                      : t('bills.pay.byWechatpay', { amount: money(b.outstandingMinor) })}
                  </Button>
                ))}
              </div>
            </>
          )}
          <Popup visible={paying} onMaskClick={() => setPaying(false)} bodyClassName="bill-pay-popup">
            <div className="bill-pay-title">{t('bills.pay.title')}</div>
            {wallet.data && (
              <div className="bill-pay-available" data-testid="bill-pay-available">
                {t('bills.pay.available', { amount: money(wallet.data.availableMinor) })}
              </div>
            )}
            {!partial ? (
              <div className="wallet-result-actions">
                <Button
                  block
                  color="primary"
                  shape="rounded"
                  loading={pay.isPending}
                  onClick={() => submit(undefined)}
                  data-testid="bill-pay-full"
                >
                  {t('bills.pay.full', { amount: money(b.outstandingMinor) })}
                </Button>
                <Button block fill="outline" shape="rounded" onClick={() => setPartial(true)}>
                  {t('bills.pay.part')}
                </Button>
                {wallet.data && wallet.data.availableMinor < b.outstandingMinor && (
                  <Button block fill="none" onClick={() => navigate('/wallet/top-up')}>
                    {t('bills.pay.topUp')}
                  </Button>
                )}
              </div>
            ) : (
              <Form
                form={form}
                layout="vertical"
                onFinish={(values) => submit(parseYuan(values.amount, parseMajor) ?? undefined)}
                footer={
                  <Button block type="submit" color="primary" shape="rounded" loading={pay.isPending}>
                    {t('bills.pay.confirm')}
                  </Button>
                }
              >
                <Form.Item
                  name="amount"
                  label={t('bills.pay.amount')}
                  rules={[
                    {
                      validator: async (_, value: string | undefined) => {
                        const minor = parseYuan(value ?? '', parseMajor);
                        if (minor === null || minor > b.outstandingMinor) {
                          throw new Error(t('bills.pay.amountInvalid', { max: money(b.outstandingMinor) }));
                        }
                      },
                    },
                  ]}
                >
                  <Input inputMode="decimal" placeholder="0.00" data-testid="bill-pay-amount" />
                </Form.Item>
              </Form>
            )}
          </Popup>
          <BillHelp testId="bill-contact-support" />
        </>
      )}
    </SubPage>
  );
}

/** Why the bill was cancelled, in the customer's words: its order cancelled, or an after-sale they gave up. */
function withdrawnNote(t: TFunction, b: Bill, amount: string): string {
  const kind = b.withdrawReason?.params.kind;
  if (
    b.withdrawReason?.code === 'rental_after_sale_abandoned' &&
    (kind === 'buyout' || kind === 'return' || kind === 'renewal')
  )
    return t('bills.detail.withdrawnAfterSaleNote', { amount, kind: t(`bills.detail.afterSaleKinds.${kind}`) });
  return t('bills.detail.withdrawnNote', { amount });
}
