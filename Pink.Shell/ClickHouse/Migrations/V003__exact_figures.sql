-- Exact figures (issue 16): every amount, quantity and price again as Decimal(38, 18), written from the kernel's
-- decimals. Scale 18: the venue's figures have at most 8 decimals (BingX quantities, prices and amounts), the
-- kernel's derived ones (a VWAP basis, a pro-rata share) carry more, and 18 keeps them far below a cent; precision 38
-- leaves 20 integer digits, beyond the kernel's 10^12 bound on any input. The Float64 columns stay for old readers.
-- Additive with DEFAULT 0: rows written before this migration read 0 here (their Float64 columns hold their figures).

ALTER TABLE {db}.account_events
    ADD COLUMN IF NOT EXISTS capital_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS e_wallet_balance_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS available_margin_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS realized_increment_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS fee_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS k_ledger_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS divergence_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS external_flow_dec Decimal(38, 18) DEFAULT 0;
ALTER TABLE {db}.status_snapshots
    ADD COLUMN IF NOT EXISTS capital_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS equity_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS e_wallet_balance_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS available_margin_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS fees_paid_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS unrealized_pnl_dec Decimal(38, 18) DEFAULT 0;
ALTER TABLE {db}.trade_events
    ADD COLUMN IF NOT EXISTS qty_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS entry_price_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS exit_price_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS realized_pnl_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS fees_dec Decimal(38, 18) DEFAULT 0;
ALTER TABLE {db}.trade_exit_legs
    ADD COLUMN IF NOT EXISTS qty_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS price_dec Decimal(38, 18) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS realized_pnl_dec Decimal(38, 18) DEFAULT 0;
