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
