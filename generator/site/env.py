"""How ``briefing build`` talks to the ``briefing`` plugin inside the mkdocs process it starts.

Environment variables, so that a plain ``mkdocs build`` (neither set) gets
none of the incremental machinery.
"""

ENV_PLAN = "BRIEFING_INCREMENTAL_PLAN"
"""Set for an incremental mkdocs run: the JSON plan the plugin follows."""

ENV_PAGES = "BRIEFING_PAGE_INDEX"
"""Set for every mkdocs run we start: where the plugin writes its page index."""

ENV_FULL = "BRIEFING_FULL_SITE_BUILD"
"""Set to 1 to always build the whole site (a benchmark's "before", or a doubt)."""
