namespace CouncilPlan.Core.Validation;

/// <summary>Collects errors: the first few are kept (in the order found, which is row order), the rest only counted.</summary>
internal sealed class InputErrors(int max)
{
    private readonly List<InputError> listed = [];

    public int Max { get; } = Math.Max(0, max);

    public long Count { get; private set; }

    public IReadOnlyList<InputError> Listed => listed;

    public void Add(long row, string column, string reason)
    {
        Count++;
        if (listed.Count < Max)
        {
            listed.Add(new InputError(row, column, reason));
        }
    }

    /// <summary>Adds errors found later (repeated keys) and keeps the first <see cref="Max"/> of all in row order.</summary>
    public void Merge(IReadOnlyList<InputError> more, long moreCount)
    {
        Count += moreCount;
        listed.AddRange(more);
        listed.Sort((a, b) => a.Row.CompareTo(b.Row));
        if (listed.Count > Max)
        {
            listed.RemoveRange(Max, listed.Count - Max);
        }
    }
}
