/** A long URL or scope with a line-break chance (<wbr>) after each / . ? & = -, so it wraps between its parts. */
import { Fragment, type ReactNode } from 'react';

export function breakAtSeparators(text: string): ReactNode {
  const parts = text.split(/(?<=[/.?&=-])/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </Fragment>
  ));
}
