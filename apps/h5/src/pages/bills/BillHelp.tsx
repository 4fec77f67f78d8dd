import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/** "对账单有疑问？联系客服": the bills list and a bill lead to the help centre (issue #18 point 8). */
export function BillHelp({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <p className="bill-help">
      {t('bills.questions')}{' '}
      <a
        href="/help"
        onClick={(event) => {
          event.preventDefault();
          navigate('/help');
        }}
        data-testid={testId}
      >
        {t('bills.contactSupport')}
      </a>
    </p>
  );
}
