import { z } from 'zod';
import type { SageHttp } from './http';
import { healthSchema, pageOf, paymentTypeSchema, shippingRateSchema, warehouseSchema, zipCodeSchema } from './schemas';
import { sageCall, sageGetOrNull, seg } from './call';

export interface ZipCodeInput {
  ZipCode: string;
  City: string;
  State: string;
  CountryCode: string;
}

const list = <T extends z.ZodType>(row: T) => pageOf(row).transform((p) => p.Results);

export function sageLookups(http: SageHttp) {
  return {
    health: () => sageCall(http, healthSchema, '/health'),
    paymentTypes: () => sageCall(http, list(paymentTypeSchema), '/AR/PaymentType'),
    shipVias: () => sageCall(http, list(shippingRateSchema), '/SO/ShippingRate'),
    warehouses: () => sageCall(http, list(warehouseSchema), '/IM/Warehouse'),
    zipCode: (zip: string) => sageGetOrNull(http, zipCodeSchema, `/SY/ZipCode/${seg(zip)}`),
    addZipCode: (input: ZipCodeInput) => sageCall(http, zipCodeSchema, '/SY/ZipCode', { method: 'POST', body: input }),
  };
}
export type SageLookups = ReturnType<typeof sageLookups>;
