import { codeField, numberField } from '../body';
import type { Rec, Sql } from '../db/sql';
import { money } from '../db/sql';
import { badRequest, invalid, itemInactive, notOnFile } from '../errors';
import { checkLengths } from '../lengths';
import { assertOnFile, unknownFieldWarnings } from '../lookups';
import { LINE_FIELDS, LINE_TEXT_FIELDS } from './order-fields';

export interface LineDraft {
  LineKey: string;
  LineSeqNo: number;
  ItemType: number;
  ItemCode: string | null;
  ItemCodeDesc: string | null;
  WarehouseCode: string | null;
  UnitOfMeasure: string | null;
  QuantityOrdered: number;
  UnitPrice: number;
  ExtensionAmt: number;
  TaxClass: string;
  CommentText: string | null;
}

/** Pure checks of one line (lengths, types) — run before the write lock. */
export function checkLineShape(line: unknown, n: number): asserts line is Rec {
  if (!line || typeof line !== 'object' || Array.isArray(line)) throw badRequest(`Line ${n} must be an object`, 'Lines');
  checkLengths(line as Rec, LINE_TEXT_FIELDS, `Line ${n}: `);
}

/**
 * One order line with Sage's item rules: a regular, charge or miscellaneous item must be on
 * file (CI_NOF, field ItemCode — an alias or store SKU is NOT an item code) and active
 * (IM_Inactive); a special item (type 2) is free text; a comment line (type 4) carries text.
 * Price, description and unit of measure default from the item.
 */
export async function resolveLine(sql: Sql, company: string, line: Rec, n: number, headerWarehouse: string, warnings: string[]): Promise<LineDraft> {
  warnings.push(...unknownFieldWarnings(line, LINE_FIELDS).map((w) => `Line ${n}: ${w}`));
  if (line.ExtensionAmt !== undefined) warnings.push(`Line ${n}: ExtensionAmt is calculated by Sage; the value sent was ignored`);
  const givenType = numberField(line, 'ItemType', 0);
  if (givenType && ![1, 2, 3, 4, 5].includes(givenType)) throw invalid('ItemType', `Line ${n}: ItemType ${givenType} is not 1-5`);
  const code = codeField(line, 'ItemCode') ?? (givenType === 4 ? '/C' : undefined);
  if (!code) throw badRequest(`Line ${n}: ItemCode is required`, 'ItemCode');

  let item: Rec | undefined;
  if (givenType !== 2) {
    item = await sql.get('SELECT * FROM ci_item WHERE Company = ? AND ItemCode = ?', [company, code]);
    if (!item) throw notOnFile('ItemCode', `Line ${n}: item ${code} is not on file`);
    if (givenType && givenType !== Number(item.ItemType)) {
      throw invalid('ItemType', `Line ${n}: item ${code} is type ${item.ItemType}, not ${givenType}`);
    }
    if (item.InactiveItem === 'Y') throw itemInactive(code, n);
  }
  const type = givenType || Number(item!.ItemType);
  const base = { LineKey: String(n).padStart(6, '0'), LineSeqNo: n, ItemType: type, ItemCode: code };
  if (type === 4) {
    return { ...base, ItemCodeDesc: null, WarehouseCode: null, UnitOfMeasure: null, QuantityOrdered: 0, UnitPrice: 0,
      ExtensionAmt: 0, TaxClass: 'NT', CommentText: typeof line.CommentText === 'string' ? line.CommentText : '' };
  }

  const qty = numberField(line, 'QuantityOrdered', type === 1 || type === 2 ? NaN : 1);
  if (Number.isNaN(qty)) throw badRequest(`Line ${n}: QuantityOrdered is required`, 'QuantityOrdered');
  if (qty <= 0) throw invalid('QuantityOrdered', `Line ${n}: QuantityOrdered must be more than 0`);
  const price = numberField(line, 'UnitPrice', Number(item?.StandardUnitPrice ?? 0));
  if (price < 0 && (type === 1 || type === 2)) throw invalid('UnitPrice', `Line ${n}: UnitPrice cannot be negative on an item line`);
  const warehouse = codeField(line, 'WarehouseCode') ?? headerWarehouse;
  if (type === 1) await assertOnFile(sql, company, 'WarehouseCode', warehouse);
  return {
    ...base,
    ItemCodeDesc: typeof line.ItemCodeDesc === 'string' ? line.ItemCodeDesc : (item ? String(item.ItemCodeDesc) : code),
    WarehouseCode: type === 1 ? warehouse : null,
    UnitOfMeasure: codeField(line, 'UnitOfMeasure') ?? String(item?.StandardUnitOfMeasure ?? 'EACH'),
    QuantityOrdered: qty,
    UnitPrice: price,
    ExtensionAmt: money(qty * price),
    TaxClass: item ? String(item.TaxClass) : 'TX',
    CommentText: typeof line.CommentText === 'string' ? line.CommentText : null,
  };
}
