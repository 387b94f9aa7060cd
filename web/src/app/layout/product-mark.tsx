/** The product mark, drawn inline so nothing is fetched. */
export function ProductMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false" className="product-mark">
      <rect width="32" height="32" rx="6" fill="#0b6e4f" />
      <path
        d="M11 6c0 7 10 7 10 14s-10 7-10 6M21 6c0 7-10 7-10 14s10 7 10 6"
        stroke="#fff"
        strokeWidth="2.2"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}
