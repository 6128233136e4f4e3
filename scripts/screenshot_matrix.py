"""A screenshot of a built briefing's positions matrix, for the quality guide.

    .venv/bin/python scripts/screenshot_matrix.py DIR/site/positions.html OUT.png [WIDTH [SCALE]]

Opens the page in Debian's chromium (/usr/bin/chromium, through Playwright, as
the browser tests do), lifts the content column's width limit so that every
column of the matrix shows at once (on the site the matrix scrolls sideways
within the page), and saves the page from its top to the matrix's last row as
a PNG at SCALE device pixels per CSS pixel (0.7 by default: a 1,990-pixel-wide
page in a 1,393-pixel image).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDE = ".md-grid { max-width: none; } .matrix-wrap { overflow: visible; }"


def main(page_path: str, out: str, width: int = 1990, scale: float = 0.7) -> None:
    url = Path(page_path).resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=scale)
            page.goto(url, wait_until="load")
            page.add_style_tag(content=WIDE)
            box = page.eval_on_selector("table.matrix", "t => [t.getBoundingClientRect().right, "
                                                        "t.getBoundingClientRect().bottom + scrollY]")
            if box[0] > width:
                print(f"the matrix is {box[0]:.0f} px wide: give a WIDTH above it", file=sys.stderr)
            page.set_viewport_size({"width": width, "height": int(box[1]) + 24})
            page.screenshot(path=out, full_page=False)
        finally:
            browser.close()
    print(f"{out}: {Path(out).stat().st_size / 1000:.0f} KB")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:4]), *(float(a) for a in sys.argv[4:5]))
