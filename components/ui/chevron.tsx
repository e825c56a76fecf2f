/** A disclosure's triangle, pointing down while what it opens is shown. */
export function Chevron({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" className={`size-3.5 shrink-0 transition-transform ${open ? "rotate-90" : ""}`} fill="currentColor">
      <path d="M6 3.5 11 8l-5 4.5z" />
    </svg>
  );
}
