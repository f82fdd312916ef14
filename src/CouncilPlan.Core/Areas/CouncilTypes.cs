namespace CouncilPlan.Core.Areas;

/// <summary>The kinds of English council: their names in the areas file, what their ONS codes say
/// and the word a plan uses for the place a council serves.</summary>
public static class CouncilTypes
{
    /// <summary>The council_type values of the areas file, in the order the docs list them.</summary>
    public static readonly IReadOnlyDictionary<string, CouncilType> Names = new Dictionary<string, CouncilType>(StringComparer.Ordinal)
    {
        ["county"] = CouncilType.County,
        ["district"] = CouncilType.District,
        ["unitary"] = CouncilType.Unitary,
        ["metropolitan"] = CouncilType.Metropolitan,
        ["london-borough"] = CouncilType.LondonBorough,
    };

    /// <summary>
    /// The council type an ONS (GSS) code's three-character entity prefix stands for, from the ONS
    /// Register of Geographic Codes: E06 unitary authorities, E07 non-metropolitan districts,
    /// E08 metropolitan districts (boroughs), E09 London boroughs, E10 counties. Other prefixes
    /// (E47 combined authorities, Welsh or Scottish councils, our own codes) say nothing.
    /// </summary>
    public static CouncilType? FromCode(string code) =>
        code.Length < 3 ? null : code[..3] switch
        {
            "E06" => CouncilType.Unitary,
            "E07" => CouncilType.District,
            "E08" => CouncilType.Metropolitan,
            "E09" => CouncilType.LondonBorough,
            "E10" => CouncilType.County,
            _ => null,
        };

    /// <summary>A council's type: as the areas file says, else as its code says; null for an area
    /// that is not a council or whose type neither gives.</summary>
    public static CouncilType? Of(Area area) =>
        area.Type == AreaType.Council ? area.CouncilType ?? FromCode(area.Code) : null;

    /// <summary>The areas file's name for a council type (council_type: ...).</summary>
    public static string Name(CouncilType type) => Names.First(n => n.Value == type).Key;

    /// <summary>
    /// The natural word for the place a council serves ("across the borough", "in the district"),
    /// so that text written for one council reads right for any other; "area" when the kind of
    /// council is not known, or for an area that is not a council.
    /// </summary>
    public static string PlaceWord(Area area) => Of(area) switch
    {
        CouncilType.District => "district",
        CouncilType.County => "county",
        CouncilType.Metropolitan or CouncilType.LondonBorough => "borough",
        _ => "area",
    };

    /// <summary>How error messages name a council of this type ("a district council").</summary>
    public static string Describe(CouncilType? type) => type switch
    {
        CouncilType.County => "a county council",
        CouncilType.District => "a district council",
        CouncilType.Unitary => "a unitary council",
        CouncilType.Metropolitan => "a metropolitan borough council",
        CouncilType.LondonBorough => "a London borough council",
        _ => "a council",
    };
}
