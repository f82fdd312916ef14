using System.Text;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Tests.Validation;

/// <summary>The one parser for typed figures: what it reads, and what .NET alone would have misread.</summary>
public sealed class StrictNumberTests
{
    [Theory]
    [InlineData("1050", 1050)]
    [InlineData("1,050", 1050)]
    [InlineData(" 1,050 ", 1050)]
    [InlineData("12,345.6", 12345.6)]
    [InlineData("1,234,567", 1234567)]
    [InlineData("-1,050.5", -1050.5)]
    [InlineData("+3", 3)]
    [InlineData("0.5", 0.5)]
    [InlineData(".5", 0.5)]
    [InlineData("75.2", 75.2)]
    [InlineData("1.5e3", 1500)]
    [InlineData("1,000e3", 1000000)]
    public void Parse_ReadsPlainAndCorrectlyGroupedFigures(string text, double expected)
    {
        Assert.Equal(expected, StrictNumber.Parse(text, out var problem));
        Assert.Null(problem);
        Assert.Equal(expected, StrictNumber.Parse(Encoding.UTF8.GetBytes(text.Trim()), out _));
    }

    [Theory]
    [InlineData("1,05", "a comma may only separate thousands")]
    [InlineData("10,5", "a comma may only separate thousands")]
    [InlineData("1,0500", "a comma may only separate thousands")]
    [InlineData("1050,", "a comma may only separate thousands")]
    [InlineData(",105", "a comma may only separate thousands")]
    [InlineData("1234,567", "a comma may only separate thousands")]
    [InlineData("1,050.5,5", "a comma may only separate thousands")]
    [InlineData("1.050,5", "a comma may only separate thousands")]
    [InlineData("1\0", "control character (U+0000, a NUL byte)")]
    [InlineData("\u00071", "control character (U+0007)")]
    [InlineData("12%", "leave out the % sign")]
    [InlineData("£1050", "leave out the currency sign")]
    [InlineData("1 050", "a space may not separate digits")]
    [InlineData("NaN", "is not a number")]
    [InlineData("Infinity", "is not a number")]
    [InlineData("1e999", "too large to be a figure")]
    [InlineData("1.2.3", "is not a number")]
    [InlineData("1-2", "is not a number")]
    [InlineData("", "A figure is needed here")]
    [InlineData("٣", "is not a number")]
    public void Parse_RefusesWhatWouldBeMisread_SayingWhy(string text, string reason)
    {
        Assert.Null(StrictNumber.Parse(text, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Null(StrictNumber.ParseDecimal(text, out var decimalProblem));
        Assert.Contains(reason is "too large to be a figure" ? "" : reason, decimalProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void DotNetAlone_WouldHaveMisreadTheseFigures()
    {
        // Why the parser exists: the framework reads both of these as valid numbers.
        Assert.True(double.TryParse("1,05", System.Globalization.NumberStyles.Any, System.Globalization.CultureInfo.InvariantCulture, out var comma));
        Assert.Equal(105, comma);
        Assert.True(double.TryParse("1\0", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var nul));
        Assert.Equal(1, nul);
    }

    [Fact]
    public void ParseDecimal_KeepsPenceExactly()
    {
        Assert.Equal(13_900_000.07m, StrictNumber.ParseDecimal("13,900,000.07", out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("line one\nline two", true, null)]
    [InlineData("line one\nline two", false, "contains a control character (a line break)")]
    [InlineData("bell\u0007", true, "contains a control character (U+0007)")]
    [InlineData("nul\0", true, "contains a control character (U+0000, a NUL byte)")]
    public void TextField_RefusesControlCharacters_AndLineBreaksWhereOneLineIsWanted(string text, bool paragraphs, string? reason)
    {
        var problem = TextField.Problem(text, "The note", TextField.Note, paragraphs);

        if (reason is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(reason, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TextField_CountsCharactersAsPeopleSeeThem()
    {
        // 200 emoji are 400 UTF-16 code units but 200 characters.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", TextField.Short));

        Assert.Null(TextField.Problem(emoji, "The title", TextField.Short, paragraphs: false));
        Assert.Equal("The title is 201 characters long; the most it can be is 200", TextField.Problem(emoji + "x", "The title", TextField.Short, paragraphs: false));
    }
}
