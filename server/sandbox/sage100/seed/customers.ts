import type { InStatement } from '@libsql/client';
import { people, type Person } from '../../catalog/index';
import type { SageStamp } from '../sage-time';
import { insertMany } from './insert-many';

/** Tax schedule a customer was set up with: Texans on TX, a few exempt businesses, the rest WEB. */
function taxScheduleOf(p: Person, i: number): string {
  if (p.company && i % 13 === 7) return 'NONTAX';
  return p.state === 'TX' ? 'TX' : 'WEB';
}

/**
 * AR customers from the catalog people Sage knows. Names and streets longer than Sage allows
 * are stored cut to 30, as the clerk who keyed them in would have had to.
 */
export function customerStatements(company: string, s: SageStamp): { stmts: InStatement[]; nextCustomerNo: Record<string, number> } {
  const next: Record<string, number> = {};
  const rows = people().flatMap((p, i) => {
    if (!p.sage) return [];
    const { ARDivisionNo, CustomerNo } = p.sage;
    if (/^\d+$/.test(CustomerNo)) next[ARDivisionNo] = Math.max(next[ARDivisionNo] ?? 1, Number(CustomerNo) + 1);
    return [[
      company, ARDivisionNo, CustomerNo, (p.company ?? `${p.firstName} ${p.lastName}`).slice(0, 30),
      p.street1.slice(0, 30), p.street2, null, p.city, p.state, p.zip, p.country, p.phone, p.email,
      p.company ? '01' : '00', taxScheduleOf(p, i), 'UPS GROUND', p.sage.CreditHold, p.sage.CreditLimitCents / 100,
      p.sage.CurrentBalanceCents / 100, p.sage.OpenOrderAmtCents / 100, 'A', s.DateUpdated, s.DateUpdated, s.TimeK,
    ]];
  });
  const stmts = insertMany('ar_customer', ['Company', 'ARDivisionNo', 'CustomerNo', 'CustomerName', 'AddressLine1',
    'AddressLine2', 'AddressLine3', 'City', 'State', 'ZipCode', 'CountryCode', 'TelephoneNo', 'EmailAddress', 'TermsCode',
    'TaxSchedule', 'ShipMethod', 'CreditHold', 'CreditLimit', 'CurrentBalance', 'OpenOrderAmt', 'CustomerStatus',
    'DateCreated', 'DateUpdated', 'TimeK'], rows);
  return { stmts, nextCustomerNo: next };
}
