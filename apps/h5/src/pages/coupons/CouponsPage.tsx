// 我的优惠券: redeem a code, and my coupons with their state (可用 / 已使用 / 已过期) and why one
// cannot be used.

import { keysOf } from '@zulin/web';
import { Button, ErrorBlock, Input, Skeleton, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { type Coupon, type CouponState, useMyCoupons, useRedeemCoupon } from '../../coupons-api';
import { useMoney } from '../../money';

const STATE_COLOURS: Record<CouponState, 'success' | 'default' | 'warning'> = {
  available: 'success',
  used: 'default',
  expired: 'warning',
};
export const COUPON_STATES = keysOf(STATE_COLOURS);

/** What a coupon takes off, as a customer reads it ("满¥300.00减¥50.00"). */
export function useCouponTerms(): (coupon: Coupon) => string {
  const { t } = useTranslation();
  const money = useMoney();
  return (c) =>
    c.kind === 'percent'
      ? c.capMinor === null
        ? t('coupons.terms.percent', { percent: c.percentBps / 100 })
        : t('coupons.terms.percentCap', { percent: c.percentBps / 100, cap: money(c.capMinor) })
      : c.kind === 'free_days'
        ? t('coupons.terms.freeDays', { days: c.freeDays })
        : c.thresholdMinor > 0
          ? t('coupons.terms.threshold', { threshold: money(c.thresholdMinor), amount: money(c.amountMinor) })
          : t('coupons.terms.fixed', { amount: money(c.amountMinor) });
}

export function CouponsPage() {
  const { t } = useTranslation();
  const coupons = useMyCoupons();
  const redeem = useRedeemCoupon();
  const terms = useCouponTerms();
  const [code, setCode] = useState('');
  const rows = coupons.data?.data ?? [];
  const submit = () =>
    redeem.mutate(code.trim(), {
      onSuccess: (coupon) => {
        Toast.show({ icon: 'success', content: t('coupons.redeemed', { name: coupon.name }) });
        setCode('');
      },
      onError: (error) => {
        const problem = errorCode(error);
        Toast.show({
          icon: 'fail',
          content: problem?.startsWith('MARKETING_')
            ? t(`coupons.errors.${problem}` as 'coupons.errors.MARKETING_COUPON_NOT_FOUND')
            : t('coupons.redeemFailed'),
        });
      },
    });
  return (
    <SubPage title={t('coupons.title')} fallback="/me">
      <section className="card" data-testid="coupon-redeem">
        <h2 className="card-title">{t('coupons.redeemTitle')}</h2>
        <Input
          value={code}
          onChange={(v) => setCode(v.toUpperCase())}
          placeholder={t('coupons.codePlaceholder')}
          maxLength={32}
          clearable
          data-testid="coupon-code"
        />
        <Button
          block
          color="primary"
          style={{ marginTop: 12 }}
          disabled={code.trim().length === 0}
          loading={redeem.isPending}
          onClick={submit}
          data-testid="coupon-redeem-submit"
        >
          {t('coupons.redeem')}
        </Button>
      </section>
      {coupons.isPending && <Skeleton.Paragraph lineCount={4} animated className="page-skeleton" />}
      {coupons.error && (
        <ErrorState title={t('coupons.loadFailed')} error={coupons.error} onRetry={() => void coupons.refetch()} />
      )}
      {coupons.data && rows.length === 0 && <ErrorBlock status="empty" title={t('coupons.empty')} description="" />}
      <div data-testid="my-coupons">
        {rows.map((c) => (
          <section key={c.id} className="card" data-testid="coupon-entry">
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <strong>{c.name}</strong>
              <Tag color={STATE_COLOURS[c.state]}>{t(`coupons.states.${c.state}`)}</Tag>
            </div>
            <div data-testid="coupon-terms">{terms(c)}</div>
            <div className="muted">
              {t('coupons.validity', { from: c.validFromDate, to: c.validToDate })}
              {c.firstOrderOnly ? ` · ${t('coupons.firstOrderOnly')}` : ''}
              {c.stackable ? ` · ${t('coupons.stackable')}` : ''}
            </div>
            {c.unusableReason !== null && c.unusableReason !== 'used' && (
              <div className="muted">{t(`coupons.reasons.${c.unusableReason}`)}</div>
            )}
          </section>
        ))}
      </div>
    </SubPage>
  );
}
