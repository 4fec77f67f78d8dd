import { Button, Checkbox, Input, List, NoticeBar, Selector, Skeleton, Tag, Toast } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import {
  type Contract,
  downloadContractPdf,
  useContract,
  useRequestSignCode,
  useSignContract,
} from '../../contracts-api';
import { useMoney } from '../../money';
import {
  contractErrorMessage,
  formatDate,
  percent,
  statusColor,
  templateTitle,
  useBusinessTime,
} from './contract-format';
import { SignaturePad } from './SignaturePad';

/** The order the terms are shown in (as the templates print them); others follow as given. */
const termOrder = [
  'productName',
  'principalMinor',
  'termMonths',
  'months',
  'termDays',
  'rentMinor',
  'dailyRentMinor',
  'totalRentMinor',
  'paymentMinor',
  'upfrontMinor',
  'depositMinor',
  'depositWaivedMinor',
  'totalInterestMinor',
  'totalFeeMinor',
  'totalPaymentMinor',
  'buyoutAtEndMinor',
  'earlyReturnFeeMinor',
  'rentalId',
  'buyoutPriceMinor',
  'depositAppliedMinor',
  'amountDueMinor',
  'startDate',
  'firstDueDate',
  'schedule',
] as const;
type TermKey = (typeof termOrder)[number];
const isTermKey = (key: string): key is TermKey => (termOrder as readonly string[]).includes(key);

function termRows(
  t: TFunction,
  terms: Record<string, unknown>,
  money: (minor: number) => string,
  template: string,
): { key: string; label: string; value: string }[] {
  const keys = [
    ...termOrder.filter((k) => k in terms),
    ...Object.keys(terms).filter((k) => !isTermKey(k) && k !== 'aprBps'),
  ];
  return keys.map((key) => {
    const value = terms[key];
    // A renewal starts a further term, not the rental: its start date is worded as the template words it.
    const label =
      template === 'renewal' && key === 'startDate'
        ? t('contracts.terms.renewalStartDate')
        : isTermKey(key)
          ? t(`contracts.terms.${key}`)
          : key;
    let text: string;
    if (key === 'schedule' && Array.isArray(value)) text = t('contracts.schedulePeriods', { count: value.length });
    else if (typeof value === 'number' && key.endsWith('Minor')) text = money(value);
    else if (typeof value === 'number' && key.endsWith('Bps')) text = percent(value);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) text = formatDate(value);
    else text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
    return { key, label, value: text };
  });
}

/** Only paths of this app: `?back=` never sends the signer to another site. */
function safeBack(back: string | null): string | null {
  return back?.startsWith('/') && !back.startsWith('//') ? back : null;
}

function SigningForm({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Opened from an order (a rental's contract or renewal addendum): back there once signed.
  const back = safeBack(useSearchParams()[0].get('back'));
  const requestCode = useRequestSignCode(contract.id);
  const sign = useSignContract(contract.id);
  const [sent, setSent] = useState<{ phoneMasked: string; documentHash: string } | null>(null);
  const [code, setCode] = useState('');
  const [mode, setMode] = useState<'drawn' | 'typed'>('drawn');
  const [drawn, setDrawn] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [agreed, setAgreed] = useState(false);

  const send = () =>
    requestCode.mutate(undefined, {
      onSuccess: (result) => setSent(result),
      onError: (error) => Toast.show({ icon: 'fail', content: contractErrorMessage(t, error) }),
    });

  const submit = () => {
    const warn = (content: string) => {
      Toast.show({ content });
    };
    if (code.trim().length === 0) return warn(t('contracts.sign.needCode'));
    const signature =
      mode === 'drawn'
        ? drawn && { kind: 'drawn' as const, dataUrl: drawn }
        : name.trim() && { kind: 'typed' as const, name: name.trim() };
    if (!signature) return warn(t('contracts.sign.needSignature'));
    if (!agreed) return warn(t('contracts.sign.needAgree'));
    sign.mutate(
      { code: code.trim(), signature },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('contracts.sign.succeeded') });
          if (back) navigate(back, { replace: true });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: contractErrorMessage(t, error) }),
      },
    );
  };

  return (
    <section className="contract-sign" data-testid="contract-sign">
      <h3>{t('contracts.sign.step1')}</h3>
      {sent && (
        <div className="contract-sign-note" data-testid="sign-code-sent">
          {t('contracts.sign.codeSent', { phone: sent.phoneMasked })}
          <br />
          {t('contracts.sign.codeBound', { hash: sent.documentHash.slice(0, 8) })}
        </div>
      )}
      <div className="contract-sign-code">
        <Input
          value={code}
          onChange={setCode}
          placeholder={t('contracts.sign.codePlaceholder')}
          aria-label={t('contracts.sign.code')}
          inputMode="numeric"
          maxLength={6}
          data-testid="sign-code"
        />
        <Button size="small" loading={requestCode.isPending} onClick={send} data-testid="sign-send-code">
          {sent ? t('contracts.sign.resend') : t('contracts.sign.sendCode')}
        </Button>
      </div>
      <h3>{t('contracts.sign.step2')}</h3>
      <Selector
        columns={2}
        value={[mode]}
        onChange={(v) => v[0] && setMode(v[0])}
        options={[
          { label: t('contracts.sign.drawn'), value: 'drawn' as const },
          { label: t('contracts.sign.typed'), value: 'typed' as const },
        ]}
        data-testid="sign-mode"
      />
      {mode === 'drawn' ? (
        <SignaturePad onChange={setDrawn} />
      ) : (
        <Input
          value={name}
          onChange={setName}
          placeholder={t('contracts.sign.namePlaceholder')}
          aria-label={t('contracts.sign.name')}
          maxLength={40}
          className="contract-sign-name"
          data-testid="sign-name"
        />
      )}
      <Checkbox checked={agreed} onChange={setAgreed} className="contract-sign-agree" data-testid="sign-agree">
        {t('contracts.sign.agree')}
      </Checkbox>
      <Button block color="primary" size="large" loading={sign.isPending} onClick={submit} data-testid="sign-submit">
        {t('contracts.sign.submit')}
      </Button>
    </section>
  );
}

export function ContractPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const money = useMoney();
  const contract = useContract(id);
  const [downloading, setDownloading] = useState(false);
  const c = contract.data;
  const time = useBusinessTime();

  const download = async () => {
    if (!c) return;
    setDownloading(true);
    try {
      await downloadContractPdf(c);
    } catch {
      Toast.show({ icon: 'fail', content: t('contracts.detail.downloadFailed') });
    } finally {
      setDownloading(false);
    }
  };

  const apr = c && typeof c.terms.aprBps === 'number' ? c.terms.aprBps : null;
  return (
    <SubPage title={t('contracts.detail.title')} fallback="/contracts">
      {contract.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {/* A contract that is not the customer's (or no contract at all) is an answer: no 反馈问题. */}
      {contract.error && (
        <ErrorState
          notFound={{ code: 'CONTRACTS_CONTRACT_NOT_FOUND', title: t('contracts.notFound') }}
          title={t('contracts.loadFailed')}
          error={contract.error}
          onRetry={() => void contract.refetch()}
        />
      )}
      {c && (
        <>
          <section className="bill-head contract-head" data-testid="contract-head">
            <div className="bill-head-title">{templateTitle(t, c.template)}</div>
            <Tag color={statusColor[c.status]} data-testid="contract-status">
              {t(`contracts.status.${c.status}`)}
            </Tag>
            {apr !== null && (
              <div className="contract-apr" data-testid="contract-apr">
                <div className="bill-head-label">{t('contracts.detail.apr')}</div>
                <div className="contract-apr-value">{percent(apr)}</div>
                <div className="bill-head-meta">{t('contracts.detail.aprHint')}</div>
              </div>
            )}
            <div className="bill-head-meta">{t('contracts.detail.number', { id: c.id, version: c.version })}</div>
            {c.signedAt && (
              <div className="bill-head-meta" data-testid="contract-signed-at">
                {t('contracts.signedAt', { date: time.dateTime(c.signedAt) })}
              </div>
            )}
          </section>
          {c.status === 'signed' && <NoticeBar content={t('contracts.detail.signedNote')} color="success" wrap />}
          {c.status === 'superseded' && <NoticeBar content={t('contracts.detail.supersededNote')} color="alert" wrap />}
          {c.status === 'withdrawn' && (
            <NoticeBar
              content={t('contracts.detail.withdrawnNote')}
              color="default"
              wrap
              data-testid="contract-withdrawn"
            />
          )}
          <List
            mode="card"
            header={t('contracts.detail.terms')}
            className="contract-terms"
            data-testid="contract-terms"
          >
            {termRows(t, c.terms, money, c.template).map((row) => (
              <List.Item key={row.key} extra={row.value}>
                {row.label}
              </List.Item>
            ))}
            <List.Item description={<code className="contract-hash">{c.documentHash}</code>}>
              {t('contracts.detail.fingerprint')}
            </List.Item>
          </List>
          <div className="contract-actions">
            <Button block loading={downloading} onClick={() => void download()} data-testid="contract-pdf">
              {c.status === 'signed' ? t('contracts.detail.downloadSigned') : t('contracts.detail.downloadDraft')}
            </Button>
          </div>
          {c.status === 'draft' && (
            <>
              <NoticeBar content={t('contracts.detail.readFirst')} color="info" wrap />
              <SigningForm contract={c} />
            </>
          )}
        </>
      )}
    </SubPage>
  );
}
