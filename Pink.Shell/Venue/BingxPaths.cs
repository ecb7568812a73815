namespace Pink.Shell.Venue;

/// <summary>The endpoints Pink uses (bingx-api-facts.md §2–§3).</summary>
public static class BingxPaths
{
    /// <summary>GET server time.</summary>
    public const string ServerTime = "/openApi/swap/v2/server/time";
    /// <summary>POST place, GET query, DELETE cancel.</summary>
    public const string Order = "/openApi/swap/v2/trade/order";
    /// <summary>POST set leverage.</summary>
    public const string Leverage = "/openApi/swap/v2/trade/leverage";
    /// <summary>GET positions.</summary>
    public const string Positions = "/openApi/swap/v2/user/positions";
    /// <summary>GET balance.</summary>
    public const string Balance = "/openApi/swap/v2/user/balance";
    /// <summary>GET income (realized PnL, fees, funding).</summary>
    public const string Income = "/openApi/swap/v2/user/income";
    /// <summary>GET mark price (premium index).</summary>
    public const string PremiumIndex = "/openApi/swap/v2/quote/premiumIndex";
    /// <summary>GET contract specifications (quantity and price precision, minimum quantity).</summary>
    public const string Contracts = "/openApi/swap/v2/quote/contracts";
    /// <summary>POST create, PUT extend, DELETE close a listenKey.</summary>
    public const string ListenKey = "/openApi/user/auth/userDataStream";
}
