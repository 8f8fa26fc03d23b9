import type { Context } from 'hono';
import { AppError } from '../../core/errors';

/**
 * Refusals shaped as the contract says: { error: { code, message, field } } with Sage's codes.
 * Thrown as AppError so a deep rule check can stop a request without threading results back.
 */
const fail = (status: number, code: string, message: string, field?: string) =>
  new AppError(code, message, { status, field, errorClass: status === 409 || status >= 500 ? 'transient' : 'permanent' });

export const badRequest = (message: string, field?: string) => fail(400, 'BadRequest', message, field);
export const unauthorized = (message: string) => fail(401, 'Unauthorized', message);
export const noKey = (message: string) => fail(404, 'CI_NoKey', message);
export const recordInUse = (message: string) => fail(409, 'RecordInUse', message);
export const notOnFile = (field: string, message: string) => fail(422, 'CI_NOF', message, field);
export const invalid = (field: string, message: string) => fail(422, 'CI_Invalid', message, field);
export const charLength = (field: string, length: number, max: number, where = '') =>
  fail(422, 'CI_CharLength', `${where}${field} is ${length} characters long; Sage allows at most ${max}`, field);
export const creditHold = (key: string) =>
  fail(422, 'SO_CreditHold', `Customer ${key} is on credit hold; enter the order on hold (OrderStatus H) or release the customer`, 'CustomerNo');
export const creditLimit = (key: string, exposure: number, limit: number) =>
  fail(422, 'SO_CreditLimit', `Customer ${key} would be at ${exposure.toFixed(2)} against a credit limit of ${limit.toFixed(2)}`, 'CustomerNo');
export const itemInactive = (itemCode: string, line: number) =>
  fail(422, 'IM_Inactive', `Line ${line}: item ${itemCode} is inactive`, 'ItemCode');

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
}

/** The sandbox's onError: Sage-shaped bodies for rule refusals, a plain 500 for anything else. */
export function sageOnError(log?: (err: unknown) => void) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError) return c.json(errorBody(err), err.status as 400);
    log?.(err);
    return c.json({ error: { code: 'InternalError', message: err.message } }, 500);
  };
}
