import { SAGE_LENGTHS } from '../domain/sage';

/**
 * People's and companies' names as Sage holds them: Unicode kept (José García stays José
 * García), spaces tidied, and at most 30 characters. A name that is too long is first shortened
 * the way a person would (Incorporated → Inc) and only then cut at a word; whatever is cut is
 * handed back so the caller can keep it in the order comment. Nothing shortens silently.
 */

const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bIncorporated\b/gi, 'Inc'], [/\bCorporation\b/gi, 'Corp'], [/\bCompany\b/gi, 'Co'], [/\bLimited\b/gi, 'Ltd'],
  [/\bManagement\b/gi, 'Mgmt'], [/\bServices\b/gi, 'Svcs'], [/\bService\b/gi, 'Svc'], [/\bAssociates\b/gi, 'Assoc'],
  [/\bInternational\b/gi, 'Intl'], [/\bDepartment\b/gi, 'Dept'], [/\bBrothers\b/gi, 'Bros'],
  [/\bManufacturing\b/gi, 'Mfg'], [/\bDistribution\b/gi, 'Dist'], [/\bEnterprises\b/gi, 'Ent'],
  [/\bIndustries\b/gi, 'Ind'], [/\bUniversity\b/gi, 'Univ'], [/\bAssociation\b/gi, 'Assn'], [/\band\b/gi, '&'],
];

/** Keeps the case of the word it replaces: "INCORPORATED" → "INC", "Incorporated" → "Inc". */
function sameCase(original: string, replacement: string): string {
  return original === original.toUpperCase() && /[A-Z]/.test(original) ? replacement.toUpperCase() : replacement;
}

export const tidy = (s: string | null | undefined) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/** Cuts at the last space that keeps `max` characters (counting code points), else hard at max. */
export function cutAtWord(text: string, max: number): { head: string; tail: string } {
  const chars = [...text];
  if (chars.length <= max) return { head: text, tail: '' };
  const limit = chars.slice(0, max + 1).join('');
  const space = limit.lastIndexOf(' ');
  if (space > 0) return { head: text.slice(0, space).trimEnd(), tail: text.slice(space + 1).trim() };
  return { head: chars.slice(0, max).join(''), tail: chars.slice(max).join('') };
}

export interface FitText {
  value: string;
  warnings: string[];
  /** Text that could not be kept in the field, for the order comment. Empty when all fit. */
  overflow: string;
}

/** A name in at most `max` characters; `label` names the field in the warning. */
export function fitName(name: string | null | undefined, label: string, max: number = SAGE_LENGTHS.CustomerName): FitText {
  const full = tidy(name);
  if ([...full].length <= max) return { value: full, warnings: [], overflow: '' };
  let short = full;
  for (const [re, abbr] of ABBREVIATIONS) {
    if ([...short].length <= max) break;
    short = short.replace(re, (m) => sameCase(m, abbr));
  }
  if ([...short].length <= max) {
    return { value: short, warnings: [`${label} "${full}" is longer than ${max} characters; written as "${short}"`], overflow: '' };
  }
  const { head } = cutAtWord(short, max);
  return {
    value: head,
    warnings: [`${label} "${full}" is longer than ${max} characters; cut to "${head}", the full name is in the order comment`],
    overflow: `${label}: ${full}`,
  };
}

/** "Dana Ortiz" from first and last name; the company when there is no person. */
export function personName(first: string | null | undefined, last: string | null | undefined): string {
  return tidy(`${tidy(first)} ${tidy(last)}`);
}

/** A Sage customer name: the company when there is one, otherwise the person. */
export function customerName(company: string | null | undefined, first: string | null | undefined, last: string | null | undefined): string {
  return tidy(company) || personName(first, last);
}

/** Upper-case A–Z and 0–9 only, accents folded (Müller → MULLER), for derived customer numbers. */
export function customerNoStem(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'SS')
    .replace(/Ø/gi, 'O')
    .replace(/Æ/gi, 'AE')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * A Sage CustomerNo derived from a name, e-mail or account number. An all-digit number is
 * zero-padded to 7, as Sage does. The caller adds a suffix (withSuffix) when the number is taken.
 */
export function deriveCustomerNo(source: string, prefix = '', max: number = SAGE_LENGTHS.CustomerNo): string | undefined {
  const stem = customerNoStem(source);
  if (!stem) return undefined;
  const body = /^\d+$/.test(stem) && !prefix ? stem.padStart(7, '0') : stem;
  return `${prefix}${body}`.slice(0, max);
}

/** "ACME" + 2 → "ACME2", cutting the stem so the whole stays within `max`. */
export function withSuffix(customerNo: string, n: number, max: number = SAGE_LENGTHS.CustomerNo): string {
  const suffix = String(n);
  return `${customerNo.slice(0, max - suffix.length)}${suffix}`;
}
