/** A platform's initial on its brand colour (CSS classes; no third-party logos are loaded). */
export function PlatformIcon({ slug, name }: { slug: string; name: string }) {
  return (
    <span className={`platform-icon platform-${slug}`} aria-hidden="true">
      {name.charAt(0).toUpperCase()}
    </span>
  );
}
