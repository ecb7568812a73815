using BenchmarkDotNet.Running;
using Pink.Bench;

if (args.Length > 0 && args[0] == "--describe") return Describe.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Describe).Assembly).Run(args);
return 0;
