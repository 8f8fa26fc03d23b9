import type { Sql } from '../db/sql';
import type { SageStamp } from '../sage-time';
import { customerStatements } from './customers';
import { itemStatements } from './items';
import { setupTableStatements } from './setup-tables';

/**
 * Seeds a company once (on an empty database): setup tables always; items and customers when
 * `withData`. One transaction of multi-row inserts — well under a second.
 */
export async function seedCompany(sql: Sql, company: string, stamp: SageStamp, withData: boolean): Promise<boolean> {
  if (await sql.get('SELECT 1 FROM sy_company WHERE Company = ?', [company])) return false;
  const customers = withData ? customerStatements(company, stamp) : { stmts: [], nextCustomerNo: {} };
  await sql.write([
    ...setupTableStatements(company, stamp, customers.nextCustomerNo),
    ...(withData ? itemStatements(company, stamp) : []),
    ...customers.stmts,
  ]);
  return true;
}
