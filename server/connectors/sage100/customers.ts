import type { SageCustomerInput } from '../../domain/sage';
import type { SageHttp } from './http';
import { customerSchema, pageOf, type SageCustomer } from './schemas';
import { sageCall, sageGetOrNull, seg } from './call';

/** A customer to create (POST /AR/Customer); CustomerNo omitted takes Sage's next number. */
export type CustomerInput = SageCustomerInput;

const customerPage = pageOf(customerSchema);

export function sageCustomers(http: SageHttp) {
  return {
    get: (arDivisionNo: string, customerNo: string) =>
      sageGetOrNull(http, customerSchema, `/AR/Customer/${seg(`${arDivisionNo}-${customerNo}`)}`),

    /** A full scan in Sage (no index on EmailAddress): slow, so callers cache the answer. */
    async findByEmail(email: string): Promise<SageCustomer[]> {
      const page = await sageCall(http, customerPage, '/AR/Customer', { query: { EmailAddress: email } });
      const want = email.trim().toLowerCase();
      return page.Results.filter((c) => (c.EmailAddress ?? '').trim().toLowerCase() === want);
    },

    async findByNameZip(customerName: string, zipCode: string): Promise<SageCustomer[]> {
      const page = await sageCall(http, customerPage, '/AR/Customer', { query: { CustomerName: customerName, ZipCode: zipCode } });
      return page.Results;
    },

    create: (input: CustomerInput) => sageCall(http, customerSchema, '/AR/Customer', { method: 'POST', body: input }),
  };
}
export type SageCustomers = ReturnType<typeof sageCustomers>;
