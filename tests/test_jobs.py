"""Parallel extraction (``briefing extract --jobs N``) writes exactly what one process writes.

Per-article work runs in worker processes; the cross-article merge must not
depend on which worker finished first.  The fixture is a dozen short articles
written for this test (a made-up dispute over a river dam, several outlets and
dates, quotes, relative dates) plus the two seed articles, extracted with
``--jobs 1`` and ``--jobs 2`` into two fresh projects whose ``data/*.yaml``
must be byte-for-byte identical.  Speed is not tested here (see benchmarks/).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
BRIEFING = str(Path(sys.executable).parent / "briefing")

ARTICLES = {
    "01-talks-open.md": """---
title: Talks on the Kessa dam open in Geneva
outlet: Wire Report
published: 2021-03-01
---
GENEVA (Wire Report) - Negotiators from Morvia and Telland opened talks on the Kessa dam in Geneva on Monday.

Morvian Foreign Minister Anna Brecht said her government would not accept any deal that cut the river's flow.

"We came here to find a fair share of the water, not to give away our farms," Brecht told reporters.

The United Nations envoy, Paolo Serrat, said the talks would last until Friday.
""",
    "02-walkout.md": """---
title: Telland delegation walks out of dam talks
outlet: Daily Courier
published: 2021-03-04
---
The Telland delegation walked out of the Kessa dam talks in Geneva on Wednesday.

Telland Prime Minister Omar Dufresne accused Morvia of bad faith and said the dam would be filled on schedule.

"Nobody will tell us how to use our own river," Dufresne said in a televised speech.

Paolo Serrat urged both sides to return to the table.
""",
    "03-filling.md": """---
title: Telland begins filling the Kessa reservoir
outlet: Wire Report
published: 2021-04-12
---
Telland began filling the reservoir of the Kessa dam on April 10, 2021, officials said.

Morvia's parliament condemned the move in a vote on Sunday.

Anna Brecht warned that Morvia would take the dispute to the Security Council.

Farmers along the lower river reported falling water levels within days.
""",
    "04-security-council.md": """---
title: Security Council meets on Kessa dispute
outlet: Global Times Review
published: 2021-05-03
---
The United Nations Security Council met on the Kessa dam dispute on Monday at the request of Morvia.

Paolo Serrat told the council that a deal on drought rules was within reach.

Omar Dufresne rejected any outside ruling on the dam and demanded that talks resume without conditions.

The council issued no statement after the closed meeting.
""",
    "05-drought.md": """---
title: Drought deepens along the lower Kessa
outlet: Daily Courier
published: 2021-06-20
---
A drought has cut the flow of the Kessa river by a third since May, the Morvian water agency said on Saturday.

The agency's director, Lena Ostrova, said irrigation would be rationed in four provinces.

"If the dam keeps filling at this pace, our wells will be dry by August," Ostrova said.

Telland said the filling would pause during the dry season.
""",
    "06-envoy-plan.md": """---
title: UN envoy offers a drought-sharing plan
outlet: Wire Report
published: 2021-07-08
---
Paolo Serrat presented a plan on Thursday under which Telland would release more water in drought years.

Anna Brecht said Morvia supports the plan as a basis for talks.

Omar Dufresne said Telland would study the proposal but opposes any binding quota.

The plan was drafted with help from the World Bank.
""",
    "07-protest.md": """---
title: Farmers protest in the Morvian capital
outlet: Global Times Review
published: 2021-08-02
---
Thousands of farmers marched in the Morvian capital on Sunday to demand a harder line on the dam.

The protest was organised by the Farmers Union, whose leader, Karel Vossberg, called for sanctions on Telland.

"Our government must stop talking and start acting," Vossberg said.

Police said the march passed off peacefully.
""",
    "08-talks-resume.md": """---
title: Dam talks resume in Addis Ababa
outlet: Daily Courier
published: 2021-09-14
---
Morvia and Telland resumed talks on the Kessa dam in Addis Ababa on Monday after a five-month break.

The African Union hosted the round, with Paolo Serrat attending as an observer.

Anna Brecht said both sides had agreed on an agenda for the first time.

A second round is planned for October.
""",
    "09-deal-outline.md": """---
title: Outline of a Kessa deal emerges
outlet: Wire Report
published: 2021-10-22
---
Negotiators agreed the outline of a deal on the Kessa dam on Thursday, diplomats said.

Under the outline, Telland would release a minimum flow during droughts and share data from the dam.

Omar Dufresne called the outline a victory for common sense.

Karel Vossberg rejected the outline and warned that farmers would keep protesting.
""",
    "10-signing.md": """---
title: Morvia and Telland sign the Kessa agreement
outlet: Global Times Review
published: 2021-12-06
---
Morvia and Telland signed an agreement on the Kessa dam in Addis Ababa on December 4, 2021.

Anna Brecht and Omar Dufresne signed for their governments in the presence of Paolo Serrat.

"This agreement shows that water can unite us rather than divide us," Serrat said.

The agreement must still be ratified by both parliaments.
""",
    "11-ratification.md": """---
title: Morvian parliament ratifies the dam agreement
outlet: Daily Courier
published: 2022-01-19
---
The Morvian parliament ratified the Kessa agreement on Tuesday by a wide margin.

Lena Ostrova said the water agency would publish flow data every week.

The Farmers Union said it would watch closely whether Telland keeps its word on the dam.

Telland's parliament is expected to vote on the Kessa agreement next month.
""",
    "12-unrelated.md": """---
title: City marathon draws record field
outlet: Daily Courier
published: 2021-04-18
---
A record 30,000 runners took part in the city marathon on Sunday.

The race was won by Jonas Pirell in two hours and nine minutes.

Organisers said next year's race would start an hour earlier because of the heat.
""",
}


def _corpus(folder: Path) -> Path:
    """The fixture articles plus the seed articles (with their manifest) in one folder."""
    folder.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    seeds = REPO / "seeds"
    for f in seeds.iterdir():
        if f.is_file():
            shutil.copy2(f, folder / f.name)
    return folder


# The fixture mixes two subjects (the dam and the seeds' Syria); naming both
# keeps every on-topic article in, so the comparison covers real extraction.
CONFIG = "topic: [kessa, dam, syria, syrian]\n"


def _extract(project: Path, articles: Path, jobs: int) -> subprocess.CompletedProcess:
    project.mkdir()
    (project / "briefing.yml").write_text(CONFIG, encoding="utf-8")
    proc = subprocess.run(
        [BRIEFING, "--root", str(project), "extract", "--articles", str(articles), "--jobs", str(jobs)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """data/ of the same corpus extracted with --jobs 1 and with --jobs 2."""
    base = tmp_path_factory.mktemp("jobs")
    articles = _corpus(base / "articles")
    _extract(base / "one", articles, 1)
    _extract(base / "two", articles, 2)
    return base / "one" / "data", base / "two" / "data"


def test_jobs_2_writes_the_same_yaml_byte_for_byte(two_runs):
    one, two = two_runs
    names = sorted(p.name for p in one.glob("*.yaml"))
    assert names == sorted(p.name for p in two.glob("*.yaml"))
    assert {"sources.yaml", "actors.yaml", "timeline.yaml"} <= set(names)
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), f"data/{name} differs with --jobs 2"


def test_parallel_run_extracted_every_article_and_real_facts(two_runs):
    """Guard against a vacuous comparison: the parallel output holds the corpus's facts."""
    _, two = two_runs
    sources = yaml.safe_load((two / "sources.yaml").read_text(encoding="utf-8"))
    sources = sources if isinstance(sources, list) else next(iter(sources.values()))
    assert len(sources) == len(ARTICLES) + 2  # + the two seeds
    actors_text = (two / "actors.yaml").read_text(encoding="utf-8")
    for name in ("Anna Brecht", "Omar Dufresne", "Paolo Serrat"):
        assert name in actors_text
    timeline_text = (two / "timeline.yaml").read_text(encoding="utf-8")
    assert "2021-12-04" in timeline_text  # the signing, an explicit date in article 10


def test_more_jobs_than_articles(tmp_path):
    """--jobs larger than the corpus still works and matches a serial run."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "01-talks-open.md").write_text(ARTICLES["01-talks-open.md"], encoding="utf-8")
    _extract(tmp_path / "one", articles, 1)
    _extract(tmp_path / "many", articles, 4)
    for f in sorted((tmp_path / "one" / "data").glob("*.yaml")):
        assert f.read_bytes() == (tmp_path / "many" / "data" / f.name).read_bytes()
