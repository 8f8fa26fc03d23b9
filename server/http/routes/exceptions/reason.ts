/**
 * The reason an exception is on the list, in words a merchant can act on. Handlers already write
 * plain messages; this adds what a bare Sage or transport code means when that is all there is.
 */
const BY_CODE: Record<string, string> = {
  CI_CharLength: 'A value is longer than Sage allows for its field.',
  CI_NOF: 'Sage does not know a value this order uses (a code, item or ZIP code).',
  CI_Invalid: 'Sage refused a value as invalid.',
  CI_NoKey: 'A record this order needs does not exist in Sage.',
  SO_CreditHold: 'The customer is on credit hold in Sage.',
  SO_CreditLimit: 'The order would take the customer over their credit limit in Sage.',
  IM_Inactive: 'An item on the order is inactive in Sage.',
  Unauthorized: 'The Sage gateway refused the API key or the Sage user lacks rights. Check Settings.',
  BadRequest: 'The Sage gateway refused the request as malformed.',
  NoSageGateway: 'No Sage 100 gateway is set up for this store. Add one under Settings.',
  SageGatewayIncomplete: 'The Sage gateway settings are incomplete. Complete them under Settings.',
  InvalidOrder: 'The order as received is missing data the connector needs.',
  AttemptsExhausted: 'It kept failing with temporary errors until the connector stopped trying.',
  UnknownOutcome: 'Sage did not answer in time, so it is unknown whether the order was written.',
};

export function plainReason(job: { lastError: string | null; errorCode: string | null; state: string }): string {
  const known = job.errorCode ? BY_CODE[job.errorCode] : undefined;
  const message = job.lastError?.trim();
  if (known && message && !message.startsWith(known)) return `${known} ${message}`;
  if (message) return message;
  if (known) return known;
  return job.state === 'held' ? 'Stopped by a rule; look at the order and the mapping, then retry.' : 'It failed and was not retried.';
}
