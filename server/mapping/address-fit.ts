import { SAGE_LENGTHS as L } from '../domain/sage';
import type { NormalizedAddress } from './address';
import { cutAtWord, fitName } from './names';
import { unitAt } from './street-line';
import { ISO2_TO_ISO3 } from './usps/countries';

/**
 * Sage's lengths for an address (name 30, three lines of 30, city 20, state 2, ZIP 10, country 3)
 * without silently losing anything: a line that is too long breaks at a word (before the unit
 * designator when there is one) and the rest moves to the next line; lines that still do not fit
 * in three go to the order comment. Every shortening is a warning in plain words.
 */

export interface SageAddress {
  Name: string;
  Address1?: string;
  Address2?: string;
  Address3?: string;
  City: string;
  State: string;
  ZipCode: string;
  CountryCode: string;
}

export interface FitResult {
  fields: SageAddress;
  warnings: string[];
  /** Text kept for the order comment because Sage's fields could not hold it. */
  overflow: string[];
}

const CITY_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['SAINT', 'ST'], ['SAINTE', 'STE'], ['FORT', 'FT'], ['MOUNT', 'MT'], ['NORTH', 'N'], ['SOUTH', 'S'], ['EAST', 'E'],
  ['WEST', 'W'], ['HEIGHTS', 'HTS'], ['SPRINGS', 'SPGS'], ['VILLAGE', 'VLG'], ['CENTER', 'CTR'], ['JUNCTION', 'JCT'],
  ['BEACH', 'BCH'], ['ISLAND', 'IS'], ['LAKE', 'LK'], ['POINT', 'PT'], ['HARBOR', 'HBR'], ['FALLS', 'FLS'],
  ['GARDENS', 'GDNS'], ['VALLEY', 'VLY'], ['TOWNSHIP', 'TWP'], ['CROSSING', 'XING'], ['STATION', 'STA'],
];

/** Where to break a too-long line: before a unit designator if that leaves both parts short enough. */
function breakLine(line: string, max: number): { head: string; tail: string } {
  const tokens = line.split(' ');
  for (let i = tokens.length - 1; i >= 2; i--) {
    if (!unitAt(tokens, i)) continue;
    const head = tokens.slice(0, i).join(' ');
    if (head.length <= max) return { head, tail: tokens.slice(i).join(' ') };
  }
  return cutAtWord(line, max);
}

function fitLines(lines: string[], label: string, warnings: string[], overflow: string[]): string[] {
  const max = L.AddressLine;
  const queue = [...lines];
  const out: string[] = [];
  while (queue.length) {
    const line = queue.shift()!;
    if (line.length <= max) {
      out.push(line);
      continue;
    }
    const { head, tail } = breakLine(line, max);
    out.push(head);
    const next = queue[0];
    if (next !== undefined && `${tail} ${next}`.length <= max) queue[0] = `${tail} ${next}`;
    else queue.unshift(tail);
    warnings.push(`${label} line "${line}" is longer than ${max} characters; "${tail}" moved to the next line`);
  }
  // More than three lines: join neighbours that fit together, last ones first, before giving up.
  for (let i = out.length - 2; out.length > 3 && i >= 0; i--) {
    if (`${out[i]} ${out[i + 1]}`.length <= max) {
      out.splice(i, 2, `${out[i]} ${out[i + 1]}`);
      warnings.push(`${label} has more than three lines; "${out[i]}" is now one line`);
    }
  }
  if (out.length > 3) {
    const rest = out.splice(3);
    overflow.push(`${label} continued: ${rest.join(' / ')}`);
    warnings.push(`${label} does not fit in Sage's three lines of ${max}; "${rest.join(' / ')}" is in the order comment`);
  }
  return out;
}

function fitCity(city: string, label: string, warnings: string[], overflow: string[]): string {
  const max = L.City;
  if (city.length <= max) return city;
  let short = city;
  for (const [word, abbr] of CITY_WORDS) {
    if (short.length <= max) break;
    short = short.replace(new RegExp(`\\b${word}\\b`, 'g'), abbr);
  }
  if (short.length <= max) {
    warnings.push(`${label} city "${city}" is longer than ${max} characters; written as "${short}"`);
    return short;
  }
  const { head } = cutAtWord(short, max);
  overflow.push(`${label} city: ${city}`);
  warnings.push(`${label} city "${city}" is longer than ${max} characters; cut to "${head}", the full city is in the order comment`);
  return head;
}

/** A field Sage cannot hold at all (a 20-character foreign postcode) is left empty and kept in the comment. */
function fitCode(value: string, max: number, what: string, label: string, warnings: string[], overflow: string[]): string {
  if (value.length <= max) return value;
  overflow.push(`${label} ${what}: ${value}`);
  warnings.push(`${label} ${what} "${value}" is longer than Sage's ${max} characters; it is in the order comment instead`);
  return '';
}

export function fitToSage(
  address: NormalizedAddress,
  name: string,
  opts: { label: string; countryCodes?: 'iso3' | 'iso2' },
): FitResult {
  const { label } = opts;
  const warnings: string[] = [];
  const overflow: string[] = [];
  const fittedName = fitName(name, `${label} name`, L.ShipToName);
  warnings.push(...fittedName.warnings);
  if (fittedName.overflow) overflow.push(fittedName.overflow);
  const lines = fitLines(address.lines, label, warnings, overflow);
  const country = (opts.countryCodes ?? 'iso3') === 'iso3' ? ISO2_TO_ISO3.get(address.country) ?? address.country : address.country;
  const fields: SageAddress = {
    Name: fittedName.value,
    ...(lines[0] !== undefined && { Address1: lines[0] }),
    ...(lines[1] !== undefined && { Address2: lines[1] }),
    ...(lines[2] !== undefined && { Address3: lines[2] }),
    City: fitCity(address.city, label, warnings, overflow),
    State: fitCode(address.state, L.State, 'state', label, warnings, overflow),
    ZipCode: fitCode(address.zip, L.ZipCode, 'postal code', label, warnings, overflow),
    CountryCode: fitCode(country, L.CountryCode, 'country', label, warnings, overflow),
  };
  return { fields, warnings, overflow };
}

/** Prefixes a fitted address with Sage's header names: ShipToName, ShipToAddress1, ... */
export function sageAddressFields<P extends 'ShipTo' | 'BillTo'>(prefix: P, a: SageAddress): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined && v !== '') out[`${prefix}${k}`] = v;
  return out;
}
