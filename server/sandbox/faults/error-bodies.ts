import type { ErrorBodyFactory } from './types';

/** The Sage 100 gateway's error shape (contracts/sage100.md, Transport). */
export const sageErrorBody: ErrorBodyFactory = ({ code, message }) => ({ error: { code, message } });

/** Clarity's error shape (contracts/clarity.md): 4xx/5xx with ActionSucceeded false. */
export const clarityErrorBody: ErrorBodyFactory = ({ message }) => ({ ActionSucceeded: false, Messages: [message] });

/** Sage's code names for injected statuses; other sandboxes' factories may ignore the code. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 429: return 'Throttled';
    case 503: return 'SessionUnavailable';
    case 409: return 'RecordInUse';
    case 500: return 'InternalError';
    case 502: return 'BadGateway';
    case 504: return 'GatewayTimeout';
    default: return 'InjectedFault';
  }
}
