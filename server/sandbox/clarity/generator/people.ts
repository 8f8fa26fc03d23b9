import { people, type Person } from '../../catalog/people';
import { prng } from '../../catalog/prng';
import { zipTable } from '../../catalog/zips';
import type { Contact, Customer } from '../types';
import { GUEST_NAMES, titleCase } from './mess';

/** A catalog person as the store's address book has them: tidy, before any checkout mess. */
export function contactOfPerson(p: Person): Contact {
  return {
    FirstName: p.firstName, LastName: p.lastName, Email1: p.email, Phone1: p.phone,
    Address: {
      Company: p.company, Street1: p.street1, Street2: p.street2, City: titleCase(p.city),
      RegionCode: p.state, PostalCode: p.zip, CountryCode: p.country === 'CAN' ? 'CA' : 'US',
    },
  };
}

export function customerOfPerson(p: Person, id: number): Customer {
  const c = contactOfPerson(p);
  return {
    ID: id, CustomKey: `CUST-${id}`, Email: p.email, FirstName: p.firstName, LastName: p.lastName,
    Company: p.company, Phone: p.phone, Address: c.Address, UpdatedDate: '',
  };
}

const STREETS = ['Harbor View Drive', 'Calle de San Sebastián', 'Rue Saint-Denis Extension', 'Old Post Road', 'Jefferson Davis Memorial Highway'];
let guests: Contact[] | undefined;

/**
 * Shoppers who check out as guests: the catalog's people the store has no account for, plus
 * names that stress a mapping (Unicode, very long, apostrophes and hyphens).
 */
export function guestContacts(): Contact[] {
  if (guests) return guests;
  const r = prng(300);
  const zips = zipTable().filter((z) => z.country === 'USA');
  const fromCatalog = people().filter((p) => p.clarityId === undefined).map(contactOfPerson);
  const invented = GUEST_NAMES.map(([first, last], i): Contact => {
    const z = zips[(i * 7) % zips.length];
    const mail = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase() || `guest${i}`;
    return {
      FirstName: first, LastName: last, Email1: `${mail}${i}@mail.example`, Phone1: `${r.int(201, 989)}-555-${String(r.int(100, 9999)).padStart(4, '0')}`,
      Address: { Company: null, Street1: `${r.int(1, 99999)} ${STREETS[i % STREETS.length]}`, Street2: i % 3 === 0 ? `Apt ${r.int(1, 40)}${r.pick(['A', 'B', 'C'])}` : null,
        City: titleCase(z.city), RegionCode: z.state, PostalCode: z.zip, CountryCode: 'US' },
    };
  });
  guests = [...fromCatalog, ...invented];
  return guests;
}

/** Anyone in the demo world, for a "ship to a different address" (a job site, a branch). */
export function anyContact(r: { pick<T>(xs: readonly T[]): T }): Contact {
  return contactOfPerson(r.pick(people()));
}
