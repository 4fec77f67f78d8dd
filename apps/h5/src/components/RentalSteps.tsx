import { useTranslation } from 'react-i18next';

const STEPS = ['choose', 'credit', 'sign', 'receive'] as const;

/** How renting works, from picking a phone to the day rent starts. */
export function RentalSteps() {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2 className="card-title">{t('home.steps.title')}</h2>
      <ol className="steps">
        {STEPS.map((step, index) => (
          <li key={step} className="step">
            <span className="step-number">{index + 1}</span>
            <span className="step-label">{t(`home.steps.${step}`)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
