// The Twilio Device identity of a trainee and back: `callsim_<userId>`, letters, digits
// and `_` only as Twilio requires. The Voice webhook sees it as `From=client:<identity>`;
// the signature check makes it trustworthy, the token minting makes it one user's.
const IDENTITY_PREFIX = 'callsim_';

/** The Device identity of a user. */
export function identityFor(userId: string): string {
  return `${IDENTITY_PREFIX}${userId}`;
}

/** The user id behind `client:callsim_<id>` (or the bare identity); null for anything else. */
export function userIdFromIdentity(from: string | undefined): string | null {
  const identity = from?.startsWith('client:') ? from.slice('client:'.length) : from;
  if (!identity?.startsWith(IDENTITY_PREFIX)) return null;
  const userId = identity.slice(IDENTITY_PREFIX.length);
  return /^[0-9A-Za-z]{1,64}$/.test(userId) ? userId : null;
}
