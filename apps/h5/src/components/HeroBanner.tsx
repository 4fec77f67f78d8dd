import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

function PhoneIllustration() {
  return (
    <svg className="hero-phone" viewBox="0 0 96 128" aria-hidden="true">
      <rect x="18" y="6" width="60" height="116" rx="12" fill="#fff" opacity="0.95" />
      <rect x="23" y="16" width="50" height="90" rx="6" fill="#ffe2cc" />
      <circle cx="48" cy="113" r="3.5" fill="#ffb27a" />
      <path d="M38 56l7 7 14-15" fill="none" stroke="#ff6a00" strokeWidth="5" strokeLinecap="round" />
      <circle cx="82" cy="24" r="10" fill="#ffd24d" />
      <text x="82" y="28" textAnchor="middle" fontSize="11" fontWeight="700" fill="#b35900">
        ¥0
      </text>
    </svg>
  );
}

/** The deposit-waiver banner: the promise the whole business is built on. */
export function HeroBanner({ onLearnMore }: { onLearnMore: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="hero">
      <div className="hero-copy">
        <span className="hero-badge">{t('home.hero.badge')}</span>
        <h2 className="hero-title">{t('home.hero.title')}</h2>
        <p className="hero-subtitle">{t('home.hero.subtitle')}</p>
        <Button size="small" shape="rounded" className="hero-cta" onClick={onLearnMore}>
          {t('home.hero.cta')}
        </Button>
      </div>
      <PhoneIllustration />
    </section>
  );
}
