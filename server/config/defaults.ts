/** Defaults that are not environment variables, kept in one place so docs and code agree. */
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATABASE_URL = 'file:./data/connector.db';
/** Demo mode keeps the sandboxes' state beside the app's, in files of their own. */
export const DEFAULT_SANDBOX_DIR = './data';
export const DEMO_STORE_ID = 'st_demo';
export const DEMO_SAGE_COMPANY = 'ABC';
export const DEMO_SAGE_API_KEY = 'demo-sage-key';
/** A fixed, public demo key: demo data is not secret. Never used outside demo mode. */
export const DEMO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
/**
 * The demo listing's app secret (signs lifecycle calls from the Clarity sandbox). Fixed and
 * public like the demo key above; outside demo mode CLARITY_APP_SECRET is required instead.
 */
export const DEMO_APP_SECRET = 'whsec_ZGVtby1hcHAtc2VjcmV0LW5vdC1mb3ItcHJvZHVjdGlvbg==';
