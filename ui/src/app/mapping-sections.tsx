import { useContext } from 'react';
import { CheckField, MapField, MappingForm, NumberField, RowsField, SelectField, TextField } from './mapping-fields';

/** The mapping settings, one fieldset per concern, in the order a merchant thinks about them. */
const STATUS_ACTIONS: Array<[string, string]> = [['open', 'Open in Sage'], ['hold', 'Put on hold'], ['complete', 'Complete'], ['cancel', 'Cancel']];

export function StatusSection() {
  return (
    <fieldset className="section" id="map-status">
      <legend className="h2">Order status</legend>
      <MapField path={['status', 'clarityToSage']} label="Clarity status → Sage" keyLabel="Clarity status" valueLabel="In Sage"
        valueOptions={STATUS_ACTIONS} hint="Matched on the status key, ignoring case. Your site's own statuses can be added." />
      <SelectField path={['status', 'unknownClarityStatus']} label="A status not in the list" options={[['hold', 'Put the order on hold'], ['open', 'Open it']]} />
      <div className="grid-3">
        {([['open', 'Open'], ['hold', 'On hold'], ['partiallyShipped', 'Partly shipped'], ['shippedInFull', 'Shipped in full'], ['closed', 'Closed'], ['deleted', 'Deleted']] as const).map(([k, l]) => (
          <TextField key={k} path={['status', 'sageToClarity', k]} label={`Sage "${l}" → Clarity`} nullable placeholder="leave unchanged" />
        ))}
      </div>
    </fieldset>
  );
}

export function PaymentSection() {
  return (
    <fieldset className="section" id="map-payment">
      <legend className="h2">Payment</legend>
      <RowsField path={['payment', 'rules']} label="Payment rules (first match wins)" newRow={{ paymentType: '' }}
        columns={[{ key: 'provider', label: 'Provider', placeholder: 'Stripe' }, { key: 'method', label: 'Method', placeholder: 'Credit Card' },
          { key: 'cardType', label: 'Card type', placeholder: 'Visa' }, { key: 'paymentType', label: 'Sage payment type', upper: true, placeholder: 'VISA' }]} />
      <TextField path={['payment', 'defaultPaymentType']} label="When no rule matches" upper maxLength={5} hint="A Sage payment type, at most 5 characters." />
    </fieldset>
  );
}

export function ShipViaSection() {
  return (
    <fieldset className="section" id="map-shipvia">
      <legend className="h2">Ship via</legend>
      <RowsField path={['shipVia', 'rules']} label="Carrier and method → Sage ship-via code" newRow={{ carrier: '', shipVia: '' }}
        columns={[{ key: 'carrier', label: 'Carrier', placeholder: 'UPS' }, { key: 'method', label: 'Method', placeholder: 'Ground' },
          { key: 'shipVia', label: 'Sage ship via', upper: true, placeholder: 'UPS GROUND' }]} />
      <TextField path={['shipVia', 'defaultShipVia']} label="When no rule matches" upper nullable placeholder="the customer's default" />
    </fieldset>
  );
}

export function ItemsSection() {
  return (
    <fieldset className="section" id="map-items">
      <legend className="h2">Items and warehouses</legend>
      <MapField path={['skuOverrides']} label="SKU overrides" keyLabel="Clarity SKU" valueLabel="Sage item code" upperValue
        hint="Checked before Sage's own alias items." />
      <SelectField path={['unknownSku', 'policy']} label="A SKU Sage does not know" options={[['hold', 'Hold the order'], ['misc-line', 'Send as a miscellaneous line']]} />
      <TextField path={['unknownSku', 'miscItemCode']} label="Miscellaneous item code" upper />
      <TextField path={['warehouse', 'defaultCode']} label="Default warehouse" upper maxLength={3} />
      <RowsField path={['warehouse', 'rules']} label="Warehouse rules (first match wins)" newRow={{ warehouseCode: '' }}
        columns={[{ key: 'skuPrefix', label: 'SKU starts with' }, { key: 'itemCodePrefix', label: 'Item code starts with', upper: true },
          { key: 'warehouseCode', label: 'Warehouse', upper: true }]} />
    </fieldset>
  );
}

export function ChargesSection() {
  const { draft, set } = useContext(MappingForm);
  const taxMode = (draft as { tax?: { mode?: string } }).tax?.mode ?? 'sage-schedule';
  return (
    <fieldset className="section" id="map-charges">
      <legend className="h2">Charges and GL accounts</legend>
      <div className="charge-row">
        <SelectField path={['charges', 'freight', 'mode']} label="Freight" options={[['header', 'Freight amount on the order'], ['charge-line', 'A charge line']]} />
        <TextField path={['charges', 'freight', 'itemCode']} label="Freight charge item" upper />
        <TextField path={['charges', 'freight', 'glAccount']} label="Freight GL account" />
      </div>
      <div className="charge-row">
        <SelectField path={['charges', 'handling', 'mode']} label="Handling" options={[['charge-line', 'A charge line'], ['freight', 'Add to freight']]} />
        <TextField path={['charges', 'handling', 'itemCode']} label="Handling charge item" upper />
        <TextField path={['charges', 'handling', 'glAccount']} label="Handling GL account" />
      </div>
      <div className="charge-row">
        <p className="charge-label">Fees: always a charge line</p>
        <TextField path={['charges', 'fees', 'itemCode']} label="Fees charge item" upper />
        <TextField path={['charges', 'fees', 'glAccount']} label="Fees GL account" />
      </div>
      <div className="charge-row">
        <SelectField path={['charges', 'discount', 'mode']} label="Discounts" options={[['line', 'A negative charge line'], ['reduce-price', 'Lower the item prices']]} />
        <TextField path={['charges', 'discount', 'itemCode']} label="Discount charge item" upper />
        <TextField path={['charges', 'discount', 'glAccount']} label="Discount GL account" />
      </div>
      <div className="charge-row">
        <SelectField path={['tax', 'mode']} label="Sales tax" options={[['sage-schedule', 'Sage computes it (tax schedule)'], ['charge-line', "The store's tax as a charge line"]]}
          onChange={(m) => set(['tax'], m === 'charge-line' ? { mode: m, itemCode: '/TAX', glAccount: '', taxSchedule: 'NONTAX' } : { mode: m })} />
        <TextField path={['tax', 'taxSchedule']} label="Tax schedule" upper placeholder={taxMode === 'sage-schedule' ? "the customer's own" : 'NONTAX'} />
        {taxMode === 'charge-line' ? <TextField path={['tax', 'glAccount']} label="Tax GL account" /> : <span />}
      </div>
      <TextField path={['charges', 'commentItemCode']} label="Comment line item code" upper />
    </fieldset>
  );
}

export function PoliciesSection() {
  const { draft, set } = useContext(MappingForm);
  const guestMode = (draft as { customer?: { guest?: { mode?: string } } }).customer?.guest?.mode ?? 'create';
  return (
    <fieldset className="section" id="map-policies">
      <legend className="h2">Customers, credit and stock</legend>
      <div className="grid-3">
        <SelectField path={['customer', 'unknown']} label="A customer Sage does not have" options={[['create', 'Create it in Sage'], ['hold', 'Hold the order to pick one']]} />
        <SelectField path={['customer', 'unknownZip']} label="A ZIP code Sage does not have" options={[['hold', 'Hold the order'], ['add', "Add it to Sage's ZIP table"]]} />
        <TextField path={['customer', 'division']} label="AR division for new customers" maxLength={2} />
        <SelectField path={['customer', 'numbering']} label="New customer numbers"
          options={[['auto', "Sage's next number"], ['from-email', 'From the e-mail'], ['from-name', 'From the name'], ['from-account', 'From the Clarity account']]} />
        <TextField path={['customer', 'prefix']} label="Number prefix" upper maxLength={6} />
        <SelectField path={['customer', 'guest', 'mode']} label="Guest checkouts" options={[['create', 'Create a customer each'], ['shared', 'One shared customer']]}
          onChange={(m) => set(['customer', 'guest'], m === 'shared' ? { mode: m, customerNo: '' } : { mode: m })} />
        {guestMode === 'shared' ? <TextField path={['customer', 'guest', 'customerNo']} label="Shared guest customer number" upper /> : <span />}
        <SelectField path={['credit', 'policy']} label="Customer on credit hold or over limit"
          options={[['sage-hold', 'Send; Sage puts it on hold'], ['app-hold', 'Hold it here, do not send'], ['ignore', 'Send as normal']]} />
        <SelectField path={['stock', 'policy']} label="Not enough stock" options={[['backorder', 'Send; backorder the rest'], ['hold', 'Hold the order'], ['send-all', 'Send as is']]} />
        <NumberField path={['customer', 'creditLimit']} label="Credit limit for new customers" />
      </div>
      <CheckField path={['stock', 'includeOnPurchaseOrder']} label="Count quantities on purchase orders as available" />
    </fieldset>
  );
}
