using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pink.Core;

namespace Pink.Bench.Check;

/// <summary>
/// A canonical text of every effect and the final state document, hashed: two kernels that give the same fingerprint
/// on a stream gave the same effects (rows, snapshots, diagnostics, orders, feedback) and the same state document bytes.
/// The snapshot is written field by field, so the fingerprint does not depend on how a snapshot holds its slots.
/// </summary>
public static class Fingerprint
{
    /// <summary>Folds the events with <see cref="Kernel.Apply"/>; returns the hash and the final state.</summary>
    public static (string Hash, KernelState State, int Effects) OfKernel(KernelState initial, IEnumerable<KernelEvent> events)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder(4096);
        var state = initial;
        var count = 0;
        foreach (var e in events)
        {
            var o = Kernel.Apply(state, e);
            state = o.State;
            foreach (var effect in o.Effects)
            {
                Write(text, effect);
                count++;
            }
            if (text.Length > 1 << 20) Flush(hash, text);
        }
        text.Append(StateDocument.Save(state));
        Flush(hash, text);
        return (Convert.ToHexString(hash.GetHashAndReset()), state, count);
    }

    /// <summary>One effect as canonical text (one line).</summary>
    public static void Write(StringBuilder text, Effect effect)
    {
        if (effect is PublishSnapshot { Snapshot: var s })
        {
            text.Append("snapshot ").Append(s.EventSeq).Append(' ').Append(s.TimeMs).Append(' ').Append(R(s.Capital)).Append(' ')
                .Append(R(s.Equity)).Append(' ').Append(s.CapitalSource).Append(' ').Append(R(s.EWalletBalance)).Append(' ')
                .Append(R(s.AvailableMargin)).Append(' ').Append(R(s.FeesPaid)).Append(' ').Append(R(s.UnrealizedPnl)).Append(' ')
                .Append(s.EntriesBlocked);
            foreach (var v in s.Slots) text.Append(" | ").Append(v);
        }
        else text.Append(effect);
        text.Append('\n');
    }

    private static string R(decimal x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static void Flush(IncrementalHash hash, StringBuilder text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        text.Clear();
    }
}
