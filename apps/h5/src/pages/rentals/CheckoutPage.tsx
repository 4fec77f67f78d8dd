// H5 checkout (issue #14): the SKU picked on the product page, the plan (term), the plan's add-ons, a
// coupon choice (my usable coupons, each with what it takes off this quote), the delivery address (the rules
// of logistics' checkAddress), the quote with every line, the risk pre-check and the deposit (waived
// part and held part), then the order is placed with an Idempotency-Key and the customer goes on to
// sign the contract (the contract page) and pay (the order page → the cashier).
import { Button, Checkbox, ErrorBlock, Form, NoticeBar, Selector, Skeleton, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../account-api';
import { errorCode, ProblemError } from '../../api';
import { type Plan, type Sku, useProduct, useSkuPlans } from '../../catalog-api';
import {
  ADDRESS_FIELDS,
  type AddressField,
  AddressFields,
  type AddressValues,
  toAddress,
} from '../../components/AddressFields';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMyCoupons } from '../../coupons-api';
import { useMoney } from '../../money';
import {
  type AddOnCode,
  type RentalAddress,
  type RentalQuote,
  useCheckoutQuote,
  usePickupStores,
  usePlaceRental,
} from '../../rentals-api';
import { useCouponTerms } from '../coupons/CouponsPage';
import { formatDate, rentalErrorMessage } from './rental-format';
import './rentals.css';

function TermText({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <>
      {plan.termUnit === 'day'
        ? t('catalog.product.termDays', { count: plan.termCount })
        : t('catalog.product.termMonths', { count: plan.termCount })}
    </>
  );
}

function PlanChoice({ plans, plan, onChange }: { plans: Plan[]; plan: Plan; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <section className="card" data-testid="checkout-plan">
      <h2 className="card-title">{t('rentals.checkout.plan')}</h2>
      <Selector
        columns={3}
        showCheckMark={false}
        value={[plan.id]}
        onChange={(v) => v[0] && onChange(v[0])}
        options={plans.map((p) => ({
          value: p.id,
          label: <TermText plan={p} />,
          description: `${money(p.rentMinor)}${p.termUnit === 'day' ? t('catalog.product.perPeriodDay') : t('catalog.product.perPeriodMonth')}`,
        }))}
      />
    </section>
  );
}

function AddOnChoice({
  plan,
  chosen,
  onChange,
}: {
  plan: Plan;
  chosen: AddOnCode[];
  onChange: (codes: AddOnCode[]) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  if (plan.addOns.length === 0) return null;
  return (
    <section className="card" data-testid="checkout-addons">
      <h2 className="card-title">{t('rentals.checkout.addOns')}</h2>
      <Checkbox.Group value={chosen} onChange={(v) => onChange(v as AddOnCode[])}>
        {plan.addOns.map((addOn) => (
          <div key={addOn.code} className="checkout-addon">
            <Checkbox value={addOn.code} data-testid={`addon-${addOn.code}`}>
              {t(`catalog.product.addOns.${addOn.code}`)}{' '}
              <span className="muted">
                {t(`catalog.product.addOnPer.${addOn.per}`, { price: money(addOn.priceMinor) })}
              </span>
            </Checkbox>
          </div>
        ))}
      </Checkbox.Group>
    </section>
  );
}

/** My usable coupons to pick from; each chosen one shows what it takes off this quote. */
function CouponField({
  chosen,
  onChange,
  quote,
}: {
  chosen: string[];
  onChange: (codes: string[]) => void;
  quote: RentalQuote | undefined;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const terms = useCouponTerms();
  const coupons = useMyCoupons();
  const usable = (coupons.data?.data ?? []).filter((c) => c.state === 'available' && c.unusableReason === null);
  const taken = (code: string) => quote?.discounts.find((d) => d.code === code)?.amountMinor;
  return (
    <section className="card" data-testid="checkout-coupon">
      <h2 className="card-title">{t('rentals.checkout.coupon')}</h2>
      {usable.length === 0 ? (
        <p className="summary-note">{t('coupons.checkout.none')}</p>
      ) : (
        <>
          <Selector
            columns={1}
            multiple
            value={chosen}
            onChange={onChange}
            options={usable.map((c) => {
              const amount = taken(c.id);
              return {
                value: c.id,
                label: c.name,
                description: `${terms(c)}${amount !== undefined ? ` · ${t('coupons.checkout.line', { amount: money(amount) })}` : ''}`,
              };
            })}
            data-testid="checkout-coupon-options"
          />
          {usable.length > 1 && <p className="summary-note">{t('coupons.checkout.hint')}</p>}
        </>
      )}
    </section>
  );
}

function PreCheckLine({ outcome }: { outcome: string | undefined }) {
  const { t } = useTranslation();
  if (outcome === undefined) return null;
  const key =
    outcome === 'approve'
      ? 'approve'
      : outcome === 'reject'
        ? 'reject'
        : outcome === 'review' || outcome === 'block_and_review'
          ? 'review'
          : 'other';
  return (
    <div data-testid="checkout-precheck">
      <NoticeBar
        wrap
        color={key === 'approve' ? 'success' : key === 'reject' ? 'alert' : 'info'}
        content={t(`rentals.checkout.preCheck.${key}`)}
      />
    </div>
  );
}

/** Every line of the quote, the deposit split into the waived part and the part held, and the dates. */
export function QuoteLines({ quote, termUnit }: { quote: RentalQuote; termUnit: 'day' | 'month' }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rows: { key: string; label: string; value: string; strong?: boolean }[] = [
    { key: 'rent', label: t('rentals.quote.rent'), value: money(quote.rentMinor) },
    {
      key: 'upfront',
      label:
        termUnit === 'day'
          ? t('rentals.quote.upfrontDays', { count: quote.upfrontPeriods })
          : t('rentals.quote.upfrontMonths', { count: quote.upfrontPeriods }),
      value: money(quote.upfrontMinor),
    },
    { key: 'addOns', label: t('rentals.quote.addOns'), value: money(quote.addOnsMinor) },
    { key: 'shipping', label: t('rentals.quote.shipping'), value: money(quote.shippingMinor) },
    { key: 'discount', label: t('rentals.quote.discount'), value: `−${money(quote.discountMinor)}` },
    { key: 'first', label: t('rentals.quote.firstPayment'), value: money(quote.firstPaymentMinor), strong: true },
    { key: 'totalRent', label: t('rentals.quote.totalRent'), value: money(quote.totalRentMinor) },
    { key: 'buyout', label: t('rentals.quote.buyoutAtEnd'), value: money(quote.buyoutAtEndMinor) },
  ];
  const waived = quote.depositWaivedMinor;
  const held = quote.depositToHoldMinor;
  return (
    <section className="card" data-testid="checkout-quote">
      <h2 className="card-title">{t('rentals.quote.title')}</h2>
      <dl className="summary">
        {rows.map((row) => (
          <div key={row.key} className={`summary-row ${row.strong ? 'summary-row-strong' : ''}`}>
            <dt>{row.label}</dt>
            <dd data-testid={`quote-${row.key}`}>{row.value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="checkout-subtitle">{t('rentals.quote.deposit')}</h3>
      <dl className="summary">
        <div className="summary-row">
          <dt>{t('rentals.quote.depositFull')}</dt>
          <dd data-testid="quote-deposit">{money(quote.depositMinor)}</dd>
        </div>
        {waived !== undefined && held !== undefined && (
          <>
            <div className="summary-row">
              <dt>{t('rentals.quote.depositWaived')}</dt>
              <dd data-testid="quote-deposit-waived">−{money(waived)}</dd>
            </div>
            <div className="summary-row summary-row-strong">
              <dt>{t('rentals.quote.depositHeld')}</dt>
              <dd data-testid="quote-deposit-held">{money(held)}</dd>
            </div>
          </>
        )}
      </dl>
      <p className="summary-note">
        {waived === undefined || held === undefined
          ? t('rentals.quote.depositSignIn')
          : held === 0
            ? t('rentals.quote.depositAllWaived', { waived: money(waived) })
            : t('rentals.quote.depositExplained', { waived: money(waived), held: money(held) })}
      </p>
      <p className="summary-note">
        {t('rentals.quote.schedule', {
          start: formatDate(quote.startDate),
          end: formatDate(quote.endDate),
          count: quote.schedule.length,
        })}
      </p>
    </section>
  );
}

function IdentityPrompt({ redirect }: { redirect: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ErrorBlock
      status="default"
      title={t('rentals.checkout.verifyTitle')}
      description={t('rentals.checkout.verifyHint')}
    >
      <Button
        color="primary"
        shape="rounded"
        onClick={() => navigate(`/me/identity?redirect=${encodeURIComponent(redirect)}`)}
        data-testid="checkout-verify"
      >
        {t('rentals.checkout.verify')}
      </Button>
    </ErrorBlock>
  );
}

type Delivery = 'home' | 'store';

/** 快递到家 or 门店自提 (a store of GET /v1/pickup-stores, with its address and hours). */
function DeliveryChoice({
  delivery,
  storeCode,
  onChange,
}: {
  delivery: Delivery;
  storeCode: string | null;
  onChange: (delivery: Delivery, storeCode: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const stores = usePickupStores(delivery === 'store');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <section className="card" data-testid="checkout-delivery">
      <h2 className="card-title">{t('rentals.checkout.delivery')}</h2>
      <Selector
        columns={2}
        value={[delivery]}
        onChange={(v) => v[0] && onChange(v[0], v[0] === 'home' ? null : storeCode)}
        options={[
          {
            value: 'home' as const,
            label: t('rentals.checkout.deliveryHome'),
            description: t('rentals.checkout.deliveryHomeNote'),
          },
          {
            value: 'store' as const,
            label: t('rentals.checkout.deliveryStore'),
            description: t('rentals.checkout.deliveryStoreNote'),
          },
        ]}
        data-testid="delivery-choice"
      />
      {delivery === 'store' && (
        <>
          <h3 className="card-title">{t('rentals.checkout.store')}</h3>
          {stores.isPending && <Skeleton.Paragraph lineCount={3} animated />}
          {stores.data && (
            <Selector
              columns={1}
              value={storeCode ? [storeCode] : []}
              onChange={(v) => onChange('store', v[0] ?? null)}
              options={stores.data.data.map((store) => ({
                value: store.code,
                label: store.name[lang],
                description: `${store.addressLine} · ${t('rentals.checkout.storeHours', { open: store.openHour, close: store.closeHour })}`,
              }))}
              data-testid="store-choice"
            />
          )}
          <p className="muted">{t('rentals.checkout.storeRule')}</p>
        </>
      )}
    </section>
  );
}

function CheckoutForm({ productName, sku, plans }: { productName: string; sku: Sku; plans: Plan[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const money = useMoney();
  const [search, setSearch] = useSearchParams();
  const plan = plans.find((p) => p.id === search.get('plan')) ?? plans.find((p) => p.term === '12m') ?? plans[0];
  const [addOns, setAddOns] = useState<AddOnCode[]>([]);
  const [couponCodes, setCouponCodes] = useState<string[]>([]);
  const [delivery, setDelivery] = useState<Delivery>('home');
  const [storeCode, setStoreCode] = useState<string | null>(null);
  const [form] = Form.useForm<AddressValues>();
  const input = useMemo(
    () =>
      plan
        ? {
            skuId: sku.id,
            planId: plan.id,
            addOns: addOns.filter((c) => plan.addOns.some((a) => a.code === c)),
            couponCodes,
          }
        : null,
    [sku.id, plan, addOns, couponCodes],
  );
  const quote = useCheckoutQuote(input);
  const place = usePlaceRental();
  if (!plan || !input) return <ErrorBlock status="empty" title={t('catalog.product.noPlans')} description="" />;

  const submit = (values: AddressValues) => {
    if (delivery === 'store' && storeCode === null) {
      Toast.show({ icon: 'fail', content: t('rentals.checkout.storeRequired') });
      return;
    }
    const address: RentalAddress = toAddress(values);
    place.mutate(
      {
        ...input,
        address,
        ...(delivery === 'store' && storeCode ? { pickupStoreCode: storeCode } : {}),
      },
      {
        onSuccess: (order) => {
          const back = `/rentals/${order.id}`;
          if (order.actions.includes('sign') && order.contractId) {
            // Back from signing with `from=sign`: the order page asks again until the signature is
            // applied (a subscriber moves the order a moment later; a first read may still say 待签约).
            const signedBack = `${back}?from=sign`;
            navigate(`/contracts/${order.contractId}?back=${encodeURIComponent(signedBack)}`, { replace: true });
          } else navigate(back, { replace: true });
        },
        onError: (error) => {
          if (error instanceof ProblemError && error.problem.errors?.length) {
            form.setFields(
              error.problem.errors
                .map((e) => ({ field: ADDRESS_FIELDS.find((f) => e.path.endsWith(`/${f}`)), message: e.message }))
                .filter((e): e is { field: AddressField; message: string } => e.field !== undefined)
                .map((e) => ({ name: e.field, errors: [t('rentals.checkout.addressInvalid')] })),
            );
          }
          Toast.show({ icon: 'fail', content: rentalErrorMessage(t, error) });
          if (errorCode(error) === 'RENTAL_OUT_OF_STOCK') void quote.refetch();
        },
      },
    );
  };

  return (
    <>
      <section className="card" data-testid="checkout-product">
        <h2 className="card-title">{productName}</h2>
        <p className="muted">
          {sku.storageLabel} · {sku.colour} · {t(`catalog.conditions.${sku.condition}`)}
        </p>
      </section>
      <PlanChoice
        plans={plans}
        plan={plan}
        onChange={(id) => {
          setSearch(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set('plan', id);
              return next;
            },
            { replace: true },
          );
          setAddOns([]);
        }}
      />
      <AddOnChoice plan={plan} chosen={addOns} onChange={setAddOns} />
      <CouponField chosen={couponCodes} onChange={setCouponCodes} quote={quote.data} />
      <DeliveryChoice
        delivery={delivery}
        storeCode={storeCode}
        onChange={(d, code) => {
          setDelivery(d);
          setStoreCode(code);
        }}
      />
      <section className="card" data-testid="checkout-address">
        <h2 className="card-title">
          {delivery === 'store' ? t('rentals.checkout.contactForStore') : t('rentals.checkout.address')}
        </h2>
        <Form form={form} layout="horizontal" className="checkout-form">
          <AddressFields />
        </Form>
      </section>
      {quote.isPending && <Skeleton.Paragraph lineCount={6} animated />}
      {quote.error && <ErrorBlock status="default" title={rentalErrorMessage(t, quote.error)} description="" />}
      {quote.data && (
        <>
          <PreCheckLine outcome={quote.data.preCheck?.outcome} />
          <QuoteLines quote={quote.data} termUnit={plan?.termUnit === 'day' ? 'day' : 'month'} />
        </>
      )}
      <p className="summary-note checkout-next">{t('rentals.checkout.next')}</p>
      <footer className="product-bar">
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          loading={place.isPending}
          disabled={!quote.data}
          onClick={() => {
            form
              .validateFields()
              .then(submit)
              .catch(() => Toast.show({ icon: 'fail', content: t('rentals.checkout.addressInvalid') }));
          }}
          data-testid="checkout-submit"
        >
          {quote.data
            ? t('rentals.checkout.submit', { amount: money(quote.data.firstPaymentMinor) })
            : t('rentals.checkout.submitPlain')}
        </Button>
      </footer>
    </>
  );
}

export function CheckoutPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const me = useMe();
  const product = useProduct(id);
  const skuId = search.get('sku') ?? undefined;
  const sku = product.data?.skus.find((s) => s.id === skuId && s.active);
  const plans = useSkuPlans(sku?.id);
  const here = `/products/${id}/rent?${search.toString()}`;
  const name = product.data
    ? `${i18n.language === 'en' ? product.data.brandName : product.data.brandNameZh} ${product.data.model}`
    : '';
  const verified = me.data?.identity.status === 'verified';
  return (
    <SubPage title={t('rentals.checkout.title')} fallback={`/products/${id}`}>
      {(me.isPending || product.isPending || (sku && plans.isPending)) && (
        <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />
      )}
      {/* A phone no longer offered is a state of the catalogue, not a failure: no 反馈问题. */}
      {product.error && (
        <ErrorState
          notFound={{ code: 'CATALOG_PRODUCT_NOT_FOUND', title: t('catalog.product.notFound') }}
          title={t('catalog.home.loadFailed')}
          error={product.error}
          onRetry={() => void product.refetch()}
          retryLabel={t('catalog.home.retry')}
        />
      )}
      {product.data && !sku && <ErrorBlock status="empty" title={t('rentals.checkout.noSku')} description="" />}
      {/* Whether the customer is verified, and the plans of the version: without either there is nothing
          to order, so the error screen says which, with a retry (not a blank page). */}
      {me.error && (
        <ErrorState
          title={t('rentals.checkout.customerLoadFailed')}
          error={me.error}
          onRetry={() => void me.refetch()}
          retryLabel={t('catalog.home.retry')}
          retryTestId="checkout-me-retry"
        />
      )}
      {me.data && verified && sku && plans.error && (
        <ErrorState
          title={t('rentals.checkout.plansLoadFailed')}
          error={plans.error}
          onRetry={() => void plans.refetch()}
          retryLabel={t('catalog.home.retry')}
          retryTestId="checkout-plans-retry"
        />
      )}
      {me.data && !verified && <IdentityPrompt redirect={here} />}
      {me.data && verified && sku && plans.data && (
        <div className="checkout">
          <CheckoutForm productName={name} sku={sku} plans={plans.data} />
        </div>
      )}
    </SubPage>
  );
}
