/** The ordering key intake gives an order's jobs, which is how the panel finds an order's jobs. */
export { orderKey as orderJobKey } from '../../../queue/keys';
