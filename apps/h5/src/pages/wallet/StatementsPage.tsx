import { DatePicker, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystemStatus } from '../../api';
import { SubPage } from '../../components/SubPage';
import { businessDateOf, formatMonth } from '../../time-format';
import { downloadStatement, type StatementFormat } from '../../wallet-api';
import { WideButton } from './form-parts';
import { walletErrorMessage } from './wallet-errors';

/** How far back the month picker goes. */
const YEARS_BACK = 5;

/** "2026-03" for the month of a date picked in the browser's calendar. */
function monthKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** A business date ("2026-03-31") as a local calendar date, for the month picker. */
function fromBusinessDate(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function StatementsPage() {
  const { t, i18n } = useTranslation();
  const status = useSystemStatus().data;
  const timeZone = status?.timeZone;
  // "This month" is the operator's business month (statements are cut on business dates), not the
  // browser's calendar, which may already be in the next month near midnight.
  // Until the status arrives, today on the business clock (never the phone's calendar).
  const today = fromBusinessDate(status?.businessDate ?? businessDateOf(new Date().toISOString()));
  const [picked, setMonth] = useState<Date | null>(null);
  const month = picked ?? new Date(today.getFullYear(), today.getMonth(), 1);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState<StatementFormat | null>(null);
  const label = formatMonth(month.getFullYear(), month.getMonth() + 1, i18n.language);

  const download = async (format: StatementFormat) => {
    setBusy(format);
    try {
      await downloadStatement(monthKey(month), format);
    } catch (error) {
      Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <SubPage title={t('wallet.statements.title')} fallback="/wallet">
      <p className="page-intro">{t('wallet.statements.intro')}</p>
      <List mode="card">
        <List.Item extra={label} onClick={() => setPicking(true)} data-testid="statement-month">
          {t('wallet.statements.month')}
        </List.Item>
      </List>
      <DatePicker
        visible={picking}
        precision="month"
        min={new Date(today.getFullYear() - YEARS_BACK, 0, 1)}
        max={today}
        value={month}
        title={t('wallet.statements.month')}
        confirmText={t('wallet.secondFactor.confirm')}
        cancelText={t('wallet.secondFactor.cancel')}
        onClose={() => setPicking(false)}
        onConfirm={(picked) => setMonth(new Date(picked.getFullYear(), picked.getMonth(), 1))}
      />
      <div className="wallet-result-actions">
        <WideButton
          loading={busy === 'pdf'}
          disabled={busy !== null}
          onClick={() => void download('pdf')}
          testId="statement-pdf"
        >
          {t('wallet.statements.pdf')}
        </WideButton>
        <WideButton
          outline
          loading={busy === 'csv'}
          disabled={busy !== null}
          onClick={() => void download('csv')}
          testId="statement-csv"
        >
          {t('wallet.statements.csv')}
        </WideButton>
      </div>
      {timeZone && <p className="wallet-footnote">{t('wallet.statements.note', { timeZone })}</p>}
    </SubPage>
  );
}
