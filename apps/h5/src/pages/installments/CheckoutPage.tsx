// Checkout for an installment purchase, from the product page's calculator: the plan the customer
// picked, the annualised rate (IRR, all fees included) first and largest, the down payment, the
// totals and the whole schedule — all computed by the server — then the delivery address and applying. The order then asks
// for the contract to be signed (the contracts' signing page) and the down payment paid (the cashier).
import { Button, ErrorBlock, Form, NoticeBar, Skeleton, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useSystemStatus } from '../../api';
import { useProduct, useSkuOffers } from '../../catalog-api';
import { AddressFields, type AddressValues, toAddress } from '../../components/AddressFields';
import { SubPage } from '../../components/SubPage';
import { type QuoteTerms, useInstallmentQuote, usePlaceInstallmentOrder } from '../../installment-api';
import { useMoney } from '../../money';
import { percent2, ScheduleTable } from '../catalog/InstallmentCalculator';
import { installmentErrorMessage } from './installment-format';

export function CheckoutPage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const productId = search.get('product') ?? '';
  const skuId = search.get('sku') ?? '';
  const offerId = search.get('offer') ?? '';
  const product = useProduct(productId);
  const offers = useSkuOffers(skuId);
  const status = useSystemStatus();
  const place = usePlaceInstallmentOrder();
  const [form] = Form.useForm<AddressValues>();
  const sku = product.data?.skus.find((s) => s.id === skuId);
  const offer = offers.data?.find((o) => o.id === offerId);
  const downMinor = sku && offer ? Math.floor((sku.marketPriceMinor * offer.downPaymentBps) / 10_000 + 0.5) : 0;
  const terms: QuoteTerms | null =
    sku && offer && status.data
      ? {
          principalMinor: sku.marketPriceMinor - downMinor,
          termMonths: offer.termMonths,
          annualRateBps: offer.annualRateBps,
          feeRateBpsPerPeriod: offer.feeRateBpsPerPeriod,
          method: offer.method,
          startDate: status.data.businessDate,
        }
      : null;
  const quote = useInstallmentQuote(terms);
  const loading = product.isPending || offers.isPending || (terms !== null && quote.isPending);
  const missing = !loading && (!sku || !offer);
  const brand = product.data && (i18n.language === 'en' ? product.data.brandName : product.data.brandNameZh);

  const submit = (values: AddressValues) =>
    place.mutate(
      { skuId, offerId, address: toAddress(values) },
      {
        onSuccess: (order) => navigate(`/installments/${order.id}`, { replace: true }),
        onError: (error) =>
          Toast.show({
            icon: 'fail',
            content: t('catalog.installment.checkout.failed', { message: installmentErrorMessage(t, error) }),
          }),
      },
    );

  const q = quote.data;
  return (
    <SubPage title={t('catalog.installment.checkout.title')} fallback={`/products/${productId}`}>
      {loading && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {missing && <ErrorBlock status="empty" title={t('catalog.installment.checkout.missing')} description="" />}
      {sku && offer && q && (
        <div className="installment-checkout" data-testid="installment-checkout">
          <section className="card">
            <div className="apr-headline" data-testid="apr">
              <span className="apr-label">{t('catalog.installment.calc.aprLabel')}</span>
              <strong className="apr-value">{percent2(q.aprSimpleBps)}</strong>
              <span className="apr-compound">
                {t('catalog.installment.calc.aprCompound', { rate: percent2(q.aprCompoundBps) })}
              </span>
            </div>
            <dl className="calc-figures">
              <div>
                <dt>{t('catalog.installment.checkout.device')}</dt>
                <dd data-testid="checkout-device">
                  {brand} {product.data?.model} {sku.storageLabel} {sku.colour}
                </dd>
              </div>
              <div>
                <dt>{t('catalog.installment.checkout.price')}</dt>
                <dd>{money(sku.marketPriceMinor)}</dd>
              </div>
              <div>
                <dt>{t('catalog.installment.calc.downPayment')}</dt>
                <dd data-testid="checkout-down">{money(downMinor)}</dd>
              </div>
              <div>
                <dt>{t('catalog.installment.calc.financed')}</dt>
                <dd>{money(q.principalMinor)}</dd>
              </div>
              <div>
                <dt>{t('catalog.installment.checkout.term')}</dt>
                <dd>{t('catalog.installment.checkout.termValue', { count: offer.termMonths })}</dd>
              </div>
              <div>
                <dt>{t('catalog.installment.checkout.method')}</dt>
                <dd>{t(`catalog.product.methods.${offer.method}`)}</dd>
              </div>
              <div>
                <dt>{t('catalog.installment.checkout.nominalRate')}</dt>
                <dd>{percent2(offer.annualRateBps)}</dd>
              </div>
              <div>
                <dt>{t('catalog.installment.calc.totalCost')}</dt>
                <dd>{money(q.totalInterestMinor + q.totalFeeMinor)}</dd>
              </div>
              <div>
                <dt>{t('catalog.installment.calc.totalPayment')}</dt>
                <dd>{money(q.totalPaymentMinor)}</dd>
              </div>
            </dl>
          </section>
          <section className="card">
            <h2 className="card-title">{t('catalog.installment.calc.schedule')}</h2>
            <ScheduleTable rows={q.schedule} />
          </section>
          <section className="card" data-testid="checkout-address">
            <h2 className="card-title">{t('rentals.checkout.address')}</h2>
            <Form form={form} layout="horizontal" className="checkout-form">
              <AddressFields />
            </Form>
          </section>
          <NoticeBar content={t('catalog.installment.checkout.steps')} color="info" wrap />
          <div className="contract-actions">
            <Button
              block
              color="primary"
              size="large"
              loading={place.isPending}
              onClick={() => {
                form
                  .validateFields()
                  .then(submit)
                  .catch(() => Toast.show({ icon: 'fail', content: t('rentals.checkout.addressInvalid') }));
              }}
              data-testid="checkout-submit"
            >
              {t('catalog.installment.checkout.submit')}
            </Button>
          </div>
        </div>
      )}
    </SubPage>
  );
}
