using Pink.Shell;
using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

/// <summary>Rule 18: Pink writes only its own database and always refuses dolphin and dolphin_prodgreen.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class NamespaceTests(ClickHouseServerFixture ch)
{
    [Theory]
    [InlineData("dolphin")]
    [InlineData("DOLPHIN")]
    [InlineData("dolphin_prodgreen")]
    public async Task A_write_to_a_production_database_is_refused_before_anything_is_sent(string database)
    {
        var (target, error) = ClickHouseTarget.Create(ch.Server.Url, database);
        Assert.Null(target);
        Assert.Contains("never written by Pink", error);
        Assert.Throws<ArgumentException>(() => ClickHouseTarget.Of(ch.Server.Url, database));

        var stderr = new StringWriter();
        Assert.Equal(2, await Cli.RunAsync(["schema", "apply", "--url", ch.Server.Url, "--database", database], new StringWriter(), stderr));
        Assert.Contains("refused", stderr.ToString());
        Assert.Equal(0, await ch.Long($"SELECT count() FROM system.databases WHERE lower(name) = lower('{database}')"));
    }

    [Fact]
    public async Task A_row_for_the_production_database_never_reaches_the_server()
    {
        // Even with a production database existing on the server, no path from a row leads there.
        await ch.Execute("CREATE DATABASE IF NOT EXISTS dolphin");
        try
        {
            await ch.Execute($"CREATE TABLE IF NOT EXISTS dolphin.{Tables.AnomalyEvents} (x UInt8) ENGINE = Memory");
            Assert.Throws<ArgumentException>(() => ClickHouseTarget.Of(ch.Server.Url, "dolphin"));
            Assert.Equal(0, await ch.Long($"SELECT count() FROM dolphin.{Tables.AnomalyEvents}"));
        }
        finally
        {
            await ch.Execute("DROP DATABASE IF EXISTS dolphin");
        }
    }

    [Fact]
    public void Table_names_cannot_smuggle_in_another_database()
    {
        var target = ClickHouseTarget.Of("http://127.0.0.1:8123", "dolphin_pink");
        Assert.Equal("dolphin_pink.trade_events", target.Qualify(Tables.TradeEvents));
        Assert.Throws<ArgumentException>(() => target.Qualify("trade_events; INSERT INTO dolphin.x"));
        Assert.Throws<ArgumentException>(() => target.Qualify("dolphin.trade_events"));
    }

    [Fact]
    public void The_default_database_is_dolphin_pink()
    {
        var target = ClickHouseTarget.Of(null);
        Assert.Equal("dolphin_pink", target.Database);
        Assert.Equal("http://127.0.0.1:8123/", target.Url.ToString());
    }
}
