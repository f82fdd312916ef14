using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>
/// WCAG 1.4.10 Reflow at 320 CSS pixels: the page must not scroll sideways, and no text may be cut
/// off. A wide table may scroll inside its own <c>.councilplan-table-wrapper</c>; nothing else may.
/// </summary>
public static class Reflow
{
    /// <summary>The only boxes that may scroll sideways on their own.</summary>
    public const string AllowedScroller = ".councilplan-table-wrapper";

    /// <summary>Everything on the page as it is now that breaks reflow, described so it can be found and fixed.</summary>
    public static Task<List<string>> ProblemsAsync(IPage page) =>
        page.EvaluateJsonAsync<List<string>>(Script, AllowedScroller);

    private const string Script = """
        (allowedScroller) => {
          const problems = [];
          const root = document.documentElement;
          const width = root.clientWidth;
          const slack = 0.5;
          const describe = (element) => {
            let text = element.tagName.toLowerCase();
            if (element.id) text += '#' + element.id;
            for (const name of element.classList) text += '.' + name;
            const words = (element.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
            return words ? `${text} "${words}"` : text;
          };
          const style = (element) => getComputedStyle(element);
          const scrollsX = (element) => /(auto|scroll)/.test(style(element).overflowX);
          const clips = (element, axis) => /(hidden|clip)/.test(axis === 'x' ? style(element).overflowX : style(element).overflowY);
          // Text that is hidden on purpose (visually hidden for screen readers, the unfocused skip link).
          const visuallyHidden = (element) => {
            for (let e = element; e && e !== document.body; e = e.parentElement) {
              const box = e.getBoundingClientRect();
              const s = style(e);
              if ((box.width <= 1 || box.height <= 1) && (s.position === 'absolute' || s.clipPath !== 'none' || s.clip !== 'auto')) return true;
            }
            return false;
          };
          const scrollerOf = (element) => {
            for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
              if (scrollsX(e)) return e;
            }
            return null;
          };

          if (root.scrollWidth > width) {
            problems.push(`the page scrolls sideways: it is ${root.scrollWidth} pixels wide in a ${width}-pixel window`);
            const culprits = [...document.body.querySelectorAll('*')].filter(e => {
              const box = e.getBoundingClientRect();
              return box.width > 0 && box.right > width + slack && !scrollerOf(e) && !visuallyHidden(e)
                && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + slack && !scrollerOf(e.parentElement));
            });
            for (const e of culprits.slice(0, 10)) {
              problems.push(`  too wide: ${describe(e)} reaches ${Math.round(e.getBoundingClientRect().right)} pixels`);
            }
          }

          for (const e of document.body.querySelectorAll('*')) {
            if (scrollsX(e) && e.scrollWidth > e.clientWidth + 1 && !e.matches(allowedScroller)) {
              problems.push(`${describe(e)} scrolls sideways (${e.scrollWidth} pixels in ${e.clientWidth}); only ${allowedScroller} may`);
            }
          }

          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
            acceptNode: (node) => node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
          });
          const reported = new Set();
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || reported.has(parent) || !parent.checkVisibility({ visibilityProperty: true }) || visuallyHidden(parent)) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const boxes = [...range.getClientRects()].filter(b => b.width > 0 && b.height > 0);
            const scroller = scrollerOf(parent);
            for (const box of boxes) {
              let problem = null;
              if (!scroller && (box.left < -slack || box.right > width + slack)) {
                problem = `text runs off the page (${Math.round(box.left)} to ${Math.round(box.right)} pixels)`;
              }
              for (let e = parent; !problem && e && e !== document.body; e = e.parentElement) {
                if (e === scroller) break;
                const clipX = clips(e, 'x') || e instanceof SVGSVGElement;
                const clipY = clips(e, 'y') || e instanceof SVGSVGElement;
                if (!clipX && !clipY) continue;
                const outer = e.getBoundingClientRect();
                if ((clipX && (box.left < outer.left - slack || box.right > outer.right + slack))
                    || (clipY && (box.top < outer.top - slack || box.bottom > outer.bottom + slack))) {
                  problem = `text is cut off by ${describe(e)}`;
                }
              }
              if (problem) {
                problems.push(`${describe(parent)}: ${problem}`);
                reported.add(parent);
                break;
              }
            }
          }
          return problems;
        }
        """;
}
