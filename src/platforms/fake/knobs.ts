/** Default knob values shared by the fakes; each platform overrides what its documentation says. */
import type { FakeKnobs } from './types.ts';

export function baseKnobs(overrides: Partial<FakeKnobs> & Pick<FakeKnobs, 'defaultUser' | 'refreshMode' | 'accessTokenLifetime'>): FakeKnobs {
  return {
    autoApprove: false,
    acceptAnyClient: false,
    requireClientSecret: true,
    redirectUriPrefixes: [],
    refreshTokenLifetime: null,
    latencyMs: 0,
    forceStatus: null,
    rateLimit: null,
    garbage: null,
    dropConnection: false,
    faultEndpoints: ['token'],
    faultTimes: null,
    dropAfterRotate: false,
    invalidClient: false,
    revokedGrant: false,
    unknownScopes: 'reject',
    accessTokenCap: null,
    grantsPerUserCap: null,
    ...overrides,
  };
}

/** Shorthands for `knobs.refreshMode`. */
export const refreshModes = {
  nonRotating: { kind: 'non_rotating' },
  rotatingWithGrace: (graceSeconds: number) => ({ kind: 'rotating_with_grace', graceSeconds }),
  strict: { kind: 'strict_rotation' },
} as const satisfies Record<string, FakeKnobs['refreshMode'] | ((s: number) => FakeKnobs['refreshMode'])>;
