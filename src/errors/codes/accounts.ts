/** Error codes of the accounts capability. */
import type { CodeSpec } from '../code-spec.ts';

export const accountsCodes = {
  INVALID_CREDENTIALS: { status: 401, retryable: false, description: 'The username or password is wrong.' },
  SESSION_EXPIRED: { status: 401, retryable: false, description: 'The session ended (signed out, idle or too old); sign in again.' },
  CSRF_FAILED: {
    status: 403,
    retryable: false,
    description: 'A cookie-authenticated change needs the X-CSRF-Token header (from login or GET /v1/me) and a same-origin Origin.',
  },
  LOGIN_THROTTLED: { status: 429, retryable: true, description: 'Too many failed sign-ins; wait for Retry-After seconds.' },
  WEAK_PASSWORD: {
    status: 400,
    retryable: false,
    description: 'The password must be 8 to 128 characters and not a commonly used password.',
  },
  SETUP_UNAVAILABLE: {
    status: 409,
    retryable: false,
    description: 'Setup is done already (a user exists); sign in instead.',
  },
  SETUP_TOKEN_INVALID: {
    status: 400,
    retryable: false,
    description: 'The setup link is wrong or expired; restart Bifrost for a new one or run `bifrost admin create`.',
  },
  INVITE_INVALID: { status: 400, retryable: false, description: 'The invite link is wrong, used or expired; ask for a new one.' },
  USERNAME_TAKEN: { status: 409, retryable: false, description: 'That username is taken; choose another.' },
  LAST_OWNER: { status: 409, retryable: false, description: 'An account keeps at least one owner; make someone else owner first.' },
  ALREADY_MEMBER: { status: 409, retryable: false, description: 'The user is already a member of this account.' },
  ROLE_IN_USE: { status: 409, retryable: false, description: 'Members still have this role; give them another role first.' },
  PERMISSION_NOT_HELD: {
    status: 403,
    retryable: false,
    description: 'You cannot grant a permission or role you do not hold yourself.',
  },
  CONFIRMATION_MISMATCH: { status: 400, retryable: false, description: 'Type the exact account name to confirm.' },
} as const satisfies Record<string, CodeSpec>;
