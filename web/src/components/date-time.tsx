/** A date in the user's locale with a relative hint; the exact ISO time is in the <time> element. */
import { formatAbsolute, formatRelative, parseDate } from '../lib/dates.ts';

export interface DateTimeProps {
  value: string | number | null | undefined;
  /** Shown when there is no date. */
  fallback?: string;
  /** Show only the relative hint, with the absolute date as the tooltip. */
  relativeOnly?: boolean;
}

export function DateTime({ value, fallback = '—', relativeOnly = false }: DateTimeProps) {
  const date = parseDate(value);
  if (!date) return <span>{fallback}</span>;
  const abs = formatAbsolute(date);
  const rel = formatRelative(date);
  return (
    <time dateTime={date.toISOString()} title={abs}>
      {relativeOnly ? rel : `${abs} (${rel})`}
    </time>
  );
}
