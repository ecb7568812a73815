// The state's maps are keyed by ids and instrument keys compared ordinally: the default string ordering is the
// current culture's, which is slower by a factor of three to four per lookup and would make the state document's
// key order depend on the machine's culture settings.
global using TradeMap = LanguageExt.Map<LanguageExt.ClassInstances.OrdStringOrdinal, string, Pink.Core.Trade>;
global using OrderMap = LanguageExt.Map<LanguageExt.ClassInstances.OrdStringOrdinal, string, Pink.Core.Order>;
global using MarkMap = LanguageExt.Map<LanguageExt.ClassInstances.OrdStringOrdinal, string, decimal>;
global using System.Globalization;
