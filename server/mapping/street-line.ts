import { STREET_SUFFIXES } from './usps/suffixes';
import { UNIT_DESIGNATORS } from './usps/units';
import { DIRECTIONALS, joinDirectionals } from './usps/directionals';

/**
 * One address line in USPS Publication 28 form. A delivery line is read as
 *   [house number] [pre-directional] street name [suffix] [post-directional] [unit designator + number]
 * and only the parts USPS abbreviates are abbreviated: the suffix is the LAST street word ("PARK
 * AVE" keeps PARK), a directional is one only when something else names the street ("NORTH ST"
 * stays), and a unit designator counts only where a unit number follows it.
 */

/** Upper case, ASCII for US addresses, punctuation as USPS writes it. */
export function cleanText(s: string, ascii: boolean): string {
  let t = s.normalize('NFKC').toUpperCase();
  if (ascii) t = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'SS');
  return t
    .replace(/['’`]/g, '')
    .replace(/(\d)\.(\d)/g, '$1\u0000$2') // keep decimals like "1.5 MILE RD"
    .replace(/\./g, ' ')
    .replace(/\u0000/g, '.')
    .replace(/\bC\s*\/\s*O\b/g, 'C\u0001O')
    .replace(/(\d)\s*\/\s*(\d)/g, '$1\u0001$2') // fractions: "123 1/2 MAIN ST"
    .replace(/\//g, ' ')
    .replace(/\u0001/g, '/')
    .replace(/\s*#\s*/g, ' # ')
    .replace(/([A-Z])-(?=[A-Z])/g, '$1 ') // hyphens between letters become spaces; "123-45", "4-B" stay
    .replace(/[,;:()"!?*_\\[\]{}<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const UNIT_NUMBER = /^(?:[A-Z]?\d[\dA-Z-]*|[A-Z]|[A-Z]-?\d+|\d+[A-Z]{0,2})$/;

/** The unit designator starting at tokens[i], or undefined if tokens[i] is not one here. */
export function unitAt(tokens: readonly string[], i: number): { standard: string; length: number } | undefined {
  const t = tokens[i];
  if (t === '#') return UNIT_NUMBER.test(tokens[i + 1] ?? '') ? { standard: '#', length: 2 } : undefined;
  const d = UNIT_DESIGNATORS.get(t);
  if (!d) return undefined;
  let next = i + 1;
  if (tokens[next] === '#') next++; // "APT # 12" → "APT 12"
  if (d.needsNumber) return UNIT_NUMBER.test(tokens[next] ?? '') ? { standard: d.standard, length: next - i + 1 } : undefined;
  return next >= tokens.length || UNIT_DESIGNATORS.has(tokens[next]) || tokens[next] === '#' ? { standard: d.standard, length: next - i } : undefined;
}

/** Normalizes the unit part: every designator in standard form with its number. */
function unitPart(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const u = unitAt(tokens, i);
    if (u) {
      out.push(u.standard);
      if (u.length > 1) out.push(tokens[i + u.length - 1]);
      i += u.length;
    } else out.push(tokens[i++]);
  }
  return out;
}

const PO_BOX = /^(?:P ?O ?B(?:OX)?|P ?O ?BX|POST ?OFFICE ?BOX|POST ?BOX|BOX|P ?O ?DRAWER)\s*(?:NO |NUMBER |# )?(\S+)(.*)$/;
const RURAL = /^(?:RURAL ROUTE|RURAL RTE|RURAL RT|RR|RT|RTE|RFD|R ?F ?D|R ?R)\s*(\d+)\s+(?:BOX|BX)\s*(?:# )?(\S+)(.*)$/;
const HIGHWAY_CONTRACT = /^(?:HIGHWAY CONTRACT|HWY CONTRACT|H ?C|STAR ROUTE)\s*(\d+)\s+(?:BOX|BX)\s*(?:# )?(\S+)(.*)$/;

/** A whole line in USPS form. `delivery` lines are parsed as a street; others only cleaned. */
export function normalizeLine(raw: string, opts: { ascii: boolean; delivery: boolean }): string {
  const text = cleanText(raw, opts.ascii);
  if (!text) return '';
  const po = PO_BOX.exec(text);
  if (po && /\d/.test(po[1])) return `PO BOX ${po[1]}${po[2] ? ` ${unitPart(po[2].trim().split(' ')).join(' ')}` : ''}`.trim();
  const rr = RURAL.exec(text);
  if (rr) return `RR ${rr[1]} BOX ${rr[2]}${rr[3]}`.trim();
  const hc = HIGHWAY_CONTRACT.exec(text);
  if (hc) return `HC ${hc[1]} BOX ${hc[2]}${hc[3]}`.trim();
  const tokens = text.split(' ');
  // A line that starts with a designator is a unit line: "SUITE 400", "# 12", "BLDG C".
  if (unitAt(tokens, 0)) return unitPart(tokens).join(' ');
  if (!opts.delivery && !/^\d/.test(tokens[0])) return unitPart(tokens).join(' ');
  return streetLine(tokens);
}

function streetLine(tokens: string[]): string {
  let unitIdx = tokens.length;
  for (let i = 2; i < tokens.length; i++) {
    if (unitAt(tokens, i)) {
      unitIdx = i;
      break;
    }
  }
  const street = tokens.slice(0, unitIdx);
  const unit = unitPart(tokens.slice(unitIdx));
  let start = 0;
  const number: string[] = [];
  if (/^\d/.test(street[0] ?? '')) {
    number.push(street[start++]);
    if (/^\d+\/\d+$/.test(street[start] ?? '')) number.push(street[start++]);
  }
  let name = street.slice(start);
  let pre: string | undefined;
  let post: string | undefined;
  // Pre-directional: only when at least two words still name the street ("N MAIN ST", not "NORTH ST").
  const pair = name.length >= 4 ? joinDirectionals(name[0], name[1]) : undefined;
  if (pair) {
    pre = pair;
    name = name.slice(2);
  } else if (name.length >= 3 && DIRECTIONALS.has(name[0])) {
    pre = DIRECTIONALS.get(name[0]);
    name = name.slice(1);
  }
  // Post-directional: the last word, when two or more words come before it.
  const tailPair = name.length >= 4 ? joinDirectionals(name[name.length - 2], name[name.length - 1]) : undefined;
  if (tailPair) {
    post = tailPair;
    name = name.slice(0, -2);
  } else if (name.length >= 3 && DIRECTIONALS.has(name[name.length - 1])) {
    post = DIRECTIONALS.get(name[name.length - 1]);
    name = name.slice(0, -1);
  }
  // Suffix: the last street word, if C1 knows it and a name comes before it.
  if (name.length >= 2) {
    const std = STREET_SUFFIXES.get(name[name.length - 1]);
    if (std) name = [...name.slice(0, -1), std];
  }
  return [...number, ...(pre ? [pre] : []), ...name, ...(post ? [post] : []), ...unit].join(' ');
}
