using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// Where a PDF's sections start, read back from its outline (bookmarks) with PdfPig: Chromium
/// writes one entry for each heading when it prints with an outline.
/// </summary>
public static class PdfContents
{
    /// <summary>
    /// The page number (from 1) of every heading in the PDF's outline, keyed by the heading's text
    /// as the outline has it, trimmed. A heading that appears more than once keeps its first page;
    /// an entry that points at no page of the document is left out. Empty when there is no outline.
    /// </summary>
    public static IReadOnlyDictionary<string, int> PagesOf(byte[] pdf)
    {
        var pages = new Dictionary<string, int>(StringComparer.Ordinal);
        using var document = PdfDocument.Open(pdf);
        if (!document.TryGetBookmarks(out var bookmarks))
        {
            return pages;
        }

        void Walk(IEnumerable<BookmarkNode> nodes)
        {
            foreach (var node in nodes)
            {
                if (node is DocumentBookmarkNode { PageNumber: > 0 } entry && entry.PageNumber <= document.NumberOfPages)
                {
                    var title = entry.Title.Trim();
                    if (title.Length > 0 && (!pages.TryGetValue(title, out var page) || entry.PageNumber < page))
                    {
                        pages[title] = entry.PageNumber;
                    }
                }

                Walk(node.Children);
            }
        }

        Walk(bookmarks.Roots);
        return pages;
    }

    /// <summary>The number of pages in a PDF.</summary>
    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }
}
