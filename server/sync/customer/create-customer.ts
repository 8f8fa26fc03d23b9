import { AppError } from '../../core/errors';
import type { SageCustomer } from '../../connectors/sage100/schemas';
import { withSuffix } from '../../mapping/names';
import type { CustomerDraft } from './customer-input';
import type { CustomerDeps } from './resolve-customer';

export type CreateCustomerResult =
  | { ok: true; customer: SageCustomer; note?: string }
  | { ok: false; reason: string; field?: string };

/**
 * POST /AR/Customer. Sage refuses a ZIP that is not in its ZIP table (422 CI_Invalid on
 * ZipCode); by default that holds the order with a plain reason, because the ZIP table drives
 * city names and tax and is the merchant's to curate. When the merchant allows it, the ZIP is
 * added from the order's city and state and the create is tried once more (safe: a 422 means
 * nothing was written). A timeout is not caught: the job retries, and the retry finds the
 * customer by e-mail or name + ZIP before it would create another.
 */
export async function createCustomer(d: CustomerDeps, draft: CustomerDraft): Promise<CreateCustomerResult> {
  if (draft.input.CustomerNo) draft = { ...draft, input: { ...draft.input, CustomerNo: await freeCustomerNo(d, draft.input.ARDivisionNo, draft.input.CustomerNo) } };
  try {
    return { ok: true, customer: await d.sage.customers.create(draft.input) };
  } catch (err) {
    if (!isZipRefusal(err) || !d.addUnknownZips || !draft.input.ZipCode) return refusal(err, draft);
  }
  const { ZipCode, City, State, CountryCode } = draft.input;
  if (!City || !State) return refusal(new AppError('CI_Invalid', 'ZIP code is not in the ZIP table', { field: 'ZipCode', status: 422 }), draft);
  await d.sage.lookups.addZipCode({ ZipCode: ZipCode!, City, State, CountryCode: CountryCode ?? 'USA' });
  try {
    return { ok: true, customer: await d.sage.customers.create(draft.input), note: `ZIP ${ZipCode} added to Sage's ZIP table` };
  } catch (err) {
    return refusal(err, draft);
  }
}

export function isZipRefusal(err: unknown): boolean {
  return err instanceof AppError && err.status === 422 && /ZipCode$/i.test(err.field ?? '');
}

/** A business-rule refusal becomes a hold reason; anything else is rethrown for the job engine. */
function refusal(err: unknown, draft: CustomerDraft): CreateCustomerResult {
  if (!(err instanceof AppError) || err.status !== 422) throw err;
  const field = err.field ?? 'the customer';
  const value = err.field ? (draft.input as unknown as Record<string, unknown>)[err.field] : undefined;
  if (isZipRefusal(err)) {
    return {
      ok: false, field: 'ZipCode',
      reason: `Sage refused the new customer "${draft.input.CustomerName}": ZIP ${value ?? ''} is not in Sage's ZIP code table.`
        + ' Add the ZIP in Sage (Library Master → ZIP Code Maintenance) or allow the connector to add unknown ZIPs, then retry.',
    };
  }
  return {
    ok: false, field,
    reason: `Sage refused the new customer "${draft.input.CustomerName}" (${err.code}${err.field ? ` on ${err.field}` : ''}`
      + `${value !== undefined ? ` = "${String(value)}"` : ''}): ${err.message}. Fix the value in the store or the mapping, then retry.`,
  };
}

/**
 * A derived number ("ORTIZ") may belong to someone else already: take the first free one of
 * ORTIZ, ORTIZ2, ORTIZ3 ... (this person is not among them: the e-mail and name + ZIP searches
 * came first).
 */
async function freeCustomerNo(d: CustomerDeps, division: string, wanted: string): Promise<string> {
  for (let n = 1; n <= 50; n++) {
    const candidate = n === 1 ? wanted : withSuffix(wanted, n);
    if (!(await d.sage.customers.get(division, candidate))) return candidate;
  }
  throw new AppError('CustomerNoExhausted', `customer numbers ${wanted} to ${withSuffix(wanted, 50)} are all taken in division ${division}`,
    { errorClass: 'permanent', status: 422, field: 'CustomerNo' });
}
