import type { CustomerInput } from '../../connectors/sage100/customers';
import { SAGE_LAYOUT_LENGTHS } from '../../domain/sage';
import type { ClarityContact, ClarityOrder } from '../../domain/clarity-order';
import type { MappingConfig } from '../../mapping/config';
import { fitToSage, normalizeAddress } from '../../mapping/address';
import { customerName, deriveCustomerNo, fitName } from '../../mapping/names';

/** A customer to create, and what had to be shortened to fit Sage. */
export interface CustomerDraft {
  input: CustomerInput;
  warnings: string[];
}

/** The contact that stands for the customer: billing, else shipping. */
function contactOf(order: ClarityOrder): ClarityContact | null {
  return order.BillingContact ?? order.ShippingContact ?? null;
}

/** The name Sage would hold: company, else the person, cut to Sage's 30 as stored there. */
export function customerNameFor(order: ClarityOrder): string {
  const c = contactOf(order);
  return fitName(customerName(c?.Address?.Company, c?.FirstName, c?.LastName), 'customer', 30).value;
}

/** The 5-digit ZIP (or the postal code as normalized) Sage indexes customers by. */
export function customerZipFor(order: ClarityOrder): string {
  const a = normalizeAddress(contactOf(order)?.Address);
  return a.country === 'US' ? a.zip.slice(0, 5) : a.zip;
}

/** The customer number the mapping's numbering asks for; undefined lets Sage take its next number. */
function customerNoFor(order: ClarityOrder, config: MappingConfig): string | undefined {
  const { numbering, prefix } = config.customer;
  const c = contactOf(order);
  const email = c?.Email1?.trim() ?? '';
  const source = numbering === 'from-email' ? email.split('@')[0]
    : numbering === 'from-name' ? customerName(c?.Address?.Company, c?.FirstName, c?.LastName)
      : numbering === 'from-account' ? String(order.AccountKey?.trim() || order.AccountID || '')
        : '';
  return source ? deriveCustomerNo(source, prefix) : undefined;
}

export function customerInputFor(order: ClarityOrder, config: MappingConfig): CustomerDraft {
  const c = contactOf(order);
  const name = customerName(c?.Address?.Company, c?.FirstName, c?.LastName) || c?.Email1 || `Web order ${order.CustomKey ?? order.ID}`;
  const address = normalizeAddress(c?.Address, 'billing address');
  const fit = fitToSage(address, name, { label: 'customer', countryCodes: config.order.countryCodes });
  const phone = (c?.Phone1 ?? '').trim().slice(0, SAGE_LAYOUT_LENGTHS.TelephoneNo);
  const division = config.customer.division;
  const input: CustomerInput = {
    ARDivisionNo: division,
    CustomerName: fit.fields.Name,
    AddressLine1: fit.fields.Address1,
    AddressLine2: fit.fields.Address2,
    AddressLine3: fit.fields.Address3,
    City: fit.fields.City || undefined,
    State: fit.fields.State || undefined,
    ZipCode: fit.fields.ZipCode || undefined,
    CountryCode: fit.fields.CountryCode || undefined,
    TelephoneNo: phone || undefined,
    EmailAddress: c?.Email1?.trim() || undefined,
    TermsCode: config.customer.termsCode,
    TaxSchedule: config.customer.taxSchedule,
    ShipMethod: config.customer.shipMethod,
    CreditLimit: config.customer.creditLimit,
  };
  const customerNo = customerNoFor(order, config);
  if (customerNo) input.CustomerNo = customerNo;
  for (const k of Object.keys(input) as Array<keyof CustomerInput>) if (input[k] === undefined) delete input[k];
  return { input, warnings: [...address.warnings, ...fit.warnings] };
}
