using System.CommandLine;

namespace Pink.Shell.Commands;

/// <summary>A TCP port on 127.0.0.1 (0: a free one), range-checked at parse time.</summary>
public static class PortOption
{
    public static Option<int> Create(string name, int fallback, string description)
    {
        var option = new Option<int>(name) { Description = $"{description} (0 picks a free one)", HelpName = "PORT", DefaultValueFactory = _ => fallback };
        option.Validators.Add(r =>
        {
            var port = r.GetValueOrDefault<int>();
            if (port is < 0 or > 65535) r.AddError($"{name} must be a TCP port, 0..65535 (got {port})");
        });
        return option;
    }

    public static Option<int?> Optional(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "PORT" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is int port && port is < 0 or > 65535) r.AddError($"{name} must be a TCP port, 0..65535 (got {port})");
        });
        return option;
    }
}
