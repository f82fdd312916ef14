using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>A RAG rating read with the latest SPC point type.</summary>
public sealed class NoiseAwareRagTests
{
    [Theory]
    [InlineData(Rag.Red, "common_cause", NoiseAwareStatus.RedWithinNormalVariation, "within normal variation")]
    [InlineData(Rag.Red, "special_cause_concern", NoiseAwareStatus.RedSpecialCauseConcern, "special-cause concern")]
    [InlineData(Rag.Red, "special_cause_improvement", NoiseAwareStatus.RedSpecialCauseImprovement, "special-cause improvement")]
    [InlineData(Rag.Green, "special_cause_improvement", NoiseAwareStatus.GreenSpecialCauseImprovement, "special-cause improvement")]
    [InlineData(Rag.Green, "common_cause", NoiseAwareStatus.GreenWithinNormalVariation, "within normal variation")]
    [InlineData(Rag.Green, "special_cause_concern", NoiseAwareStatus.GreenSpecialCauseConcern, "special-cause concern")]
    [InlineData(Rag.Amber, "common_cause", NoiseAwareStatus.AmberWithinNormalVariation, "within normal variation")]
    [InlineData(Rag.Amber, "special_cause_concern", NoiseAwareStatus.AmberSpecialCauseConcern, "special-cause concern")]
    [InlineData(Rag.Amber, "special_cause_improvement", NoiseAwareStatus.AmberSpecialCauseImprovement, "special-cause improvement")]
    [InlineData(Rag.Red, "special_cause_neutral_high", NoiseAwareStatus.SpecialCauseNeutral, "unusually high")]
    [InlineData(Rag.Green, "special_cause_neutral_low", NoiseAwareStatus.SpecialCauseNeutral, "unusually low")]
    public void Judge_CombinesRagWithSpcPointType(Rag rag, string pointType, NoiseAwareStatus status, string phrasePart)
    {
        var judgement = NoiseAwareRag.Judge(rag, pointType);

        Assert.Equal(status, judgement.Status);
        Assert.Contains(phrasePart, judgement.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RedWithinNormalVariation_ReadsAsPlainEnglish()
    {
        var judgement = NoiseAwareRag.Judge(Rag.Red, NoiseAwareRag.CommonCause);

        Assert.Equal("Target missed, but within normal variation: no sign that things have changed.", judgement.Phrase);
    }

    [Fact]
    public void Judge_NotRated_IsNotRatedWhateverTheSignal()
    {
        Assert.Equal(NoiseAwareStatus.NotRated, NoiseAwareRag.Judge(Rag.NotRated, NoiseAwareRag.SpecialCauseConcern).Status);
        Assert.Equal(NoiseAwareStatus.NotRated, NoiseAwareRag.Judge(Rag.NotRated, null).Status);
    }

    [Fact]
    public void Judge_NoSpcResult_KeepsTheRag()
    {
        var judgement = NoiseAwareRag.Judge(Rag.Red, null);

        Assert.Equal(NoiseAwareStatus.NoSpcResult, judgement.Status);
        Assert.StartsWith("Target missed", judgement.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UnknownPointType_Throws()
    {
        Assert.Throws<ArgumentException>(() => NoiseAwareRag.Judge(Rag.Red, "special_cause"));
    }
}
