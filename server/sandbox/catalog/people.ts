import { prng } from './prng';
import { zipTable } from './zips';

/**
 * Shared demo people: companies and shoppers. Sage knows the first 120 as AR customers; the
 * Clarity store knows 100 of those by the same e-mail (returning customers) plus 40 of its own
 * (new to Sage), so orders exercise "found by e-mail", "found by name + ZIP" and "created".
 */
export interface Person {
  firstName: string;
  lastName: string;
  company: string | null;
  email: string;
  phone: string;
  street1: string;
  street2: string | null;
  city: string;
  state: string;
  zip: string;
  country: 'USA' | 'CAN';
  /** Present for people Sage has as customers. */
  sage?: {
    ARDivisionNo: string;
    CustomerNo: string;
    CreditHold: 'Y' | 'N';
    CreditLimitCents: number;
    CurrentBalanceCents: number;
    OpenOrderAmtCents: number;
  };
  /** Present for people the Clarity store has as customers. */
  clarityId?: number;
}

const FIRST = ['Dana', 'José', 'Mei', 'Olusegun', 'Priya', 'Liam', 'Zoë', 'Björn', 'Fatima', 'Carlos', 'Hannah', 'Kenji',
  'Siobhan', 'Raj', 'Amélie', 'Tomasz', 'Grace', 'Mohammed', 'Ingrid', 'Luis'];
const LAST = ['Ortiz', 'García', 'Chen', 'Adeyemi', 'Patel', "O'Brien", 'Müller', 'Johansson', 'Haddad', 'Nguyen',
  'Kowalski', 'Smith-Whitfield', 'Tanaka', 'Rossi', 'Dubois', 'Okafor', 'Larsen', 'Fitzgerald', 'Novak', 'Reyes'];
const COMPANIES = ['Acme Supply', 'Lone Star Facilities Management Group', 'Harbor Marine', 'Pinecrest Property Services',
  'Blue Ridge Builders', 'Summit Janitorial', 'Metro Electric Contractors Incorporated', 'Cascade Plumbing & Heating',
  'Redwood Hardware', 'Prairie Farm Co-op'];
const STREETS = ['North Lamar Boulevard', 'Main Street', 'Oak Avenue', 'West 34th Street', 'Peachtree Road Northeast',
  'Martin Luther King Junior Parkway', 'Elm St.', 'South Congress Ave', 'Industrial Parkway', 'Commerce Drive',
  'County Road 12', 'Old Mill Road Extension'];
const UNITS = ['Suite 400', 'Apt 4B', '#12', 'Unit 7', 'Floor 3', 'Bldg C', 'Ste. 200'];

let cached: Person[] | undefined;

export function people(): Person[] {
  if (cached) return cached;
  const r = prng(200);
  const zips = zipTable().filter((z) => z.country === 'USA');
  const list: Person[] = [];
  for (let i = 0; i < 160; i++) {
    const firstName = FIRST[i % FIRST.length];
    const lastName = LAST[(i * 3 + Math.floor(i / 20)) % LAST.length];
    const z = zips[i % zips.length];
    const company = i % 3 === 0 ? null : `${COMPANIES[i % COMPANIES.length]}${i >= COMPANIES.length ? ` ${Math.floor(i / 10)}` : ''}`;
    const mailName = `${firstName}.${lastName}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    const p: Person = {
      firstName, lastName, company,
      email: `${mailName}${i}@${company ? company.split(' ')[0].toLowerCase().replace(/[^a-z]/g, '') : 'mail'}.example`,
      phone: `${r.int(201, 989)}-555-${String(r.int(100, 9999)).padStart(4, '0')}`,
      street1: `${r.int(1, 9999)} ${STREETS[i % STREETS.length]}`,
      street2: r.chance(0.35) ? UNITS[i % UNITS.length] : null,
      city: z.city, state: z.state, zip: z.zip, country: 'USA',
    };
    if (i < 120) {
      const limit = r.pick([0, 500000, 1000000, 2500000, 5000000]);
      const nearLimit = i % 10 === 4 && limit > 0;
      p.sage = {
        ARDivisionNo: i % 4 === 3 ? '02' : '01',
        CustomerNo: i % 5 === 0 ? String(1000 + i).padStart(7, '0') : `${lastName.replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 6)}${i}`,
        CreditHold: i % 17 === 5 ? 'Y' : 'N',
        CreditLimitCents: limit,
        CurrentBalanceCents: nearLimit ? limit - r.int(1000, 5000) : Math.floor(limit * r.next() * 0.4),
        OpenOrderAmtCents: 0,
      };
    }
    if (i >= 20) p.clarityId = 5000 + i;
    list.push(p);
  }
  cached = list;
  return list;
}
