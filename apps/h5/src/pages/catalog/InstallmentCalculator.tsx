// The product page's installment calculator: pick a term (the SKU's offers) and a method, see the
// annualised rate (IRR, all fees included) first and largest, then the schedule the engine computes,
// and "what if I prepay": both strategies with their exact amounts. Every number is the server's.
import { Button, Collapse, Input, Selector, Skeleton, Stepper } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSystemStatus } from '../../api';
import type { Offer } from '../../catalog-api';
import {
  type InstallmentMethod,
  type PrepayStrategy,
  type QuoteTerms,
  useInstallmentQuote,
  usePrepayQuote,
} from '../../installment-api';
import { useMoney } from '../../money';

const METHODS: InstallmentMethod[] = ['equal_installment', 'equal_principal'];
const STRATEGIES: PrepayStrategy[] = ['reduce_term', 'reduce_installment'];

/** Basis points as a percentage with two decimals: 1268 → "12.68%". */
export function percent2(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

/** The financed principal of an offer on a price: the price less its down payment (half-up, as the server). */
function financedMinor(priceMinor: number, offer: Offer): { downMinor: number; principalMinor: number } {
  const downMinor = Math.floor((priceMinor * offer.downPaymentBps) / 10_000 + 0.5);
  return { downMinor, principalMinor: priceMinor - downMinor };
}

function PrepayWhatIf({ terms, periods }: { terms: QuoteTerms; periods: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [afterPeriod, setAfterPeriod] = useState(Math.min(3, periods - 1));
  const [yuan, setYuan] = useState('1000');
  const prepayMinor = Math.round(Number(yuan) * 100);
  const valid = Number.isFinite(prepayMinor) && prepayMinor > 0;
  const ask = (strategy: PrepayStrategy) => (valid ? { paidPeriods: afterPeriod, prepayMinor, strategy } : null);
  const reduceTerm = usePrepayQuote(terms, ask('reduce_term'));
  const reduceInstallment = usePrepayQuote(terms, ask('reduce_installment'));
  const answers = { reduce_term: reduceTerm, reduce_installment: reduceInstallment };
  if (periods < 2) return null;
  return (
    <div className="prepay-whatif" data-testid="prepay-whatif">
      <div className="whatif-inputs">
        <div className="whatif-field">
          <span>{t('catalog.installment.calc.prepayAmount')}</span>
          <Input
            type="number"
            value={yuan}
            onChange={setYuan}
            inputMode="decimal"
            aria-label={t('catalog.installment.calc.prepayAmount')}
            data-testid="prepay-amount"
          />
        </div>
        <div className="whatif-field">
          <span>{t('catalog.installment.calc.afterPeriod')}</span>
          <Stepper
            min={1}
            max={periods - 1}
            value={afterPeriod}
            onChange={(v) => setAfterPeriod(v)}
            aria-label={t('catalog.installment.calc.afterPeriod')}
          />
        </div>
      </div>
      {STRATEGIES.map((strategy) => {
        const answer = answers[strategy];
        const quote = answer.data;
        const next = quote?.schedule[0];
        return (
          <div key={strategy} className="whatif-option" data-testid={`whatif-${strategy}`}>
            <strong>{t(`catalog.installment.strategies.${strategy}`)}</strong>
            {answer.error ? (
              <p className="muted">{t('catalog.installment.calc.prepayInvalid')}</p>
            ) : !quote || !next ? (
              <Skeleton.Paragraph lineCount={1} animated />
            ) : (
              <p>
                {strategy === 'reduce_term'
                  ? t('catalog.installment.calc.reduceTermResult', {
                      count: quote.schedule.length,
                      saved: money(quote.interestSavedMinor),
                    })
                  : t('catalog.installment.calc.reduceInstallmentResult', {
                      payment: money(next.paymentMinor),
                      saved: money(quote.interestSavedMinor),
                    })}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

export function InstallmentCalculator({
  offers,
  priceMinor,
  checkout,
}: {
  offers: Offer[];
  priceMinor: number;
  /** Where "buy on installments" goes: the product and SKU the offer is for. */
  checkout?: { productId: string; skuId: string };
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const money = useMoney();
  const status = useSystemStatus();
  const sorted = useMemo(() => [...offers].sort((a, b) => a.termMonths - b.termMonths), [offers]);
  const [offerId, setOfferId] = useState<string | undefined>(undefined);
  const offer = sorted.find((o) => o.id === offerId) ?? sorted.find((o) => o.termMonths === 12) ?? sorted[0];
  const [method, setMethod] = useState<InstallmentMethod | undefined>(undefined);
  const chosenMethod = method ?? offer?.method ?? 'equal_installment';
  const { downMinor, principalMinor } = offer ? financedMinor(priceMinor, offer) : { downMinor: 0, principalMinor: 0 };
  const terms: QuoteTerms | null =
    offer && status.data
      ? {
          principalMinor,
          termMonths: offer.termMonths,
          annualRateBps: offer.annualRateBps,
          feeRateBpsPerPeriod: offer.feeRateBpsPerPeriod,
          method: chosenMethod,
          startDate: status.data.businessDate,
        }
      : null;
  const quote = useInstallmentQuote(terms);
  if (!offer) return <p className="muted">{t('catalog.product.noOffers')}</p>;
  const first = quote.data?.schedule[0];
  return (
    <div className="installment-calc" data-testid="installment-calculator">
      <Selector
        className="term-picker"
        columns={4}
        value={[offer.id]}
        onChange={(v) => {
          if (v[0]) {
            setOfferId(v[0]);
            setMethod(undefined);
          }
        }}
        options={sorted.map((o) => ({
          label: t('catalog.product.installmentTerm', { count: o.termMonths }),
          value: o.id,
        }))}
      />
      <Selector
        className="method-picker"
        columns={2}
        value={[chosenMethod]}
        onChange={(v) => v[0] && setMethod(v[0])}
        options={METHODS.map((m) => ({ label: t(`catalog.product.methods.${m}`), value: m }))}
      />
      {quote.data && terms ? (
        <>
          <div className="apr-headline" data-testid="apr">
            <span className="apr-label">{t('catalog.installment.calc.aprLabel')}</span>
            <strong className="apr-value">{percent2(quote.data.aprSimpleBps)}</strong>
            <span className="apr-compound">
              {t('catalog.installment.calc.aprCompound', { rate: percent2(quote.data.aprCompoundBps) })}
            </span>
          </div>
          <dl className="calc-figures">
            <div>
              <dt>{t('catalog.installment.calc.downPayment')}</dt>
              <dd>{money(downMinor)}</dd>
            </div>
            <div>
              <dt>{t('catalog.installment.calc.financed')}</dt>
              <dd>{money(quote.data.principalMinor)}</dd>
            </div>
            {first && (
              <div>
                <dt>{t('catalog.installment.calc.firstPayment')}</dt>
                <dd data-testid="first-payment">{money(first.paymentMinor)}</dd>
              </div>
            )}
            <div>
              <dt>{t('catalog.installment.calc.totalCost')}</dt>
              <dd>{money(quote.data.totalInterestMinor + quote.data.totalFeeMinor)}</dd>
            </div>
            <div>
              <dt>{t('catalog.installment.calc.totalPayment')}</dt>
              <dd>{money(quote.data.totalPaymentMinor)}</dd>
            </div>
          </dl>
          <Collapse>
            <Collapse.Panel key="schedule" title={t('catalog.installment.calc.schedule')}>
              <ScheduleTable rows={quote.data.schedule} />
            </Collapse.Panel>
            <Collapse.Panel key="prepay" title={t('catalog.installment.calc.whatIfPrepay')}>
              <PrepayWhatIf terms={terms} periods={quote.data.schedule.length} />
            </Collapse.Panel>
          </Collapse>
          {checkout && (
            <Button
              block
              color="primary"
              fill="outline"
              className="installment-buy"
              onClick={() =>
                navigate(
                  `/installments/checkout?product=${encodeURIComponent(checkout.productId)}&sku=${encodeURIComponent(checkout.skuId)}&offer=${encodeURIComponent(offer.id)}`,
                )
              }
              data-testid="installment-buy"
            >
              {t('catalog.installment.buy')}
            </Button>
          )}
        </>
      ) : (
        <Skeleton.Paragraph lineCount={3} animated />
      )}
    </div>
  );
}

export function ScheduleTable({
  rows,
}: {
  rows: {
    period: number;
    dueDate: string;
    paymentMinor: number;
    principalMinor: number;
    interestMinor: number;
    feeMinor: number;
  }[];
}) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <table className="schedule-table" data-testid="schedule">
      <thead>
        <tr>
          <th>{t('catalog.installment.schedule.period')}</th>
          <th>{t('catalog.installment.schedule.dueDate')}</th>
          <th>{t('catalog.installment.schedule.payment')}</th>
          <th>{t('catalog.installment.schedule.principal')}</th>
          <th>{t('catalog.installment.schedule.interestFee')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.period}>
            <td>{row.period}</td>
            <td>{row.dueDate}</td>
            <td>{money(row.paymentMinor)}</td>
            <td>{money(row.principalMinor)}</td>
            <td>{money(row.interestMinor + row.feeMinor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
