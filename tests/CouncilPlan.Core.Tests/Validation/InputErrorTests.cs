using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Tests.Validation;

public sealed class InputErrorTests
{
    [Theory]
    [InlineData("observations.csv", 7, "period", "observations.csv:7:period: not a month")]
    [InlineData("plan.yaml", 12, "5", "plan.yaml:12:5: not a month")]
    [InlineData("observations.csv", 3, "", "observations.csv:3: not a month")]
    [InlineData("observations.csv", 0, "", "observations.csv: not a month")]
    [InlineData("", 4, "value", "row 4, column value: not a month")]
    [InlineData("", 4, "", "row 4: not a month")]
    [InlineData("", 0, "Period", "not a month")]
    public void ToString_NamesThePlaceAsFarAsItIsKnown(string file, long row, string column, string expected) =>
        Assert.Equal(expected, new InputError(file, row, column, "not a month").ToString());

    [Fact]
    public void AProblemFoundWithoutTheFile_IsNamedInTheFileLater()
    {
        var found = new InputError(7, "period", "not a month");

        Assert.Equal("observations.csv:7:period: not a month", found.In("observations.csv").ToString());
        Assert.Equal("row 7, column period: not a month", found.ToString());
    }

    [Fact]
    public void AYamlPlace_KeepsItsCharacter_AndLeavesOutAnUnknownOne()
    {
        Assert.Equal("plan.yaml:3:14: bad", InputError.At("plan.yaml", 3, 14, "bad").ToString());
        Assert.Equal("plan.yaml:3: bad", InputError.At("plan.yaml", 3, 0, "bad").ToString());
    }

    [Fact]
    public void AFormsProblems_AreByField_WithTheFirstOfEachKept()
    {
        var invalid = new InvalidInputException([InputError.Field("Value", "Enter the value"), InputError.Field("Value", "second"), InputError.Field("Commentary", "Enter a commentary")]);

        Assert.Equal(new Dictionary<string, string> { ["Value"] = "Enter the value", ["Commentary"] = "Enter a commentary" }, invalid.ByField);
        Assert.Equal(3, invalid.Errors.Count);
        Assert.StartsWith("3 problems:", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneProblem_IsTheMessage_AndAFieldsProblemDoesNotShowTheFieldsInternalName()
    {
        Assert.Equal("Choose a directorate from the list", new InvalidInputException("DirectorateId", "Choose a directorate from the list").Message);
        Assert.Equal("a.csv:2:value: too big", new InvalidInputException([new InputError("a.csv", 2, "value", "too big")]).Message);
    }
}
