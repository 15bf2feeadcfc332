/**
 * Origin check for public state-changing routes (sign-in, setup, accepting an invite): a page on
 * another site must not sign a browser into an account (login CSRF). Absent Origin is allowed
 * (non-browser clients); a present one must be public_url's.
 */
import type { FastifyRequest } from 'fastify';
import type { Runtime } from '../../../runtime.ts';
import { AppError } from '../../../errors/app-error.ts';

export function sameOriginOnly(rt: Runtime): (request: FastifyRequest) => Promise<void> {
  const publicOrigin = new URL(rt.config.server.public_url).origin;
  return async (request) => {
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if ((origin !== undefined && origin !== publicOrigin) || site === 'cross-site') {
      throw new AppError('CSRF_FAILED', 'this request must come from the Bifrost dashboard origin');
    }
  };
}
