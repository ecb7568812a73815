using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>
/// Turns a <see cref="Scenario"/> into a <see cref="History"/>. The kernel runs in lockstep with a <see cref="Venue"/>:
/// the venue places the orders the kernel asks for (PlaceOrder effects), so follow-up exits and cancellations exist
/// at the venue exactly when the kernel asked for them, and every fill is for an order that really exists.
/// The kernel's outcomes are never checked here — only used to pick inputs that are realistic (e.g. a fill without our
/// client order id is sent only when the kernel can still route it by state, as the venue's user stream would be
/// unambiguous about its own order). Properties replay the history on fresh kernels.
/// </summary>
public static class Simulation
{
    /// <summary>The history of a scenario (deterministic).</summary>
    public static History Run(Scenario scenario) => new Runner(scenario).Build();

    private sealed class Runner(Scenario scenario)
    {
        private readonly Venue _venue = new();
        private readonly List<Item> _items = new();
        private KernelState _state = Kernel.Initial(scenario.Config);
        private long _now = scenario.StartMs;
        private int _beat;
        private Pink.Core.Fill? _lastForeign;

        public History Build()
        {
            var start = StartUp();
            for (_beat = 0; _beat < scenario.Beats.Count; _beat++)
            {
                var beat = scenario.Beats[_beat];
                _now += beat.Gap * 1000L;
                Play(beat);
            }
            return new History(scenario, scenario.Config, start, _items);
        }

        // The exchange holds the scenario's pre-existing positions from the start; the start-up reconcile adopts them.
        private VenueView StartUp()
        {
            foreach (var h in scenario.Holdings.DistinctBy(h => (Market.At(h.Symbol), h.Side)).Take(scenario.Slots))
            {
                var i = Market.At(h.Symbol);
                _venue.Hold(i.Dashed, h.Side, Market.Qty(i, Math.Max(1, h.Lots)), Market.Price(i, h.Tick), 1);
            }
            var start = _venue.View();
            Deliver(new PositionsReport("startup", start.Positions, _now), Origin.Startup);
            return start;
        }

        private void Play(Beat beat)
        {
            switch (beat)
            {
                case OpenBeat b: Open(b); break;
                case AckBeat b: Ack(b); break;
                case FillBeat b: Fill(b); break;
                case FlipBeat b: Flip(b); break;
                case CloseBeat b: Deliver(new CloseIntent(SlotOf(b.Slot), $"c{_beat}", _now), Origin.Policy); break;
                case CancelBeat b: Cancel(b); break;
                case RejectBeat b: Reject(b); break;
                case MarkBeat b: Deliver(new MarkPrice(Market.At(b.Symbol).Dashed, Market.Price(Market.At(b.Symbol), b.Tick), _now), Origin.Venue); break;
                case AnchorBeat b: Exchange(new BalanceReport($"b{_beat}", _venue.Wallet, _venue.Wallet * 0.5m, b.Reason, _now), Origin.Venue); break;
                case BadAnchorBeat b: Exchange(new BalanceReport($"b{_beat}", Bad(b.Balance), null, BalanceReason.Order, _now), Origin.Venue); break;
                case FlowBeat b: Flow(b); break;
                case ForeignFillBeat b: Foreign(b); break;
                case SettleBeat b: Settle(b); break;
                case DuplicateBeat b: Duplicate(b); break;
                case UnknownBeat b: Unknown(b); break;
                case RestartBeat: Restart(); break;
            }
        }

        private int SlotOf(int slot) => Math.Abs(slot) % Math.Max(1, scenario.Slots);

        private void Open(OpenBeat b)
        {
            var i = Market.At(b.Symbol);
            Deliver(new OpenIntent(SlotOf(b.Slot), OpenBeat.Spell(b.Symbol, b.PlainSpelling), b.Side, Market.Qty(i, Math.Max(1, b.Lots)),
                b.Leverage, $"o{_beat}", null, _now), Origin.Policy);
        }

        private void Ack(AckBeat b)
        {
            var slot = SlotOf(b.Slot);
            var order = _venue.Orders.LastOrDefault(o => o.Slot == slot && !o.AckDelivered && o.Live)
                        ?? _venue.Orders.LastOrDefault(o => o.Slot == slot && !o.AckDelivered);
            if (order is null) return;
            order.AckDelivered = true;
            Exchange(new OrderAcknowledged(order.ClientOrderId, order.VenueId, _now), Origin.Venue, order.ClientOrderId);
        }

        private void Fill(FillBeat b)
        {
            var order = _venue.Live(SlotOf(b.Slot), b.Purpose);
            if (order is null || order.Remaining <= KernelConfig.QtyEpsilon) return;
            var i = InstrumentOf(order.Symbol);
            var qty = Portion(order.Remaining, i.LotSize, b.Percent);
            if (b.Purpose == OrderPurpose.Exit)
            {
                var held = _venue.Held(order.Symbol, order.PositionSide);
                if (held <= KernelConfig.QtyEpsilon) return;
                qty = Math.Min(qty, held); // reduce-only
            }
            var price = Market.Price(i, b.Tick);
            var rp = b.Purpose == OrderPurpose.Entry ? 0.0m : _venue.Close(order.Symbol, order.PositionSide, qty, price);
            if (b.Purpose == OrderPurpose.Entry) _venue.Open(order.Symbol, order.PositionSide, qty, price, order.Leverage);
            var fee = b.Settle == Scenarios.Settle.Never ? 0.0m : qty * price * b.FeeBps / 10_000.0m;
            _venue.Wallet += rp - fee;
            order.Filled += qty;
            order.Fills++;
            if (order.Remaining <= KernelConfig.QtyEpsilon) order.Live = false;

            var id = $"f{order.VenueId}-{order.Fills}";
            ExchangeSettlement? inline = null;
            if (b.Settle == Scenarios.Settle.Inline) inline = new ExchangeSettlement(rp, fee);
            else if (b.Settle == Scenarios.Settle.Later)
                _venue.Pending.Add(new FillSettled($"s{id}", order.VenueId, b.Purpose == OrderPurpose.Exit ? rp : null, fee, 0));
            var symbol = b.PlainSpelling ? i.Plain : i.Dashed;
            var client = b.Ids == FillIds.Both || !VenueIdAlone(order, symbol) ? order.ClientOrderId : null;
            Exchange(new Pink.Core.Fill(order.VenueId, client, symbol, order.Side, qty, b.Priced ? price : 0.0m, _now, id,
                b.WithCumQty ? order.Filled : null, null, inline), Origin.Venue, order.ClientOrderId);
        }

        // A fill through zero (one-way mode): the exchange closes what the order and the position hold and opens the
        // excess on the other side. Only when this order's position is the slot's alone, so the venue and the kernel
        // agree on where zero is.
        private void Flip(FlipBeat b)
        {
            var order = _venue.Live(SlotOf(b.Slot), OrderPurpose.Exit);
            if (order is null || order.Remaining <= KernelConfig.QtyEpsilon) return;
            var held = _venue.Held(order.Symbol, order.PositionSide);
            var open = _state.Trades.Find(order.TradeId).Case is Trade t ? t.OpenQty : 0;
            if (Math.Abs(held - order.Remaining) > KernelConfig.QtyEpsilon || Math.Abs(open - order.Remaining) > KernelConfig.QtyEpsilon) return;
            var i = InstrumentOf(order.Symbol);
            var price = Market.Price(i, b.Tick);
            var extra = Market.Qty(i, Math.Max(1, b.ExtraLots));
            var closing = order.Remaining;
            var rp = _venue.Close(order.Symbol, order.PositionSide, closing, price);
            _venue.Open(order.Symbol, Names.Flip(order.PositionSide), extra, price, order.Leverage);
            _venue.Wallet += rp;
            order.Filled = order.Qty;
            order.Fills++;
            order.Live = false;
            var client = VenueIdAlone(order, order.Symbol) ? null : order.ClientOrderId;
            Exchange(new Pink.Core.Fill(order.VenueId, client, order.Symbol, order.Side, closing + extra, b.Priced ? price : 0.0m, _now,
                $"f{order.VenueId}-{order.Fills}", null, null, new ExchangeSettlement(rp, 0)), Origin.Venue, order.ClientOrderId);
        }

        private void Cancel(CancelBeat b)
        {
            var order = _venue.Live(SlotOf(b.Slot), b.Purpose);
            if (order is null) return;
            order.Live = false;
            Exchange(new OrderCancelled(order.ClientOrderId, order.VenueId, "CANCELED", _now), Origin.Venue, order.ClientOrderId);
        }

        private void Reject(RejectBeat b)
        {
            var slot = SlotOf(b.Slot);
            var order = _venue.Orders.LastOrDefault(o => o.Slot == slot && o.Live && o.Fills == 0 && !o.AckDelivered);
            if (order is null) return;
            order.Live = false;
            Exchange(new OrderRejected(order.ClientOrderId, null, "101204 insufficient margin", _now), Origin.Venue, order.ClientOrderId);
        }

        private void Flow(FlowBeat b)
        {
            if (_venue.Wallet + b.Amount <= 1) return;
            _venue.Wallet += b.Amount;
            Exchange(new BalanceReport($"b{_beat}", _venue.Wallet, null, b.Reason, _now, BalanceChange: b.Amount), Origin.Venue);
        }

        // Another runtime's fill: it moves the shared wallet, never our positions. It names no order of ours; sent on
        // our instrument only when no order of ours could be taken for it by state routing (rule 6's known limit).
        // "Same order as last" is the next partial fill of that runtime's previous order: same instrument, side, size
        // and price, a new exchange id.
        private void Foreign(ForeignFillBeat b)
        {
            var fill = b.SameOrderAsLast && _lastForeign is Pink.Core.Fill last
                ? last with { TimeMs = _now, Id = $"ff{_beat}", Settlement = new ExchangeSettlement(b.Pnl, 0) }
                : NewForeign(b);
            if (StateRoutable(fill.Side, fill.Symbol) > 0) fill = fill with { Symbol = Market.Foreign.Dashed };
            _lastForeign = fill;
            _venue.Wallet += b.Pnl;
            Exchange(fill, Origin.Foreign);
        }

        private Pink.Core.Fill NewForeign(ForeignFillBeat b)
        {
            var i = Market.At(b.Symbol);
            return new Pink.Core.Fill(900_000 + _beat, null, i.Dashed, b.Side, Market.Qty(i, Math.Max(1, b.Lots)), Market.Price(i, b.Tick), _now,
                $"ff{_beat}", null, null, new ExchangeSettlement(b.Pnl, 0));
        }

        private void Settle(SettleBeat b)
        {
            if (_venue.Pending.Count == 0) return;
            var k = Math.Abs(b.Pick) % _venue.Pending.Count;
            var settled = _venue.Pending[k] with { TimeMs = _now };
            _venue.Pending.RemoveAt(k);
            var order = _venue.Orders.FirstOrDefault(o => o.VenueId == settled.VenueOrderId);
            Exchange(settled, Origin.Venue, order?.ClientOrderId);
        }

        private void Duplicate(DuplicateBeat b)
        {
            var delivered = _venue.Delivered;
            if (delivered.Count == 0) return;
            var again = delivered[delivered.Count - 1 - Math.Abs(b.Back) % delivered.Count];
            // A repeated id-less fill that the kernel never bound could be taken by state routing for an order placed
            // since: the same known limit as a foreign fill (rule 6), so such a repeat is not sent.
            if (again is Pink.Core.Fill { ClientOrderId: null } f && !_state.VenueOrders.ContainsKey(f.VenueOrderId ?? -1) &&
                StateRoutable(f.Side, f.Symbol) > 0) return;
            Deliver(again, Origin.Duplicate);
        }

        private void Unknown(UnknownBeat b)
        {
            var ghost = $"ghost{_beat}";
            var venueId = 800_000L + _beat;
            var i = Market.At(b.Symbol);
            KernelEvent e = b.Kind switch
            {
                Scenarios.Unknown.Ack => new OrderAcknowledged(ghost, venueId, _now),
                Scenarios.Unknown.Cancel => new OrderCancelled(ghost, venueId, "CANCELED", _now),
                Scenarios.Unknown.Reject => new OrderRejected(ghost, null, "101204 insufficient margin", _now),
                Scenarios.Unknown.Settlement => new FillSettled($"gs{_beat}", venueId, 5.0m, 0.1m, _now),
                Scenarios.Unknown.CloseNoSuchSlot => new CloseIntent(scenario.Slots + Math.Abs(b.Symbol), ghost, _now),
                Scenarios.Unknown.OpenNoSuchSlot => new OpenIntent(-1 - Math.Abs(b.Symbol), i.Dashed, PositionSide.Long, Market.Qty(i, 1), 1, ghost, null, _now),
                _ => new Pink.Core.Fill(venueId, $"other-runtime-{_beat}", i.Dashed, OrderSide.Buy, Market.Qty(i, 3), Market.Price(i, 0), _now, $"fx{_beat}"),
            };
            if (e is Pink.Core.Fill or FillSettled) Exchange(e, Origin.Unknown);
            else Deliver(e, Origin.Unknown);
        }

        private void Restart()
        {
            var report = new PositionsReport($"rc{_beat}", _venue.View().Positions, _now);
            _state = StateDocument.Restore(StateDocument.Save(_state)).Match(s => s, e => throw new InvalidOperationException(e));
            var outcome = Kernel.Apply(_state, report);
            _state = outcome.State;
            _venue.React(outcome.Effects);
            _venue.Delivered.Add(report);
            _items.Add(new RestartItem(report, _venue.View()));
        }

        private void Exchange(KernelEvent e, Origin origin, string? order = null)
        {
            Deliver(e, origin, order);
            _venue.Delivered.Add(e);
        }

        private void Deliver(KernelEvent e, Origin origin, string? order = null)
        {
            var outcome = Kernel.Apply(_state, e);
            _state = outcome.State;
            _venue.React(outcome.Effects);
            _items.Add(new EventItem(e, origin, order, _venue.View()));
        }

        // The venue's user stream omits our client order id; that only names the order when the kernel already bound
        // the venue id, or when state routing has exactly this order to choose (otherwise the REST copy, which carries
        // the client order id, is what reaches the kernel).
        private bool VenueIdAlone(VenueOrder order, string symbol) =>
            _state.VenueOrders.Find(order.VenueId).Case is string bound ? bound == order.ClientOrderId : StateRoutable(order.Side, symbol, order.ClientOrderId) == 1;

        private int StateRoutable(OrderSide side, string symbol, string? only = null)
        {
            var count = 0;
            var hit = false;
            foreach (var slot in _state.Slots)
                foreach (var id in new[] { slot.EntryOrder, slot.ExitOrder })
                {
                    if (id is null || _state.Orders.Find(id).Case is not Order o) continue;
                    if (o.Status != OrderStatus.Working || o.VenueOrderId is not null || o.Side != side) continue;
                    if (_state.Trades.Find(o.TradeId).Case is not Trade t || !Symbols.Same(t.Symbol, symbol)) continue;
                    count++;
                    hit |= id == only;
                }
            return only is null || hit ? count : 0;
        }

        private static Market.Instrument InstrumentOf(string symbol) =>
            Market.Traded.FirstOrDefault(i => Symbols.Same(i.Dashed, symbol)) ?? Market.Foreign;

        private static decimal Portion(decimal remaining, decimal lot, int percent)
        {
            var lots = Math.Max(1, Math.Ceiling(remaining / lot * Math.Clamp(percent, 1, 100) / 100.0m - 0.000000001m));
            var qty = lots * lot;
            return qty >= remaining - KernelConfig.QtyEpsilon ? remaining : qty;
        }

        private decimal Bad(BadBalance b) => b switch
        {
            BadBalance.Zero => 0.0m,
            BadBalance.Negative => -_venue.Wallet,
            BadBalance.Huge => Pnl.Max + 1,
            _ => decimal.MaxValue,
        };
    }
}
