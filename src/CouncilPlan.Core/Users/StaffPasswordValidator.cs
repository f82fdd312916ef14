using System.Globalization;
using System.Text.RegularExpressions;
using CouncilPlan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Users;

/// <summary>
/// The checks Identity's own validator does not make (it checks the minimum length): a maximum
/// length, the deny list of common passwords, and words an attacker would try first for this
/// person and this council (ASVS 6.2.11).
/// </summary>
public sealed partial class StaffPasswordValidator(CommonPasswords common, CouncilPlanDb db) : IPasswordValidator<StaffUser>
{
    /// <summary>
    /// The example in the hint on the password pages. Everyone who reads the hint knows it, so it is
    /// the first passphrase an attacker would try.
    /// </summary>
    public const string Example = "kettle otter lantern";

    /// <summary>Words in council names that say nothing about which council it is.</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "council", "borough", "metropolitan", "city", "county", "district", "royal", "london", "combined", "authority", "the", "and", "of", "upon",
    };

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        password ??= "";
        if (password.Length > StaffIdentity.MaximumPasswordLength)
        {
            return IdentityResult.Failed(StaffIdentityErrors.PasswordTooLong(StaffIdentity.MaximumPasswordLength));
        }

        if (password.Length < StaffIdentity.MinimumPasswordLength)
        {
            // Identity's own validator says so; one message is enough.
            return IdentityResult.Success;
        }

        if (IsTheExample(password))
        {
            return IdentityResult.Failed(StaffIdentityErrors.PasswordIsTheExample(Example));
        }

        var folded = Fold(password);
        if (PersonalWords(user).Any(w => folded.Contains(w, StringComparison.Ordinal)))
        {
            return IdentityResult.Failed(StaffIdentityErrors.PasswordHasPersonalDetails());
        }

        var councils = await db.Plans.Select(p => p.CouncilName).Distinct().ToListAsync();
        if (councils.SelectMany(Words).Append("councilplan").Any(w => folded.Contains(w, StringComparison.Ordinal)))
        {
            return IdentityResult.Failed(StaffIdentityErrors.PasswordHasCouncilName());
        }

        return common.IsCommon(password) ? IdentityResult.Failed(StaffIdentityErrors.PasswordTooCommon()) : IdentityResult.Success;
    }

    /// <summary>The example however it is typed: in capitals, or with the spaces left out or doubled.</summary>
    public static bool IsTheExample(string password) =>
        string.Equals(WithoutSpaces(password), WithoutSpaces(Example), StringComparison.OrdinalIgnoreCase);

    private static string WithoutSpaces(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static List<string> PersonalWords(StaffUser user)
    {
        var email = user.Email ?? user.UserName ?? "";
        var local = email.Split('@')[0];
        var words = Words(local).Concat(Words(user.DisplayName)).ToList();
        var whole = Fold(local);
        if (whole.Length >= 4)
        {
            words.Add(whole);
        }

        return words;
    }

    private static IEnumerable<string> Words(string? text) =>
        Separators().Split((text ?? "").ToLower(CultureInfo.InvariantCulture))
            .Where(w => w.Length >= 4 && !GenericWords.Contains(w));

    private static string Fold(string text) =>
        new(text.ToLower(CultureInfo.InvariantCulture).Where(char.IsLetterOrDigit).ToArray());

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex Separators();
}
