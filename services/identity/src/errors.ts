import { defineErrors } from '@mercato/kit';

/** The identity service's error catalog; each code is documented in docs/reference/errors.md. */
export const identityErrors = defineErrors({
  emailTaken: { status: 409, title: 'An account with this email already exists' },
  invalidCredentials: { status: 401, title: 'The email or password is not correct' },
  tooManyLoginAttempts: { status: 429, title: 'Too many failed sign-in attempts; try again later' },
  invalidRefreshToken: { status: 401, title: 'The refresh token is not valid' },
  currentPasswordWrong: { status: 403, title: 'The current password is not correct' },
  accountNotFound: { status: 404, title: 'No such account' },
  logoutNeedsToken: { status: 400, title: 'Send an access token or a refresh token to sign out' },
});
