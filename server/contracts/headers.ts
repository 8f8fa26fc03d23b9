/**
 * Header names the API and the panel agree on. Kept free of zod so the panel's bundle does not
 * carry the validation library just to read a constant.
 *
 * A 401 with `X-Clarity-Retry-Token: 1` means "fetch a new session token and try once more".
 */
export const RETRY_TOKEN_HEADER = 'X-Clarity-Retry-Token';
