using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>What the focused element looks like, read from its computed style.</summary>
public sealed record FocusLook(string Outline, string BoxShadow, string Background, string Color, string TextDecoration)
{
    public override string ToString() => $"outline {Outline}; box-shadow {BoxShadow}; background {Background}; color {Color}; text-decoration {TextDecoration}";
}

/// <summary>One element that Tab should reach, as the page lists them in document order.</summary>
public sealed record TabStop(int Index, string Description, FocusLook Unfocused);

/// <summary>Where focus is after a key press.</summary>
public sealed record FocusState(int? Index, string Description, FocusLook? Look, bool InViewport, bool InMain, bool Visible, double Width, double Height);

/// <summary>Keyboard-only use of a page: what Tab should reach, what it does reach, and whether focus can be seen.</summary>
public static class Keyboard
{
    /// <summary>
    /// Marks every element that Tab should reach, in document order, and reads how each looks unfocused.
    /// Controls that are hidden, inert or disabled are left out; an element with a positive tabindex is
    /// reported, since it would break document order.
    /// </summary>
    public static async Task<IReadOnlyList<TabStop>> MarkTabStopsAsync(IPage page) =>
        await page.EvaluateJsonAsync<List<TabStop>>("() => {" + Functions + """
              const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
              // Chromium also stops on a box that scrolls and holds nothing focusable, so keyboard users can scroll it.
              const focusableScroller = (element) => {
                const style = getComputedStyle(element);
                const scrolls = (/(auto|scroll)/.test(style.overflowX) && element.scrollWidth > element.clientWidth)
                  || (/(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight);
                return scrolls && element.querySelector(selector) === null;
              };
              const stops = [];
              for (const element of document.body.querySelectorAll('*')) {
                const scroller = !element.hasAttribute('tabindex') && !element.matches(selector) && focusableScroller(element);
                if (!scroller && (!element.matches(selector) || element.tabIndex < 0)) continue;
                if (element.disabled || element.closest('[inert]')) continue;
                if (!element.checkVisibility({ visibilityProperty: true })) continue;
                element.dataset.tabStop = String(stops.length);
                stops.push({ index: stops.length, description: describe(element), unfocused: look(element) });
              }
              return stops;
            }
            """);

    /// <summary>Where focus is now, how the focused element looks, and whether it can be seen.</summary>
    public static async Task<FocusState> FocusAsync(IPage page) =>
        await page.EvaluateJsonAsync<FocusState>("() => {" + Functions + """
              const element = document.activeElement;
              if (!element || element === document.body || element === document.documentElement) {
                return { index: null, description: 'the page itself (focus has left the content)', look: null, inViewport: false, inMain: false, visible: false, width: 0, height: 0 };
              }
              const box = element.getBoundingClientRect();
              const inViewport = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
              const main = document.getElementById('main-content');
              return {
                index: element.dataset.tabStop === undefined ? null : Number(element.dataset.tabStop),
                description: describe(element),
                look: look(element),
                inViewport,
                inMain: !!main && main.contains(element) && element !== main,
                visible: element.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
                width: box.width,
                height: box.height,
              };
            }
            """);

    /// <summary>
    /// Whether a focused element looks different enough from its unfocused self for a sighted keyboard
    /// user to see where they are: an outline that can be seen, a box shadow, or a new background. A
    /// change of text colour or underline alone does not count.
    /// </summary>
    public static string? MissingIndicator(FocusLook unfocused, FocusLook focused)
    {
        var outline = focused.Outline;
        var visibleOutline = !outline.Contains("none", StringComparison.Ordinal)
            && !outline.Contains("rgba(0, 0, 0, 0)", StringComparison.Ordinal)
            && !outline.Contains("transparent", StringComparison.Ordinal)
            && !outline.StartsWith("0px", StringComparison.Ordinal)
            && outline != unfocused.Outline;
        var shadow = focused.BoxShadow != "none" && focused.BoxShadow != unfocused.BoxShadow;
        var background = focused.Background != unfocused.Background && focused.Background != "rgba(0, 0, 0, 0)";
        return visibleOutline || shadow || background
            ? null
            : $"no visible focus indicator: focused {focused}; unfocused {unfocused}";
    }

    /// <summary>Functions that the scripts above share, put at the start of each one's body.</summary>
    private const string Functions = """

          const describe = (element) => {
            const name = (element.getAttribute('aria-label') || element.innerText || element.value || element.getAttribute('name') || element.id || '').trim().replace(/\s+/g, ' ');
            const href = element.getAttribute('href');
            return `<${element.tagName.toLowerCase()}${element.id ? ' id="' + element.id + '"' : ''}${href ? ' href="' + href + '"' : ''}> "${name.slice(0, 60)}"`;
          };
          const look = (element) => {
            const style = getComputedStyle(element);
            return {
              outline: `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`,
              boxShadow: style.boxShadow,
              background: style.backgroundColor,
              color: style.color,
              textDecoration: style.textDecorationLine,
            };
          };

        """;
}
