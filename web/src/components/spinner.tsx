/** A small spinning ring; decorative, so assistive tech reads the surrounding text (or aria-busy) instead. */
export function Spinner({ className = '' }: { className?: string }) {
  return <span className={`spinner ${className}`} aria-hidden="true" />;
}
