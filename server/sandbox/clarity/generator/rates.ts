import { DEFAULT_MESS, type MessRates } from './mess';

/** How often each kind of order (and mess) appears. Rare cases stay rare but never absent. */
export interface GeneratorRates {
  guest: number;
  /** A shopper signs up at checkout: customer.created, then the order on the new account. */
  newAccount: number;
  unknownSku: number;
  inactiveItem: number;
  /** SubTotal differs by a cent from the sum of the lines. */
  centOff: number;
  handling: number;
  discount: number;
  notes: number;
  longNotes: number;
  shipElsewhere: number;
  giftCardSplit: number;
  onHold: number;
  cancelLater: number;
  mess: MessRates;
}

export const DEFAULT_RATES: GeneratorRates = {
  guest: 0.25, newAccount: 0.04, unknownSku: 0.02, inactiveItem: 0.02, centOff: 0.03, handling: 0.15,
  discount: 0.2, notes: 0.3, longNotes: 0.06, shipElsewhere: 0.2, giftCardSplit: 0.03, onHold: 0.05,
  cancelLater: 0.04, mess: DEFAULT_MESS,
};
