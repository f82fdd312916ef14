using CouncilPlan.Core.Users;

namespace CouncilPlan.Core.Tests.Users;

/// <summary>The built-in list of common passwords, embedded in the assembly as common-passwords.txt.</summary>
public sealed class CommonPasswordsTests
{
    // The list as written: a change to it should change this number on purpose.
    private const int ListedPasswords = 456;

    private static List<string> Listed() =>
        [.. CommonPasswords.ReadBuiltIn().Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void TheBuiltInList_LoadsFromTheAssembly_WithEveryEntry()
    {
        var listed = Listed();

        Assert.Equal(ListedPasswords, listed.Count);
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["123456", "123456789"], listed.Take(2));
        Assert.Equal("999999", listed[^1]);

        // The note about where the list came from stays with it, and is not taken for a password.
        Assert.StartsWith("# The passwords and password stems", CommonPasswords.ReadBuiltIn()[0], StringComparison.Ordinal);
        Assert.DoesNotContain(listed, l => l.Contains("NCSC", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryListedPassword_IsRefused_AndAnOrdinaryPassphraseIsNot()
    {
        var common = CommonPasswords.Load();

        Assert.All(Listed(), entry => Assert.True(common.IsCommon(entry), entry));
        Assert.True(common.IsCommon("password"));
        Assert.False(common.IsCommon("Tangerine Walrus"));
    }
}
