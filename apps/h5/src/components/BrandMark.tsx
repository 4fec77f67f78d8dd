/** The Zulin logo: a phone on the brand gradient (the same drawing as the favicon). */
export function BrandMark({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" className="brand-mark">
      <rect width="64" height="64" rx="16" fill="#fff" />
      <rect x="21" y="12" width="22" height="40" rx="5" fill="none" stroke="#ff6a00" strokeWidth="4" />
      <circle cx="32" cy="45" r="2.5" fill="#ff6a00" />
    </svg>
  );
}
