/** The app's mark (icons/ holds the same drawing as PNGs): a goal with two sub-goals. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 1024 1024" aria-hidden="true">
      <rect x="64" y="64" width="896" height="896" rx="200" fill="#3B4BC8" />
      <path d="M512 320 L300 700 M512 320 L724 700" stroke="#fff" strokeWidth="48" />
      <circle cx="512" cy="320" r="114" fill="#fff" />
      <circle cx="300" cy="700" r="94" fill="#FFC83D" />
      <circle cx="724" cy="700" r="94" fill="#FFC83D" />
    </svg>
  );
}
