// The inspection of my returned phone (issue #14, DOMAIN §5): the grade A–D and what it means, the
// photos (a thumbnail opens the full picture), each priced damage item, the total charge and how it was
// paid — taken from the deposit hold, billed, the rest of the hold released and when — and 对检测结果有异议:
// within the dispute window a reason sent to POST /v1/rentals/:id/inspection/dispute, after which the
// page says a person reviews it and names the case (the support ticket the dispute opened); after the
// window a line saying when it closed. Once a person resolved it: 维持原判 / 已调整, the credit and
// how it comes back (the bill waived, the wallet, the paying channel; awaiting a second review).
import { Button, ErrorBlock, ImageViewer, Skeleton, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorCode } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import {
  type RentalInspection,
  useDisputeInspection,
  useInspectionPhoto,
  useRentalInspection,
} from '../../rentals-api';
import { useMyTickets } from '../../support-api';
import { formatInstant } from '../../time-format';
import { formatDate, localText, rentalErrorMessage } from './rental-format';
import './rentals.css';

const gradeColor: Record<RentalInspection['grade'], 'success' | 'primary' | 'warning' | 'danger'> = {
  A: 'success',
  B: 'primary',
  C: 'warning',
  D: 'danger',
};

/** The dispute's limit on a reason, as the route takes it (RentalLimits.disputeReasonLengthMax). */
const REASON_LENGTH_MAX = 500;

function Photo({ orderId, file, n }: { orderId: string; file: string; n: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const url = useInspectionPhoto(orderId, file);
  const alt = t('rentals.inspection.photoAlt', { n });
  return (
    <>
      <button
        type="button"
        className="inspection-photo"
        onClick={() => setOpen(true)}
        data-testid="inspection-photo"
        aria-label={alt}
      >
        {url ? <img src={url} alt={alt} /> : <span className="inspection-photo-wait" />}
      </button>
      <ImageViewer image={url ?? ''} visible={open} onClose={() => setOpen(false)} />
    </>
  );
}

function Charges({ inspection }: { inspection: RentalInspection }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const rows = [
    { key: 'total', label: t('rentals.inspection.total'), value: money(inspection.chargeMinor) },
    { key: 'captured', label: t('rentals.inspection.captured'), value: money(inspection.capturedMinor) },
    { key: 'billed', label: t('rentals.inspection.billed'), value: money(inspection.billedMinor) },
    { key: 'released', label: t('rentals.inspection.released'), value: money(inspection.releasedMinor) },
  ];
  return (
    <section className="card" data-testid="inspection-charges">
      <h2 className="card-title">{t('rentals.inspection.items')}</h2>
      {inspection.lines.length === 0 ? (
        <p className="muted">{t('rentals.inspection.noItems')}</p>
      ) : (
        <dl className="summary">
          {inspection.lines.map((line) => (
            <div key={line.code} className="summary-row" data-testid={`inspection-line-${line.code}`}>
              <dt>
                {localText(line.label, i18n.language)}
                {line.quantity !== undefined && line.quantity > 1 && line.unitMinor !== undefined && (
                  <span className="muted">
                    {' '}
                    {t('rentals.inspection.quantity', { unit: money(line.unitMinor), count: line.quantity })}
                  </span>
                )}
              </dt>
              <dd>{line.amountMinor < 0 ? `−${money(-line.amountMinor)}` : money(line.amountMinor)}</dd>
            </div>
          ))}
        </dl>
      )}
      <dl className="summary inspection-totals">
        {rows.map((row) => (
          <div key={row.key} className="summary-row">
            <dt>{row.label}</dt>
            <dd data-testid={`inspection-${row.key}`}>{row.value}</dd>
          </div>
        ))}
      </dl>
      {inspection.settledAt && inspection.releasedMinor > 0 && (
        <p className="summary-note" data-testid="inspection-released-on">
          {t('rentals.inspection.releasedOn', { date: formatInstant(inspection.settledAt) })}
        </p>
      )}
      {inspection.billId && (
        <Link to={`/bills/${inspection.billId}`} className="inspection-link" data-testid="inspection-bill">
          {t('rentals.inspection.viewBill')}
        </Link>
      )}
      <p className="summary-note" data-testid="inspection-formula">
        {t('rentals.inspection.formula')}：{localText(inspection.formula, i18n.language)}
      </p>
    </section>
  );
}

/** The case the dispute opened: support's complaint ticket on this order, opened at or after the dispute. */
function DisputeCase({ inspection }: { inspection: RentalInspection }) {
  const { t } = useTranslation();
  const tickets = useMyTickets();
  const at = Date.parse(inspection.dispute?.at ?? '') - 1000;
  const ticket = tickets.data?.data.find(
    (x) => x.orderId === inspection.orderId && x.kind === 'complaint' && Date.parse(x.openedAt) >= at,
  );
  if (!ticket) {
    return (
      <div className="muted" data-testid="inspection-case-pending">
        {t('rentals.inspection.casePending')}{' '}
        <Button size="mini" fill="none" onClick={() => void tickets.refetch()}>
          ↻
        </Button>
      </div>
    );
  }
  return (
    <div className="inspection-case" data-testid="inspection-case">
      <span>{t('rentals.inspection.caseNumber', { id: ticket.id })}</span>{' '}
      <Tag color="primary" fill="outline" data-testid="inspection-case-state">
        {t(`rentals.inspection.caseState.${ticket.state}`)}
      </Tag>{' '}
      <Link to={`/me/tickets/${ticket.id}`} className="inspection-link" data-testid="inspection-case-link">
        {t('rentals.inspection.caseOpen')}
      </Link>
    </div>
  );
}

type Resolution = NonNullable<NonNullable<RentalInspection['dispute']>['resolution']>;

/** How the dispute ended: 维持原判, or 已调整 with the credit — waived on the bill, and what comes back where. */
function DisputeOutcome({ inspection, resolution }: { inspection: RentalInspection; resolution: Resolution }) {
  const { t } = useTranslation();
  const money = useMoney();
  const back = new Map<Resolution['refunds'][number]['to'], number>();
  for (const leg of resolution.refunds) back.set(leg.to, (back.get(leg.to) ?? 0) + leg.amountMinor);
  const state = t(`rentals.inspection.refundState.${resolution.refundState}`);
  return (
    <div className="inspection-outcome" data-testid="inspection-dispute-outcome">
      <h3 className="card-title">
        {t('rentals.inspection.outcomeTitle')}{' '}
        <Tag color={resolution.outcome === 'adjusted' ? 'success' : 'default'} data-testid="inspection-outcome-tag">
          {t(`rentals.inspection.outcome.${resolution.outcome}`)}
        </Tag>
      </h3>
      {resolution.outcome === 'upheld' ? (
        <p>{t('rentals.inspection.upheldText', { charge: money(inspection.chargeMinor) })}</p>
      ) : (
        <>
          <p data-testid="inspection-outcome-credit">
            {t('rentals.inspection.adjustedText', { credit: money(resolution.creditMinor) })}
          </p>
          <ul className="inspection-outcome-lines">
            {resolution.waivedMinor > 0 && (
              <li>
                {t('rentals.inspection.creditWaived', { amount: money(resolution.waivedMinor) })}
                {/* Above the approval threshold nothing is booked yet, the waiver included. */}
                {resolution.refundState === 'awaiting_approval' && <span className="muted">（{state}）</span>}
              </li>
            )}
            {[...back].map(([to, amount]) => (
              <li key={to} data-testid={`inspection-outcome-back-${to}`}>
                {t('rentals.inspection.creditBack', {
                  amount: money(amount),
                  how: t(`rentals.inspection.backTo.${to}`),
                })}
                {state && <span className="muted">（{state}）</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {resolution.note && <p className="muted">{t('rentals.inspection.resolutionNote', { note: resolution.note })}</p>}
      <p className="muted">{t('rentals.inspection.resolvedAt', { at: formatInstant(resolution.resolvedAt) })}</p>
    </div>
  );
}

function Dispute({ inspection }: { inspection: RentalInspection }) {
  const { t } = useTranslation();
  const dispute = useDisputeInspection(inspection.orderId);
  // 对检测结果有异议 on the order page opens the form at once.
  const [search] = useSearchParams();
  const [open, setOpen] = useState(search.get('dispute') === '1');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const until = formatDate(inspection.disputeUntil);

  if (inspection.dispute) {
    return (
      <section className="card" data-testid="inspection-dispute-state">
        <h2 className="card-title">{t('rentals.inspection.disputeTitle')}</h2>
        <p className="inspection-disputed">{t('rentals.inspection.disputed')}</p>
        <p className="muted">{t('rentals.inspection.disputedAt', { at: formatInstant(inspection.dispute.at) })}</p>
        <p className="muted" data-testid="inspection-dispute-reason">
          {t('rentals.inspection.reason', { reason: inspection.dispute.reason })}
        </p>
        <DisputeCase inspection={inspection} />
        {inspection.dispute.resolution && (
          <DisputeOutcome inspection={inspection} resolution={inspection.dispute.resolution} />
        )}
      </section>
    );
  }
  if (!inspection.canDispute) {
    // Still settling, the dispute waits; after the window, the line says when it closed.
    if (inspection.state !== 'settled') return null;
    return (
      <p className="muted inspection-closed" data-testid="inspection-dispute-closed">
        {t('rentals.inspection.disputeClosed', { date: until })}
      </p>
    );
  }
  const send = () => {
    const text = reason.trim();
    if (text.length === 0) {
      setRefusal(t('rentals.inspection.reasonRequired'));
      return;
    }
    setRefusal(null);
    dispute.mutate(text, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('rentals.inspection.submitted') }),
      onError: (error) => setRefusal(rentalErrorMessage(t, error)),
    });
  };
  return (
    <section className="card" data-testid="inspection-dispute">
      <h2 className="card-title">{t('rentals.inspection.disputeTitle')}</h2>
      <p className="muted" data-testid="inspection-dispute-until">
        {t('rentals.inspection.disputeUntil', { date: until })}
      </p>
      {!open ? (
        <Button block shape="rounded" onClick={() => setOpen(true)} data-testid="inspection-dispute-open">
          {t('rentals.inspection.disputeOpen')}
        </Button>
      ) : (
        <div className="inspection-dispute-form">
          <label htmlFor="inspection-reason" className="card-title">
            {t('rentals.inspection.reasonLabel')}
          </label>
          <TextArea
            id="inspection-reason"
            value={reason}
            onChange={setReason}
            placeholder={t('rentals.inspection.reasonPlaceholder')}
            maxLength={REASON_LENGTH_MAX}
            showCount
            rows={4}
            data-testid="inspection-dispute-reason-input"
          />
          {refusal && (
            <p className="inspection-dispute-error" role="alert" data-testid="inspection-dispute-error">
              {refusal}
              {errorCode(dispute.error) && <span className="muted"> （{errorCode(dispute.error)}）</span>}
            </p>
          )}
          <div className="inspection-dispute-buttons">
            <Button shape="rounded" onClick={() => setOpen(false)}>
              {t('rentals.inspection.cancel')}
            </Button>
            <Button
              shape="rounded"
              color="primary"
              loading={dispute.isPending}
              onClick={send}
              data-testid="inspection-dispute-submit"
            >
              {t('rentals.inspection.submit')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

export function InspectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const inspection = useRentalInspection(id);
  const data = inspection.data;
  const notYet = errorCode(inspection.error) === 'RENTAL_INSPECTION_NOT_FOUND';
  return (
    <SubPage title={t('rentals.inspection.title')} fallback={`/rentals/${id}`}>
      {inspection.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {notYet && (
        <ErrorBlock
          status="empty"
          title={t('rentals.inspection.empty')}
          description={t('rentals.inspection.emptyHint')}
          data-testid="inspection-empty"
        />
      )}
      {inspection.error && !notYet && (
        <ErrorState
          title={t('rentals.inspection.loadFailed')}
          error={inspection.error}
          onRetry={() => void inspection.refetch()}
          retryLabel={t('bills.retry')}
        />
      )}
      {data && (
        <>
          <section className="bill-head" data-testid="inspection-head">
            <Tag color={gradeColor[data.grade]} data-testid="inspection-grade">
              {t('rentals.inspection.grade', { grade: data.grade })}
            </Tag>
            <div className="rental-copy" data-testid="inspection-grade-meaning">
              {t(`rentals.inspection.gradeMeaning.${data.grade}`)}
            </div>
            <div className="bill-head-meta">
              {t('rentals.inspection.inspectedOn', { date: formatDate(data.inspectedOn) })}
            </div>
            {data.state === 'settling' && (
              <div className="bill-head-meta" data-testid="inspection-settling">
                {t('rentals.inspection.settling')}
              </div>
            )}
          </section>
          <section className="card" data-testid="inspection-photos">
            <h2 className="card-title">{t('rentals.inspection.photos')}</h2>
            {data.photos.length === 0 ? (
              <p className="muted">{t('rentals.inspection.noPhotos')}</p>
            ) : (
              <div className="inspection-photos">
                {data.photos.map((p, i) => (
                  <Photo key={p.file} orderId={data.orderId} file={p.file} n={i + 1} />
                ))}
              </div>
            )}
          </section>
          <Charges inspection={data} />
          {data.note && (
            <section className="card" data-testid="inspection-note">
              <h2 className="card-title">{t('rentals.inspection.note')}</h2>
              <p>{data.note}</p>
            </section>
          )}
          <Dispute inspection={data} />
        </>
      )}
    </SubPage>
  );
}
