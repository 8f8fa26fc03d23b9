import type { Prng } from '../../catalog/prng';
import { ZIPS_NOT_IN_TABLE } from '../../catalog/zips';
import type { Address } from '../types';
import { REGIONS } from './regions';

/**
 * The ways real checkout data is messy (contracts/clarity.md §5, last paragraph). Each helper
 * takes clean values and, with the given odds, returns them as a shopper might have typed them.
 */
export interface MessRates {
  /** State spelled out, AP-abbreviated, lower case or padded. */
  region: number;
  zipPlus4: number;
  /** A ZIP that Sage's ZIP table does not know. */
  zipUnknown: number;
  longStreet: number;
}

export const DEFAULT_MESS: MessRates = { region: 0.3, zipPlus4: 0.25, zipUnknown: 0.02, longStreet: 0.08 };

export function messyRegion(r: Prng, code: string, rate: number): string {
  const region = REGIONS[code];
  if (!region || !r.chance(rate)) return code;
  return r.pick([region.name, region.name.toLowerCase(), region.ap, code.toLowerCase(), ` ${code} `, region.name.toUpperCase()]);
}

export function messyZip(r: Prng, zip: string, rates: MessRates): string {
  if (/^\d{5}$/.test(zip)) {
    if (r.chance(rates.zipUnknown)) return r.pick(ZIPS_NOT_IN_TABLE);
    if (r.chance(rates.zipPlus4)) {
      const plus4 = String(r.int(1, 9999)).padStart(4, '0');
      return r.chance(0.5) ? `${zip}-${plus4}` : `${zip}${plus4}`;
    }
  }
  return zip;
}

const LONG_TAILS = ['Building 4 Loading Dock B', 'Receiving Entrance at Rear of Building', 'Attn: Accounts Payable Department',
  'c/o Facilities Maintenance Office'];

/** Street2 as checkouts send it: present, null, an empty string, or no key at all. */
export function messyAddress(r: Prng, a: Address, rates: MessRates): Address {
  const out: Address = {
    ...a,
    Street1: r.chance(rates.longStreet) ? `${a.Street1} ${r.pick(LONG_TAILS)}` : a.Street1,
    City: r.chance(0.1) ? a.City.toUpperCase() : r.chance(0.05) ? a.City.toLowerCase() : a.City,
    RegionCode: messyRegion(r, a.RegionCode, rates.region),
    PostalCode: messyZip(r, a.PostalCode, rates),
  };
  if (!a.Street2) {
    const form = r.int(0, 2);
    if (form === 0) delete out.Street2;
    else out.Street2 = form === 1 ? null : '';
  }
  return out;
}

export function messyPhone(r: Prng, phone: string | null): string | null {
  const d = (phone ?? '').replace(/\D/g, '');
  if (d.length !== 10 || r.chance(0.5)) return phone;
  return r.pick([`(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`, `+1 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, d]);
}

export function messyEmail(r: Prng, email: string): string {
  if (!r.chance(0.06)) return email;
  const [user, domain] = email.split('@');
  return `${user.replace(/^./, (ch) => ch.toUpperCase())}@${domain.toUpperCase()}`;
}

export const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep, ch) => sep + ch.toUpperCase());

/** Shoppers with no account in the store: Unicode, long and oddly punctuated names included. */
export const GUEST_NAMES: Array<[string, string]> = [
  ['Søren', 'Kierkegård'], ['Nguyễn', 'Thị Minh Khai'], ['Łukasz', 'Żółkiewski'], ['Zoë', 'O’Connor'],
  ['Renée', 'Côté-Bérubé'], ['王', '芳'], ['Ana María', 'de la Cruz y Fernández'], ['Jean-Baptiste', 'Lefèvre'],
  ['Maximiliana Alexandra', 'Featherstonehaugh-Worthington'], ['Bartholomew', 'Vandenberghe-Oppenheimer'],
  ['Dmitrí', 'Šostakóvič'], ['Aoife', 'Ní Bhriain'], ['Chloé', 'Lambert'], ['Mikael', 'Åkerström'],
];
