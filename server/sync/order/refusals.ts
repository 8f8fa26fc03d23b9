import type { AppError } from '../../core/errors';

/**
 * A Sage refusal (422) of the sales order, in plain words: what Sage said, which field, and
 * what a person should do. Sage's codes are in contracts/sage100.md.
 */
export function refusalReason(err: AppError, sent: Record<string, unknown>): string {
  const field = err.field;
  const value = field && sent[field] !== undefined ? ` (sent "${String(sent[field])}")` : '';
  const said = `Sage refused the sales order: ${err.message}${field ? ` [field ${field}${value}]` : ''}.`;
  return `${said} ${fixFor(err)}`;
}

function fixFor(err: AppError): string {
  const field = err.field ?? '';
  if (/ZipCode$/.test(field)) {
    return "The ZIP code is not in Sage's ZIP code table: add it in Sage (Library Master → ZIP Code Maintenance), or correct the address in the store, then retry.";
  }
  switch (err.code) {
    case 'IM_Inactive': return 'Make the item active in Sage, or map the SKU to another item, then retry.';
    case 'SO_CreditHold':
    case 'SO_CreditLimit': return 'Release the customer or raise the limit in Sage (or set the credit policy to hold in Sage), then retry.';
    case 'CI_NOF': return `The ${field || 'value'} does not exist in Sage: set it up in Sage or change the mapping, then retry.`;
    case 'CI_CharLength': return `The ${field || 'value'} is too long for Sage: shorten it in the store or the mapping, then retry.`;
    default: return 'Correct the order in the store or the mapping, then retry.';
  }
}
