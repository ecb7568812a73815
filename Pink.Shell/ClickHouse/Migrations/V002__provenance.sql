-- Provenance (seed §4.2): where published capital and each trade's PnL came from. Additive, with defaults, so
-- rows written before this migration read as '' (unknown) and code that emits the columns can only run after it.

ALTER TABLE {db}.account_events ADD COLUMN IF NOT EXISTS capital_source LowCardinality(String) DEFAULT '';
ALTER TABLE {db}.status_snapshots ADD COLUMN IF NOT EXISTS capital_source LowCardinality(String) DEFAULT '';
ALTER TABLE {db}.trade_events ADD COLUMN IF NOT EXISTS pnl_source LowCardinality(String) DEFAULT '';
ALTER TABLE {db}.trade_exit_legs ADD COLUMN IF NOT EXISTS pnl_source LowCardinality(String) DEFAULT '';
