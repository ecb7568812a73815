using System.Text.Json.Nodes;
using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>
/// A version 2 document is read strictly: each defect is refused with an error naming the field, never restored with a
/// default (a settled_realized restored as 0 settled a trade's profit a second time: the seed's incident defect 3).
/// </summary>
public class DocumentStrictnessTests
{
    private static string Damaged(Action<JsonObject> damage)
    {
        var doc = JsonNode.Parse(GoldenDocuments.Read("state-v2.json"))!.AsObject();
        damage(doc);
        return doc.ToJsonString();
    }

    private static JsonObject State(JsonObject doc) => doc["state"]!.AsObject();
    private static JsonObject Trade(JsonObject doc, string id) => State(doc)["trades"]![id]!.AsObject();

    public static TheoryData<string, Action<JsonObject>, string> Defects() => new()
    {
        { "settled_realized removed", d => Trade(d, "T1").Remove("settled_realized"), "trades[\"T1\"].settled_realized is missing" },
        { "settled_fees removed", d => Trade(d, "T3").Remove("settled_fees"), "trades[\"T3\"].settled_fees is missing" },
        { "a leg's field removed", d => Trade(d, "T1")["legs"]![1]!.AsObject().Remove("realized"), "trades[\"T1\"].legs[1].realized is missing" },
        { "config field removed", d => State(d)["config"]!.AsObject().Remove("dedup_memory"), "config.dedup_memory is missing" },
        { "dedup removed", d => State(d).Remove("dedup"), "dedup is missing" },
        { "state removed", d => d.Remove("state"), "state is missing" },
        { "unknown field", d => State(d)["account"]!.AsObject().Add("bonus", 5), "account.bonus is not a field of the document" },
        { "unknown top-level field", d => d.Add("comment", "hi"), "comment is not a field of the document" },
        { "decimal as a string", d => Trade(d, "T1")["fees"] = "37.87", "trades[\"T1\"].fees has the wrong type: expected a decimal number, found \"37.87\"" },
        { "fraction for a whole number", d => State(d)["slots"]![2]!["exit_attempts"] = 1.5, "slots[2].exit_attempts has the wrong type: expected a whole number, found 1.5" },
        { "unknown enum name", d => State(d)["slots"]![0]!["phase"] = "dancing", "slots[0].phase has the wrong type: expected one of idle, entry_working, open, exit_working, found \"dancing\"" },
        { "object for an array", d => State(d)["dedup"] = new JsonObject(), "dedup has the wrong type: expected an array, found {}" },
        { "null for a value", d => State(d)["account"]!["capital"] = null, "account.capital is null where a value is required" },
        { "null in a list", d => State(d)["dedup"]![0] = null, "dedup[0] is null where a value is required" },
        { "venue order key not a number", d => State(d)["venue_orders"]!.AsObject().Add("x", "pk-9"), "venue_orders[\"x\"]: the key is not a whole number" },
        { "trade under another id", d => Trade(d, "T1")["trade_id"] = "T9", "trades[\"T1\"].trade_id is \"T9\", its key says \"T1\"" },
        { "repeated dedup id", d => State(d)["dedup"]![1] = "f-1", "dedup holds \"f-1\" twice" },
        { "version 4", d => d["version"] = 4, "version 4 is not supported: this build reads versions 1, 2 and 3" },
        { "a version 3 field in version 2", d => State(d).Add("forgotten", new JsonArray()), "forgotten is not a field of a version 2 document" },
        { "a version 3 config field in version 2", d => State(d)["config"]!.AsObject().Add("forgotten_memory", 5), "config.forgotten_memory is not a field of a version 2 document" },
        { "a version 3 order field in version 2", d => State(d)["orders"]!.AsObject().First().Value!.AsObject().Add("provisional", true), "orders[].provisional is not a field of a version 2 document" },
        { "version missing", d => d.Remove("version"), "version is missing" },
        { "version as text", d => d["version"] = "2", "version \"2\" is not supported: this build reads versions 1, 2 and 3" },
        { "wrong kind", d => d["kind"] = "something-else", "kind \"something-else\" is not \"pink.kernel-state\"" },
    };

    /// <summary>What version 3 added is read as strictly as the rest.</summary>
    [Theory]
    [InlineData("forgotten")]
    [InlineData("config.forgotten_memory")]
    public void A_version_3_document_without_what_version_3_added_is_refused(string field)
    {
        var doc = JsonNode.Parse(GoldenDocuments.Read("state-v3.json"))!.AsObject();
        if (field == "forgotten") State(doc).Remove("forgotten");
        else State(doc)["config"]!.AsObject().Remove("forgotten_memory");
        Assert.Equal($"state document: {field} is missing", StateDocument.Restore(doc.ToJsonString()).Match(_ => "restored", e => e));
        var repeated = JsonNode.Parse(GoldenDocuments.Read("state-v3.json"))!.AsObject();
        var ids = State(repeated)["forgotten"]!.AsArray();
        ids.Add(ids[0]!.GetValue<string>());
        Assert.StartsWith("state document: forgotten holds", StateDocument.Restore(repeated.ToJsonString()).Match(_ => "restored", e => e));
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public void A_damaged_v2_document_is_refused_naming_the_field(string defect, Action<JsonObject> damage, string expected)
    {
        var error = StateDocument.Restore(Damaged(damage)).Match(_ => "restored", e => e);
        Assert.True("state document: " + expected == error, $"{defect}: {error}");
    }

    [Fact]
    public void A_nullable_field_may_be_null_and_the_undamaged_golden_restores()
    {
        Assert.True(StateDocument.Restore(Damaged(_ => { })).IsRight);
        Assert.True(StateDocument.Restore(Damaged(d => State(d)["slots"]![0]!["trade_id"] = null)).IsRight);
    }

    [Fact]
    public void Saving_is_total_for_an_enum_value_no_name_stands_for()
    {
        var state = Pink.Core.Kernel.Initial(new KernelConfig(SlotCount: 1));
        state = state with { Slots = state.Slots.SetItem(0, state.Slots[0] with { Phase = (SlotPhase)9 }) };
        var doc = StateDocument.Save(state);
        Assert.Contains("\"phase\":9", doc);
        Assert.Equal(state, StateDocument.Restore(doc).IfLeft(e => throw new Exception(e)));
    }

    [Fact]
    public void Decimals_are_written_exactly()
    {
        var d = new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 0.1m));
        d.Balance(12_345.678901234567890123m, "b1");
        var doc = StateDocument.Save(d.State);
        Assert.Contains("\"capital\":12345.678901234567890123,", doc);
        Assert.Equal(12_345.678901234567890123m, StateDocument.Restore(doc).Map(s => s.Account.Capital).IfLeft(0));
    }
}
