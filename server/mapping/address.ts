import type { ClarityAddress } from '../domain/clarity-order';
import { cleanText, normalizeLine } from './street-line';
import { countryIso2, US_TERRITORIES } from './usps/countries';
import { MILITARY_CITIES, regionCode, regionKey } from './usps/states';

export { fitToSage, sageAddressFields } from './address-fit';
export type { SageAddress, FitResult } from './address-fit';

/**
 * An address in standard form: USPS Publication 28 for US addresses (and US territories and
 * military mail), Canada Post's upper-case form with a proper postal code for Canada, and a
 * clean upper-case form for the rest. Nothing is dropped here; lengths are Sage's business and
 * are dealt with by fitToSage.
 */
export interface NormalizedAddress {
  /** Street lines, empty ones removed, in order. */
  lines: string[];
  city: string;
  /** 2-letter code where known; otherwise the region as written, upper case. */
  state: string;
  zip: string;
  /** ISO 3166-1 alpha-2 ("US", "CA"), or the country as written when it is not known. */
  country: string;
  /** What was changed that a person might want to know (a padded ZIP, a guessed country). */
  warnings: string[];
  /** What makes the address unusable for shipping as it stands (no street, unknown state, bad ZIP). */
  problems: string[];
}

export type AddressInput = Pick<ClarityAddress, 'Street1' | 'Street2' | 'Street3' | 'City' | 'RegionCode' | 'RegionName' | 'PostalCode' | 'CountryCode' | 'CountryName'>;

const CA_POSTAL = /^([A-Z]\d[A-Z])\s*-?\s*(\d[A-Z]\d)$/;
const US_ZIP = /^(\d{5})(?:\s*-?\s*(\d{4}))?-?$/;

export function normalizeAddress(input: AddressInput | null | undefined, label = 'address'): NormalizedAddress {
  const a = input ?? {};
  const warnings: string[] = [];
  const problems: string[] = [];
  const rawZip = (a.PostalCode ?? '').toString().trim().toUpperCase();
  const rawRegion = (a.RegionCode?.trim() || a.RegionName?.trim() || '').toString();

  let country = resolveCountry(a, rawZip, rawRegion, label, warnings);
  let state = '';
  if (US_TERRITORIES.has(country)) {
    // USPS serves Puerto Rico, Guam and the rest as states of the US.
    state = country;
    country = 'US';
  }
  if (country === 'US' || country === 'CA') {
    const code = rawRegion ? regionCode(rawRegion, country) : undefined;
    if (code) state = code;
    else if (rawRegion) {
      state = regionKey(rawRegion);
      problems.push(`${label} state "${rawRegion}" is not a ${country === 'US' ? 'US state or territory' : 'Canadian province'}`);
    } else if (!state) problems.push(`${label} has no state`);
  } else state = regionKey(rawRegion);

  const zip = normalizeZip(rawZip, country, label, warnings, problems);
  const ascii = country === 'US';
  const lines: string[] = [];
  for (const [i, raw] of [a.Street1, a.Street2, a.Street3].entries()) {
    const text = (raw ?? '').toString();
    if (!text.trim()) continue;
    const line = country === 'US' ? normalizeLine(text, { ascii, delivery: lines.length === 0 }) : cleanText(text, false);
    if (!line) continue;
    if (lines.includes(line)) {
      warnings.push(`${label} line ${i + 1} repeats "${line}"; it is written once`);
      continue;
    }
    lines.push(line);
  }
  if (lines.length === 0) problems.push(`${label} has no street`);
  const city = cleanText((a.City ?? '').toString(), ascii).replace(/-/g, ' ');
  if (!city) problems.push(`${label} has no city`);
  if (country === 'US' && MILITARY_CITIES.has(city) && !['AA', 'AE', 'AP'].includes(state)) {
    problems.push(`${label} is military mail (${city}) but the state is "${state}", not AA, AE or AP`);
  }
  return { lines, city, state, zip, country, warnings, problems };
}

function resolveCountry(a: AddressInput, zip: string, region: string, label: string, warnings: string[]): string {
  const given = (a.CountryCode?.trim() || a.CountryName?.trim() || '').toString();
  if (given) {
    const iso = countryIso2(given);
    if (iso) return iso;
    warnings.push(`${label} country "${given}" is not a known country; kept as written`);
    return regionKey(given);
  }
  if (CA_POSTAL.test(zip) || (region && regionCode(region, 'CA') && !regionCode(region, 'US'))) return 'CA';
  // A US-looking ZIP (even one that lost its leading zero) makes the guess safe enough to keep quiet.
  if (!/^(\d{4}|\d{5}|\d{8}|\d{9})$/.test(zip.replace(/[\s-]/g, ''))) warnings.push(`${label} has no country; taken as US`);
  return 'US';
}

function normalizeZip(raw: string, country: string, label: string, warnings: string[], problems: string[]): string {
  if (!raw) {
    if (country === 'US' || country === 'CA') problems.push(`${label} has no ${country === 'US' ? 'ZIP code' : 'postal code'}`);
    return '';
  }
  if (country === 'CA') {
    const m = CA_POSTAL.exec(raw);
    if (m) return `${m[1]} ${m[2]}`;
    problems.push(`${label} postal code "${raw}" is not a Canadian postal code (A1A 1A1)`);
    return raw;
  }
  if (country !== 'US') return raw.replace(/\s+/g, ' ');
  let digits = raw.replace(/[\s-]/g, '');
  if (/^\d{9}$/.test(digits) || /^\d{5}$/.test(digits)) {
    const m = US_ZIP.exec(raw) ?? US_ZIP.exec(digits);
    if (m) return m[2] ? `${m[1]}-${m[2]}` : m[1];
  }
  // A ZIP that went through a spreadsheet loses its leading zero: 2108 → 02108, 21081234 → 02108-1234.
  if (/^\d{4}$/.test(digits) || /^\d{8}$/.test(digits)) {
    digits = `0${digits}`;
    const fixed = digits.length === 9 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
    warnings.push(`${label} ZIP "${raw}" had lost its leading zero; written as ${fixed}`);
    return fixed;
  }
  problems.push(`${label} ZIP "${raw}" is not a US ZIP code (12345 or 12345-6789)`);
  return raw;
}
