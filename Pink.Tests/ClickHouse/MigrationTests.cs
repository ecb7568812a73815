using Pink.Shell;
using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

[Collection(ClickHouseCollection.Name)]
public sealed class MigrationTests(ClickHouseServerFixture ch)
{
    private async Task<List<string>> Schema(string db) =>
        await ch.Strings($"SELECT concat(table, '.', name, ' ', type, ' ', default_expression) FROM system.columns WHERE database = '{db}' ORDER BY table, position");

    [Fact]
    public async Task Migrations_applied_twice_change_nothing_the_second_time()
    {
        var target = ClickHouseTarget.Of(ch.Server.Url, ClickHouseServerFixture.NewDatabaseName("mig"));
        var first = await Migrator.ApplyAsync(target);
        var schemaAfterFirst = await Schema(target.Database);
        var second = await Migrator.ApplyAsync(target);

        Assert.Equal(Migration.Shipped().Select(m => m.Version), first.Applied.Select(m => m.Version));
        Assert.Empty(second.Applied);
        Assert.Equal(first.Applied.Count, second.AlreadyApplied.Count);
        Assert.Equal(schemaAfterFirst, await Schema(target.Database));
        Assert.Equal(first.Applied.Count, await ch.Long($"SELECT count() FROM {target.Database}.schema_migrations"));
    }

    [Fact]
    public async Task The_schema_has_the_five_tables_with_provenance_identity_and_typed_columns()
    {
        var target = await ch.MigratedDatabase("cols");
        var tables = await ch.Strings($"SELECT name FROM system.tables WHERE database = '{target.Database}' AND name != 'schema_migrations' ORDER BY name");
        Assert.Equal(Tables.All.Order(), tables);
        foreach (var table in Tables.All)
        {
            var columns = await ch.Strings($"SELECT concat(name, ' ', type) FROM system.columns WHERE database = '{target.Database}' AND table = '{table}'");
            Assert.Contains("ts DateTime64(6, 'UTC')", columns);
            Assert.Contains("account_event_seq UInt64", columns);
            Assert.Contains("event_key String", columns);
        }
        var all = await ch.Strings($"SELECT concat(table, '.', name, ' ', type) FROM system.columns WHERE database = '{target.Database}'");
        Assert.Contains("account_events.capital_source LowCardinality(String)", all);
        Assert.Contains("status_snapshots.capital_source LowCardinality(String)", all);
        Assert.Contains("trade_events.pnl_source LowCardinality(String)", all);
        Assert.Contains("trade_exit_legs.pnl_source LowCardinality(String)", all);
        Assert.Contains("trade_events.bars_held UInt16", all);
        Assert.Contains("trade_events.event LowCardinality(String)", all);
        Assert.Contains("anomaly_events.severity LowCardinality(String)", all);
    }

    [Fact]
    public async Task The_row_mapping_names_exactly_the_migrated_columns_and_types()
    {
        var target = await ch.MigratedDatabase("shape");
        foreach (var table in Tables.All)
        {
            var server = await ch.Strings($"SELECT concat(name, ' ', type) FROM system.columns WHERE database = '{target.Database}' AND table = '{table}' ORDER BY name");
            var shape = RowColumns.For(table);
            Assert.Equal(server, shape.Columns.Select(c => $"{c} {shape.Types[c]}").Order(StringComparer.Ordinal).ToList());
        }
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_is_an_error()
    {
        var target = await ch.MigratedDatabase("edit");
        var edited = Migration.Shipped().Select(m => m.Version == 1 ? m with { Sql = m.Sql + "\n-- edited\n" } : m).ToList();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.ApplyAsync(target, edited));
        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task Schema_apply_command_applies_then_reports_current()
    {
        var db = ClickHouseServerFixture.NewDatabaseName("cmd");
        var (out1, err1) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await Cli.RunAsync(["schema", "apply", "--url", ch.Server.Url, "--database", db], out1, err1));
        Assert.Contains("3 applied, 0 already current", out1.ToString());
        var out2 = new StringWriter();
        Assert.Equal(0, await Cli.RunAsync(["schema", "apply", "--url", ch.Server.Url, "--database", db], out2, new StringWriter()));
        Assert.Contains("0 applied, 3 already current", out2.ToString());
    }

    [Fact]
    public void Every_shipped_migration_is_additive()
    {
        foreach (var migration in Migration.Shipped())
            foreach (var statement in migration.Statements("db"))
                Assert.Null(AdditiveOnly.Check(statement));
    }

    [Theory]
    [InlineData("DROP TABLE db.trade_events")]
    [InlineData("ALTER TABLE db.trade_events DROP COLUMN flags")]
    [InlineData("ALTER TABLE db.trade_events MODIFY COLUMN bars_held Int32")]
    [InlineData("ALTER TABLE db.trade_events RENAME COLUMN flags TO tags")]
    [InlineData("ALTER TABLE db.trade_events ADD COLUMN venue String")]
    [InlineData("CREATE TABLE db.x (a UInt8) ENGINE = Memory")]
    [InlineData("TRUNCATE TABLE db.trade_events")]
    [InlineData("ALTER TABLE db.trade_events DELETE WHERE 1")]
    public void Destructive_statements_are_refused(string statement) => Assert.NotNull(AdditiveOnly.Check(statement));
}
