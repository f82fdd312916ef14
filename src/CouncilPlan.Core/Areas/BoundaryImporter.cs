using System.Text.Json;
using System.Text.Json.Nodes;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Areas;

public sealed record BoundaryImportResult(int Loaded, IReadOnlyList<string> Skipped);

/// <summary>
/// Loads area boundaries from a GeoJSON FeatureCollection, all or nothing. Each feature names its
/// area by an ONS code in one of its properties; every problem is reported with the feature's
/// number. Boundaries are the council's to load (they are not shipped): OS licence terms require
/// the attribution to be shown with every map drawn from them.
/// </summary>
public sealed class BoundaryImporter(CouncilPlanDb db, TimeProvider clock)
{
    public const string OrdnanceSurveyAttribution = "Contains National Statistics and OS data © Crown copyright and database right 2023";

    private static readonly string[] CodeProperties = ["area_code", "code", "WD23CD", "WD22CD", "WD21CD", "WD20CD", "LAD23CD", "LSOA21CD"];

    public async Task<BoundaryImportResult> ImportFileAsync(string path, string? attribution, bool skipUnknown, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException([new InputError(path, 0, "", "the file does not exist")]);
        }

        JsonNode? root;
        try
        {
            await using var stream = File.OpenRead(path);
            root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException([InputError.At(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "the GeoJSON is malformed: " + e.Message.Split(" Path:")[0])]);
        }

        if (root?["type"]?.GetValue<string>() != "FeatureCollection" || root["features"] is not JsonArray features)
        {
            throw new InvalidInputException([InputError.At(path, 1, 1, "the file must be a GeoJSON FeatureCollection")]);
        }

        // A file may carry its own attribution (the dataset's do); one given on the command line wins.
        attribution ??= root["attribution"] is JsonValue given && given.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var areas = await db.Areas.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        var errors = new List<InputError>();
        var skipped = new List<string>();
        var found = new List<(Area Area, string Geometry)>();
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            var where = $"feature {i + 1}";
            var properties = feature?["properties"] as JsonObject;
            var code = CodeProperties.Select(p => properties?[p]?.GetValue<string>()).FirstOrDefault(c => !string.IsNullOrEmpty(c));
            var geometry = feature?["geometry"];
            var type = geometry?["type"]?.GetValue<string>();
            if (code is null)
            {
                errors.Add(new InputError(path, 0, "", $"{where}: no area code in its properties (looked for {string.Join(", ", CodeProperties)})"));
            }
            else if (type is not ("Polygon" or "MultiPolygon") || geometry?["coordinates"] is not JsonArray)
            {
                errors.Add(new InputError(path, 0, "", $"{where} ({code}): the geometry must be a Polygon or MultiPolygon"));
            }
            else if (!areas.TryGetValue(code, out var area))
            {
                if (skipUnknown)
                {
                    skipped.Add(code);
                }
                else
                {
                    errors.Add(new InputError(path, 0, "", $"{where}: '{code}' is not a known area (use --skip-unknown to leave out areas CouncilPlan does not hold)"));
                }
            }
            else
            {
                found.Add((area, geometry!.ToJsonString()));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (area, geometry) in found)
        {
            area.Boundary = geometry;
            area.BoundaryAttribution = attribution ?? OrdnanceSurveyAttribution;
        }

        await db.SaveChangesAsync(cancellationToken);
        await DataVersion.BumpAsync(db, clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new BoundaryImportResult(found.Count, skipped);
    }
}
