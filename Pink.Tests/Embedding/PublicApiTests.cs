using System.Reflection;
using System.Runtime.CompilerServices;
using LanguageExt;
using Pink.Core;

namespace Pink.Tests.Embedding;

using Kernel = Pink.Core.Kernel; // Pink.Tests.Kernel (a namespace) would shadow it here

/// <summary>
/// The public API is what an embedder needs and nothing else: state is built by the kernel only, the sets of effects,
/// events and rows are closed, effects are matched exhaustively, and events are set by name. (PublicAPI.Shipped.txt,
/// checked by the PublicApiAnalyzers at build time, pins the whole surface; these tests pin what it means.)
/// </summary>
public class PublicApiTests
{
    private static readonly Assembly Core = typeof(Kernel).Assembly;

    private static List<Type> KindsOf(Type root) =>
        Core.GetTypes().Where(t => t.IsSubclassOf(root) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>One effect of every kind there is (a kind missing here fails the test that counts them).</summary>
    private static readonly Effect[] OneOfEach =
    [
        new PlaceOrder(0, "T1", "c-1", "FET-USDT", OrderSide.Buy, PositionSide.Long, 1, OrderPurpose.Entry, false, 1),
        new CancelOrder(0, "c-1", 501, "FET-USDT"),
        new QueryOrder(0, "c-1", 501, "FET-USDT"),
        new PersistRow(new AnomalyEventRow(new DateTime(2026, 1, 1), 1, "K", "INFO", 0, "T1", "d")),
        new PublishSnapshot(Queries.Snapshot(Kernel.Initial(new KernelConfig(SlotCount: 1)))),
        new SizerFeedback("T1", 0, 1, 1, 0, 0),
        new Diagnostic("K", Severity.Info, "d"),
        new TradeForgotten("T1", null, LanguageExt.Arr<Order>.Empty, Settled: true),
    ];

    [Fact]
    public void Match_and_Switch_have_one_arm_for_every_effect_kind_in_the_assembly()
    {
        var kinds = KindsOf(typeof(Effect));
        Assert.All(kinds, k => Assert.True(k.IsSealed, $"{k.Name} is not sealed"));
        var match = typeof(Effect).GetMethod(nameof(Effect.Match))!;
        var switchArms = typeof(Effect).GetMethod(nameof(Effect.Switch))!.GetParameters();
        var matchArms = match.GetParameters();
        Assert.Equal(kinds.Count, matchArms.Length);
        Assert.Equal(kinds.Count, switchArms.Length);
        foreach (var kind in kinds)
        {
            // Exactly one arm of each takes this kind (Func<Kind, T> / Action<Kind>); none is optional.
            var m = Assert.Single(matchArms, p => p.ParameterType.GetGenericArguments()[0] == kind);
            var s = Assert.Single(switchArms, p => p.ParameterType == typeof(Action<>).MakeGenericType(kind));
            Assert.False(m.IsOptional);
            Assert.False(s.IsOptional);
            Assert.Equal(m.Name, s.Name);
        }
        Assert.Equal(kinds, OneOfEach.Select(e => e.GetType()).OrderBy(t => t.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Match_and_Switch_call_exactly_the_arm_of_the_effects_kind()
    {
        foreach (var effect in OneOfEach)
        {
            var matched = effect.Match(
                place: e => (Effect)e, cancel: e => e, query: e => e, persist: e => e, publish: e => e, feedback: e => e,
                diagnostic: e => e, forgotten: e => e);
            Assert.Same(effect, matched);
            var name = effect.Match(
                place: _ => nameof(PlaceOrder), cancel: _ => nameof(CancelOrder), query: _ => nameof(QueryOrder),
                persist: _ => nameof(PersistRow), publish: _ => nameof(PublishSnapshot), feedback: _ => nameof(SizerFeedback),
                diagnostic: _ => nameof(Diagnostic), forgotten: _ => nameof(TradeForgotten));
            Assert.Equal(effect.GetType().Name, name);
            var called = new List<Effect>();
            effect.Switch(
                place: called.Add, cancel: called.Add, query: called.Add, persist: called.Add, publish: called.Add,
                feedback: called.Add, diagnostic: called.Add, forgotten: called.Add);
            Assert.Equal([effect], called);
        }
        Assert.Throws<ArgumentNullException>(() => OneOfEach[0].Switch(null!, _ => { }, _ => { }, _ => { }, _ => { }, _ => { }, _ => { }, _ => { }));
    }

    [Fact]
    public void A_host_interprets_a_whole_session_through_Switch()
    {
        var state = Kernel.Initial(new KernelConfig(SlotCount: 1, SeedCapital: 1_000));
        var counts = new Dictionary<string, int>();
        void Count(string arm) => counts[arm] = counts.GetValueOrDefault(arm) + 1;
        foreach (var input in new KernelEvent[]
                 {
                     new BalanceReport { Id = "b1", WalletBalance = 1_000, AvailableMargin = 1_000, Reason = BalanceReason.Poll, TimeMs = 1 },
                     new OpenIntent { Slot = 0, Symbol = "FET-USDT", Side = PositionSide.Long, Qty = 10, ExchangeLeverage = 1,
                         ClientOrderId = "c-1", TradeId = "T1", TimeMs = 2 },
                     new OrderAcknowledged { ClientOrderId = "c-1", VenueOrderId = 501, TimeMs = 3 },
                     new Fill { VenueOrderId = 501, ClientOrderId = "c-1", Symbol = "FET-USDT", Side = OrderSide.Buy, Qty = 10,
                         Price = 0.2m, TimeMs = 4, Id = "fill:501:10" },
                     new CloseIntent { Slot = 0, ClientOrderId = "c-2", TimeMs = 5 },
                     new OrderUnclear { VenueOrderId = null, ClientOrderId = "c-2", Symbol = "FET-USDT", Detail = "FILLED", TimeMs = 6 },
                     new Fill { VenueOrderId = 502, ClientOrderId = "c-2", Symbol = "FET-USDT", Side = OrderSide.Sell, Qty = 10,
                         Price = 0.3m, TimeMs = 7, Id = "fill:502:10" },
                 })
        {
            var (next, effects) = Kernel.Apply(state, input);
            state = next;
            foreach (var effect in effects)
                effect.Switch(
                    place: _ => Count("place"), cancel: _ => Count("cancel"), query: _ => Count("query"),
                    persist: _ => Count("persist"), publish: _ => Count("publish"), feedback: _ => Count("feedback"),
                    diagnostic: _ => Count("diagnostic"), forgotten: _ => Count("forgotten"));
        }
        Assert.Equal(2, counts["place"]);
        Assert.Equal(1, counts["query"]);
        Assert.Equal(1, counts["feedback"]);
        Assert.True(counts["persist"] > 0 && counts["publish"] > 0);
        Assert.Equal(1m, Assert.Single(Queries.Trades(state)).RealizedPnl);
    }

    [Theory]
    [InlineData(typeof(Effect))]
    [InlineData(typeof(KernelEvent))]
    [InlineData(typeof(Row))]
    public void Effects_events_and_rows_are_closed_sets(Type root)
    {
        Assert.True(root.IsAbstract);
        // No constructor a type outside Pink.Core could call, but the record's copy constructor (protected, and it cannot
        // be made less visible in a record that is not sealed) ...
        var ctors = root.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.All(ctors.Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly),
            c => Assert.Equal([root], c.GetParameters().Select(p => p.ParameterType)));
        Assert.Contains(ctors, c => c.IsFamilyAndAssembly); // private protected
        // ... and that one is shut by an abstract member no type outside Pink.Core can see, so none can implement it.
        var hidden = root.GetMethods(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(m => m.IsAbstract && (m.IsAssembly || m.IsFamilyAndAssembly)).ToList();
        Assert.NotEmpty(hidden);
        Assert.All(KindsOf(root), k => Assert.True(k.IsSealed && k.IsPublic, $"{k.Name} is not a public sealed kind"));
    }

    /// <summary>Public types whose public constructor may take LanguageExt types: the embedder builds them.</summary>
    private static readonly System.Collections.Generic.HashSet<Type> MayTakeLanguageExt =
    [
        typeof(KernelConfig), // Instruments (optional): the venue's instrument rules, also learned from InstrumentSpec events
    ];

    [Fact]
    public void No_public_constructor_takes_LanguageExt_types_but_the_allowed_ones()
    {
        var languageExt = typeof(Arr<>).Assembly;
        bool Mentions(Type t) =>
            t.Assembly == languageExt || t.IsGenericType && t.GetGenericArguments().Any(Mentions) || t.HasElementType && Mentions(t.GetElementType()!);
        var offenders = Core.GetExportedTypes()
            .SelectMany(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public).Select(c => (Type: t, Ctor: c)))
            .Where(x => x.Ctor.GetParameters().Any(p => Mentions(p.ParameterType)) && !MayTakeLanguageExt.Contains(x.Type))
            .Select(x => $"{x.Type.Name}({string.Join(", ", x.Ctor.GetParameters().Select(p => p.ParameterType.Name))})")
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData(typeof(KernelState))]
    [InlineData(typeof(Account))]
    [InlineData(typeof(Slot))]
    [InlineData(typeof(Trade))]
    [InlineData(typeof(Order))]
    [InlineData(typeof(ExitLeg))]
    [InlineData(typeof(UnconfirmedFill))]
    [InlineData(typeof(ExchangeLead))]
    [InlineData(typeof(FundingFlow))]
    [InlineData(typeof(AccountSnapshot))]
    [InlineData(typeof(Outcome))]
    public void State_and_its_parts_are_read_never_built_by_a_host(Type type)
    {
        Assert.True(type.IsPublic);
        Assert.Empty(type.GetConstructors(BindingFlags.Instance | BindingFlags.Public));
        // No public init (so no `with` from outside) and no public setter.
        var writable = type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name).ToList();
        Assert.Empty(writable);
        Assert.Contains(type.GetProperties(BindingFlags.Instance | BindingFlags.Public), p => p.GetMethod!.IsPublic);
        // Equality is still the value's: two states built alike are equal.
        if (type == typeof(KernelState))
            Assert.Equal(Kernel.Initial(new KernelConfig(SlotCount: 2)), StateDocument.Restore(StateDocument.Save(Kernel.Initial(new KernelConfig(SlotCount: 2)))).RightToSeq().Single());
    }

    [Fact]
    public void The_deduplication_memory_is_not_public()
    {
        Assert.False(typeof(DedupMemory).IsPublic);
        Assert.Null(typeof(KernelState).GetProperty(nameof(KernelState.Dedup), BindingFlags.Instance | BindingFlags.Public));
    }

    [Fact]
    public void Events_are_set_by_name_and_every_member_without_a_default_is_required()
    {
        var types = KindsOf(typeof(KernelEvent)).Append(typeof(ExchangeSettlement)).Append(typeof(ExchangePosition)).ToList();
        Assert.Equal(16, types.Count - 2);
        foreach (var type in types)
        {
            // One public constructor, without parameters: the object initializer names every member.
            var ctor = Assert.Single(type.GetConstructors(BindingFlags.Instance | BindingFlags.Public));
            Assert.Empty(ctor.GetParameters());
            // The positional one stays Pink's own (readers, tests), and says which members have defaults.
            var positional = type.GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic)
                .Where(c => c.IsAssembly).MaxBy(c => c.GetParameters().Length)!;
            foreach (var p in positional.GetParameters())
            {
                var property = type.GetProperty(p.Name!, BindingFlags.Instance | BindingFlags.Public)!;
                Assert.True(property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)),
                    $"{type.Name}.{property.Name} is not init-only");
                var required = property.GetCustomAttribute<RequiredMemberAttribute>() is not null;
                Assert.True(required == !p.HasDefaultValue, $"{type.Name}.{p.Name}: required {required}, default {p.HasDefaultValue}");
            }
        }
        // The pairs that could be swapped unnoticed are all named and required.
        foreach (var name in new[] { nameof(Fill.Qty), nameof(Fill.Price), nameof(Fill.TimeMs), nameof(Fill.VenueOrderId) })
            Assert.NotNull(typeof(Fill).GetProperty(name)!.GetCustomAttribute<RequiredMemberAttribute>() ??
                           typeof(KernelEvent).GetProperty(name)?.GetCustomAttribute<RequiredMemberAttribute>());
    }

    [Fact]
    public void An_event_built_by_name_equals_the_one_Pink_builds_positionally()
    {
        var named = new Fill
        {
            VenueOrderId = 501, ClientOrderId = "c-1", Symbol = "FET-USDT", Side = OrderSide.Buy, Qty = 40, Price = 0.20m, TimeMs = 3,
            Id = "fill:501:40", CumQty = 40, Settlement = new ExchangeSettlement { RealizedPnl = 0, Fee = 0.004m },
        };
        var positional = new Fill(501, "c-1", "FET-USDT", OrderSide.Buy, 40, 0.20m, 3, Id: "fill:501:40", CumQty: 40,
            Settlement: new ExchangeSettlement(0, 0.004m));
        Assert.Equal(positional, named);
        Assert.Equal(positional.GetHashCode(), named.GetHashCode());
        Assert.Null(named.CumAvgPrice);
        Assert.Null(named.PositionSide);
    }
}
