namespace CouncilPlan.Core.Areas;

public enum AreaType
{
    Country,
    Region,
    CombinedAuthority,
    Council,
    Ward,
    ComparatorGroup,
}

/// <summary>
/// What kind of English council an area of type <see cref="AreaType.Council"/> is. Two-tier areas
/// have a county council over several district councils; everywhere else one council (unitary,
/// metropolitan borough or London borough) does both tiers' work.
/// </summary>
public enum CouncilType
{
    County,
    District,
    Unitary,
    Metropolitan,
    LondonBorough,
}

/// <summary>A place figures are published for, named by its ONS (GSS) code.</summary>
public sealed class Area
{
    /// <summary>ONS code such as E08000007, or our own code for a comparator group.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public AreaType Type { get; set; }

    public string? ParentCode { get; set; }

    /// <summary>For a council, when the areas file says: its kind (field council_type). Never
    /// inferred on load; <see cref="CouncilTypes.Of"/> falls back on the code's prefix.</summary>
    public CouncilType? CouncilType { get; set; }

    /// <summary>For a ward: the set of boundaries it belongs to (boundaries change).</summary>
    public string? WardSetId { get; set; }

    public WardSet? WardSet { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>Where the area sits on its ward set's hex map, computed from the centroids (<see cref="HexLayout"/>).</summary>
    public int? HexColumn { get; set; }

    public int? HexRow { get; set; }

    /// <summary>The boundary as a GeoJSON geometry, when the council has loaded its boundaries (they are not shipped).</summary>
    public string? Boundary { get; set; }

    /// <summary>The attribution the boundaries' licence requires, shown with any map drawn from them.</summary>
    public string? BoundaryAttribution { get; set; }

    /// <summary>For a comparator group: who defines its membership.</summary>
    public string? DefinedBy { get; set; }

    public string? Url { get; set; }

    public bool CopyContentFrom(Area other)
    {
        if (Name == other.Name && Type == other.Type && ParentCode == other.ParentCode && CouncilType == other.CouncilType && WardSetId == other.WardSetId
            && Latitude == other.Latitude && Longitude == other.Longitude && DefinedBy == other.DefinedBy && Url == other.Url
            && HexColumn == other.HexColumn && HexRow == other.HexRow)
        {
            return false;
        }

        HexColumn = other.HexColumn;
        HexRow = other.HexRow;

        DefinedBy = other.DefinedBy;
        Url = other.Url;

        Name = other.Name;
        Type = other.Type;
        ParentCode = other.ParentCode;
        CouncilType = other.CouncilType;
        WardSetId = other.WardSetId;
        Latitude = other.Latitude;
        Longitude = other.Longitude;
        return true;
    }
}

/// <summary>A council's wards as they were between two boundary reviews.</summary>
public sealed class WardSet
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    public required string CouncilCode { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }

    public bool IsInForceOn(DateOnly day) => From <= day && (To is null || day <= To);

    public bool CopyContentFrom(WardSet other)
    {
        if (Title == other.Title && CouncilCode == other.CouncilCode && From == other.From && To == other.To)
        {
            return false;
        }

        Title = other.Title;
        CouncilCode = other.CouncilCode;
        From = other.From;
        To = other.To;
        return true;
    }
}
