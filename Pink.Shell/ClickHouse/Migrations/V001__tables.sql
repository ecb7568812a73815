-- The five tables of Pink's own database. {db} is the configured database (default dolphin_pink).
-- Identity: every row carries (account_event_seq, event_key) = the logical event it records, and the sorting key is
-- that identity. Retried inserts are recognised by the server through insert_deduplication_token, which needs a
-- non-zero non_replicated_deduplication_window (how many recent insert tokens a table remembers).
-- Plain MergeTree on purpose: a second row with the same identity stays visible (no merge-time collapsing that
-- would hide a real double emission at the source).
-- Timestamps are DateTime64(6, 'UTC'): naive-UTC microseconds that never depend on the server's time zone.

CREATE TABLE IF NOT EXISTS {db}.account_events
(
    ts                 DateTime64(6, 'UTC'),
    account_event_seq  UInt64,
    event_key          String,
    kind               LowCardinality(String),
    event_id           String,
    capital            Float64,
    e_wallet_balance   Float64,
    available_margin   Float64,
    realized_increment Float64,
    fee                Float64,
    k_ledger           Float64,
    divergence         Float64,
    external_flow      Float64,
    trade_id           String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (account_event_seq, event_key)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {db}.status_snapshots
(
    ts                 DateTime64(6, 'UTC'),
    account_event_seq  UInt64,
    event_key          String,
    capital            Float64,
    equity             Float64,
    e_wallet_balance   Float64,
    available_margin   Float64,
    fees_paid          Float64,
    unrealized_pnl     Float64,
    open_slots         UInt16,
    entries_blocked    Bool
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (account_event_seq, event_key)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {db}.trade_events
(
    ts                 DateTime64(6, 'UTC'),
    account_event_seq  UInt64,
    event_key          String,
    trade_id           String,
    event              LowCardinality(String),
    slot               Int32,
    symbol             LowCardinality(String),
    side               LowCardinality(String),
    qty                Float64,
    entry_price        Float64,
    exit_price         Float64,
    realized_pnl       Float64,
    fees               Float64,
    bars_held          UInt16,
    exchange_leverage  Int32,
    flags              String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (account_event_seq, event_key)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {db}.trade_exit_legs
(
    ts                 DateTime64(6, 'UTC'),
    account_event_seq  UInt64,
    event_key          String,
    trade_id           String,
    leg_index          UInt32,
    slot               Int32,
    symbol             LowCardinality(String),
    side               LowCardinality(String),
    qty                Float64,
    price              Float64,
    realized_pnl       Float64,
    flags              String,
    venue_order_id     Int64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (account_event_seq, event_key)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {db}.anomaly_events
(
    ts                 DateTime64(6, 'UTC'),
    account_event_seq  UInt64,
    event_key          String,
    kind               LowCardinality(String),
    severity           LowCardinality(String),
    slot               Int32,
    trade_id           String,
    detail             String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (account_event_seq, event_key)
SETTINGS non_replicated_deduplication_window = 10000;
