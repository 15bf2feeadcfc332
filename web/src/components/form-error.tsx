/**
 * The current error of a form or an action, in the words useAction keeps (the server's sentence or
 * the form's own check), announced at once (role="alert"). Nothing when there is none.
 */
import { Banner } from './banner.tsx';

export interface FormErrorProps {
  error: string | null | undefined;
  /** As the red banner at the top of a dialog or sign-in form, instead of a line under the control. */
  banner?: boolean;
  /** The banner's title ("Setup failed"); the error is its text then. */
  title?: string;
  className?: string;
}

export function FormError({ error, banner = false, title, className = '' }: FormErrorProps) {
  if (!error) return null;
  if (banner) {
    return (
      <Banner tone="error" title={title} className={className}>
        {error}
      </Banner>
    );
  }
  return (
    <p className={`form-error${className ? ` ${className}` : ''}`} role="alert">
      {error}
    </p>
  );
}
