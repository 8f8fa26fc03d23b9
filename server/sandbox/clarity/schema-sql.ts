/**
 * The sandbox's own tables. It is another company's system, so it keeps its state apart from the
 * connector's database and outside the connector's migrations: CREATE IF NOT EXISTS at start.
 * Times are Unix milliseconds from the injected clock; documents the API returns whole
 * (orders, shipments) are stored as JSON beside the columns they are searched by.
 */
export const SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS stores (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    client_secret TEXT NOT NULL,
    webhook_secret TEXT NOT NULL,
    prev_webhook_secret TEXT,
    prev_secret_until INTEGER,
    api_key TEXT NOT NULL UNIQUE,
    admin_user_id TEXT NOT NULL,
    admin_email TEXT NOT NULL,
    installed_at INTEGER,
    updated_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS access_tokens (
    token TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS products (
    store_id TEXT NOT NULL,
    id INTEGER NOT NULL,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    price_base REAL NOT NULL,
    active INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (store_id, id),
    UNIQUE (store_id, sku)
  )`,
  `CREATE INDEX IF NOT EXISTS products_changes ON products (store_id, updated_at, id)`,
  `CREATE TABLE IF NOT EXISTS customers (
    store_id TEXT NOT NULL,
    id INTEGER NOT NULL,
    doc TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (store_id, id)
  )`,
  `CREATE INDEX IF NOT EXISTS customers_changes ON customers (store_id, updated_at, id)`,
  `CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    store_id TEXT NOT NULL,
    status_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS orders_changes ON orders (store_id, updated_at, id)`,
  `CREATE TABLE IF NOT EXISTS shipments (
    id INTEGER PRIMARY KEY,
    store_id TEXT NOT NULL,
    custom_key TEXT NOT NULL,
    sales_order_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    notified_email TEXT,
    doc TEXT NOT NULL,
    UNIQUE (store_id, custom_key)
  )`,
  `CREATE INDEX IF NOT EXISTS shipments_order ON shipments (store_id, sales_order_id)`,
  `CREATE TABLE IF NOT EXISTS inventory (
    store_id TEXT NOT NULL,
    sku TEXT NOT NULL,
    location_key TEXT NOT NULL,
    quantity REAL NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (store_id, sku, location_key)
  )`,
  // Every PUT /inventory item as received, so a test can count what the connector pushed.
  `CREATE TABLE IF NOT EXISTS inventory_log (
    id INTEGER PRIMARY KEY,
    store_id TEXT NOT NULL,
    sku TEXT NOT NULL,
    location_key TEXT NOT NULL,
    quantity REAL NOT NULL,
    known INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  )`,
  // One row per event (webhook or lifecycle call); its attempts are separate rows.
  `CREATE TABLE IF NOT EXISTS webhook_events (
    id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    url TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    finished_at INTEGER
  )`,
  `CREATE INDEX IF NOT EXISTS webhook_events_due ON webhook_events (status, next_attempt_at)`,
  `CREATE INDEX IF NOT EXISTS webhook_events_store ON webhook_events (store_id, created_at)`,
  `CREATE TABLE IF NOT EXISTS webhook_attempts (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    attempt_no INTEGER NOT NULL,
    at INTEGER NOT NULL,
    status INTEGER,
    duration_ms INTEGER NOT NULL,
    error TEXT
  )`,
  `CREATE INDEX IF NOT EXISTS webhook_attempts_event ON webhook_attempts (event_id, attempt_no)`,
  // Follow-ups the order generator decided on (a later status change or cancellation).
  `CREATE TABLE IF NOT EXISTS generator_followups (
    order_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    status_key TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    PRIMARY KEY (order_id, action)
  )`,
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];
