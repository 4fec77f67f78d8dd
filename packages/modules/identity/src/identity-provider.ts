// The identity provider checks that name, ID number and phone belong together (the carrier's
// "three-element" check) and that a live person matches the ID photo. Real providers plug in
// behind this interface; the sandbox gives deterministic outcomes for documented test identities
// (docs/identity.md).
import { IdentityErrors } from './errors';

export interface IdentityCheckInput {
  name: string;
  idNumber: string;
  phone: string;
  /** The token of a liveness session done in the app with the provider's SDK, when there was one. */
  livenessToken?: string | undefined;
}

export type IdentityCheckOutcome =
  | { kind: 'verified'; reference: string }
  | { kind: 'mismatch'; reference: string }
  | { kind: 'liveness_failed'; reference: string };

export interface IdentityProvider {
  readonly name: string;
  check(input: IdentityCheckInput): Promise<IdentityCheckOutcome>;
}

/**
 * Sandbox outcomes: a name containing 不符 fails the three-element check, a name containing 假 fails
 * liveness, a name containing 超时 makes the provider unavailable (503); a liveness token
 * `fail` also fails liveness. Everything else is verified.
 */
export const sandboxIdentityProvider: IdentityProvider = {
  name: 'sandbox',
  async check(input) {
    const reference = `sbx_${input.idNumber.slice(-4)}`;
    if (input.name.includes('超时')) throw IdentityErrors.IDENTITY_PROVIDER_UNAVAILABLE();
    if (input.name.includes('不符')) return { kind: 'mismatch', reference };
    if (input.name.includes('假') || input.livenessToken === 'fail') return { kind: 'liveness_failed', reference };
    return { kind: 'verified', reference };
  },
};

export const unconfiguredIdentityProvider: IdentityProvider = {
  name: 'unconfigured',
  async check() {
    throw IdentityErrors.IDENTITY_PROVIDER_UNAVAILABLE({ detail: 'No identity provider is configured.' });
  },
};
