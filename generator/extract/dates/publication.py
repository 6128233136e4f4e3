"""Does an undated sentence report something that happened on its article's day?"""

from __future__ import annotations

import re

from ..nlp import lower_safe as _lower_safe
from .tagger import tag


# --------------------------------------------------------------------------
# Does an undated sentence report something that happened on the article's day?
# --------------------------------------------------------------------------

_NOT_TODAY = re.compile(
    r"\b(?:will|'ll|shall|would|could|should|might|must|may|can|cannot|wo\s*n't|"
    r"going\s+to|expected\s+to|plans?\s+to|had|since|used\s+to|ago|previously|"
    r"formerly|earlier|last\s+(?:year|month|week)|in\s+(?:1[89]|20)\d\d|"
    r"for\s+(?:the\s+(?:past|last)\s+)?(?:\d+|two|three|four|five|six|several|many|"
    r"months|years|weeks|decades)\b|if|unless)\b",
    re.IGNORECASE,
)
_NOT_TODAY_LOWER = re.compile(_NOT_TODAY.pattern)
_HAS_BEEN = re.compile(r"\b(?:has|have)\s+been\b", re.IGNORECASE)
_HAS_BEEN_LOWER = re.compile(_HAS_BEEN.pattern)
_IRREGULAR_PAST = (
    "said|says|told|tells|met|fled|began|won|took|came|fell|left|shot|struck|hit|went|"
    "gave|made|held|sent|saw|led|broke|fought|lost|overran|ran|rose|spoke|stood|"
    "swept|threw|withdrew|wrote|drew|froze|got|put|set|sought|thought|brought|"
    "bought|caught|taught|felt|kept|meant|built|spent|shut|quit|beat|bled|blew|"
    "dug|hid|laid|lay|slew|split|spread|stole|stuck|tore|woke|wore|chose|forbade|"
    "arrives|attacks|calls|claims|condemns|denies|urges|warns|accuses|announces|"
    "says|kills|vows|rejects|demands|agrees|fires|shells|storms|seizes"
)
_HAPPENING = re.compile(
    rf"\b(?:[a-z]{{3,}}ed|{_IRREGULAR_PAST}|(?:is|are|was|were)\s+[a-z]+ing|"
    rf"(?:has|have)\s+(?!been\b)[a-z]+(?:ed|en|wn|ne|un|ld|ht|id|ot))\b"
)
_ADJECTIVE_ED = re.compile(
    r"\b(?:armed|united|based|alleged|concerned|detailed|limited|related|called|"
    r"interested|advanced|supposed|so-called|renewed|embattled|beleaguered|"
    r"hundred|red|bed|need|speed|seed|feed|shed|indeed|proceed|exceed|succeed|"
    r"agreed-upon|besieged|isolated|organized|organised|coordinated|unprecedented|"
    r"sophisticated|dedicated|complicated|experienced|qualified|educated|skilled|"
    r"talented|aged|wicked|naked|sacred|crooked|rugged|ragged|ed)\b"
)


def reports_on_publication_day(sentence: str) -> bool:
    """Is an undated sentence a report of something that happened that day?

    News leads report the day's happenings in the simple past or present
    ("Troops shelled Homs", "Syria says ..."), so such a sentence can be dated
    by its article.  Background and projection are not: the past perfect
    ("had been"), the future and modals ("will", "would", "could"), durations
    and anchors in the past ("for months", "since", "ago", "last year").  A
    sentence that carries its own date expression is judged by that date
    instead, so it returns False here.
    """
    if tag(sentence, None):
        return False
    low = _lower_safe(sentence)
    if low is not None:  # the two re.I tests as lower-case patterns on the lowered text: same matches
        if _NOT_TODAY_LOWER.search(low) or _HAS_BEEN_LOWER.search(low):
            return False
    elif _NOT_TODAY.search(sentence) or _HAS_BEEN.search(sentence):
        return False
    stripped = _ADJECTIVE_ED.sub(" ", sentence)
    return bool(_HAPPENING.search(stripped))
