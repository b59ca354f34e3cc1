"""Direct quotes and who said them.

A quote is the text between a pair of quotation marks: « … », “ … ”, " … ",
‘ … ’. Marks are paired inside one paragraph (a quote never crosses a blank
line) and only the outermost pair of a nesting is kept. The span is the
quoted words without the marks, the padding spaces French puts inside
guillemets, or a trailing comma.

The speaker is a person only when the text says so:
- an attribution next to the quote: `», a déclaré X`, `", X said`, `said X`,
  `X told reporters: "`, `selon X`, `according to X`, `a-t-il ajouté`;
- otherwise the subject of the sentence holding the quote, if it is a
  person: `Le colonel Abdramane a condamné … "attitude condescendante"`;
- `he`/`she`/`il`/`elle` and bare titles (`le ministre`) are resolved to a
  person named earlier only when exactly one candidate is in sight;
- a surname alone is resolved to the full name seen in the article.
Anything else (`ont-ils déclaré`, `peut-on lire`, `le communiqué salue`,
`according to the report`) gives a null speaker rather than a guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from claimcheck.extract.segment import paragraphs
from claimcheck.models import ClaimDraft, Kind
from claimcheck.text import fold, lower

_LABEL_MAX = 70
# How far back a bare title (`le ministre`) looks for the person it stands for.
_TITLE_REACH = 10_000

# ---- Pairing quotation marks ------------------------------------------------------------

_MARKS = re.compile("[«»“”„\"‘’]")
_DOUBLE_OPEN = "“„"
_OPENING_CONTEXT = " \t\n\r\u00a0\u202f([{—–-/"


def _pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open mark, close mark) positions of the outermost quotes in text[start:end]."""
    found: list[tuple[int, int]] = []
    guillemets: list[int] = []
    double: int | None = None  # the pending “, „ or "
    single: int | None = None  # the pending ‘
    for m in _MARKS.finditer(text, start, end):
        i, c = m.start(), m.group()
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if c == "«":
            guillemets.append(i)
        elif c == "»":
            if guillemets:
                found.append((guillemets.pop(), i))
        elif c in _DOUBLE_OPEN:
            double = i
        elif c == "”":
            if double is not None:
                found.append((double, i))
                double = None
        elif c == '"':
            opening_shaped = before in _OPENING_CONTEXT and not after.isspace()
            closing_shaped = not before.isspace() and before not in "([{"
            if double is not None and (closing_shaped or not opening_shaped):
                found.append((double, i))
                double = None
            elif opening_shaped or (double is None and not closing_shaped):
                # A new opening mark while one is pending means the pending one was stray
                # (an inch sign, a typo): start again from here.
                double = i
        elif c == "‘" and not (before.isalpha() and after.isalpha()):
            single = i
        elif c == "’" and single is not None and not after.isalpha():
            # Followed by a letter it is an apostrophe (l’État, don’t), not a closing mark.
            found.append((single, i))
            single = None
    # The convention for a quote running over several paragraphs: the paragraph opens
    # with a mark that is never closed.
    for pending in (double, guillemets[0] if guillemets else None):
        if pending is not None and not text[start:pending].strip():
            found.append((pending, end))
    found.sort()
    outer: list[tuple[int, int]] = []
    for pair in found:
        if outer and pair[0] < outer[-1][1]:
            continue  # nested inside the previous quote
        outer.append(pair)
    return outer


def _inner(text: str, o: int, c: int) -> tuple[int, int]:
    """The quoted words: no marks, no padding spaces, no trailing comma."""
    s, e = o + 1, c
    while s < e and (text[s].isspace() or text[s] == "\u200b"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


# ---- People in the article --------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞŁŒŠŽŸĆČĐŚŻŹŃ"
_NAME_PREFIXES = ("al", "el", "ad", "as", "ash", "bin", "ben", "abu", "ibn")
_TOKEN = rf"(?:(?:{'|'.join(_NAME_PREFIXES)})-)?[{_UPPER}][\w']*(?:-[\w']+)*"
_PARTICLE = r"(?:de|du|des|di|da|del|della|van|von|der|den|ter|bin|ben|ibn|dos|das|do|la|le|y)"
# Up to five capitalised words on one line (`Jean-Marc Lefèvre`, `Charles de Gaulle`, `J. Biden`).
_NAME = re.compile(
    rf"(?<![\w'-])(?:[{_UPPER}]\.[ \t]+)?{_TOKEN}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)*(?:[{_UPPER}]\.[ \t]+)?{_TOKEN}){{0,4}}"
)

# Where a _NAME match can start: a capital, or a prefix such as `al-` before a hyphen and a capital.
_CAPITAL = re.compile(f"[{_UPPER}]")
_HYPHEN_CAPITAL = re.compile(f"-(?=[{_UPPER}])")


def _names(folded: str) -> list[tuple[int, int]]:
    """The spans `_NAME.finditer(folded)` gives, found faster.

    _NAME opens with a look-behind, so a search with it tries every position of
    the article; here it is only tried where a match can start (a capital, or a
    prefix before `-` and a capital), in order, skipping what a match covered.
    """
    starts = [m.start() for m in _CAPITAL.finditer(folded)]
    prefixed = [
        h - len(p)
        for m in _HYPHEN_CAPITAL.finditer(folded)
        for h in (m.start(),)
        for p in _NAME_PREFIXES
        if folded.startswith(p, h - len(p)) and h >= len(p)
    ]
    if prefixed:
        starts = sorted(set(starts).union(prefixed))
    out: list[tuple[int, int]] = []
    covered = 0
    match = _NAME.match
    for pos in starts:
        if pos < covered:
            continue
        m = match(folded, pos)
        if m is not None:
            out.append(m.span())
            covered = m.end()
    return out


# Words that name a person's role: they make the next name a person's, and stand for it.
_TITLE_WORDS = (
    "président|présidente|ministre|porte-parole|colonel|lieutenant-colonel|général|générale|capitaine|"
    "commandant|lieutenant|sergent|amiral|maréchal|chef|cheffe|directeur|directrice|secrétaire|"
    "ambassadeur|ambassadrice|maire|député|députée|sénateur|sénatrice|juge|procureur|procureure|"
    "avocat|avocate|professeur|professeure|docteur|chercheur|chercheuse|économiste|analyste|"
    "patron|patronne|pdg|dirigeant|dirigeante|gouverneur|gouverneure|roi|reine|prince|princesse|pape|"
    "commissaire|conseiller|conseillère|fondateur|fondatrice|délégué|déléguée|représentant|"
    "représentante|envoyé|envoyée|émissaire|candidat|candidate|opposant|opposante|militant|militante|"
    "président-directeur|monsieur|madame|m\\.|mme|mlle|mgr|dr|pr|"
    "president|prime minister|minister|secretary|spokesman|spokeswoman|spokesperson|chairman|"
    "chairwoman|chairperson|chair|chief executive|executive|ceo|director|head|leader|mayor|governor|"
    "senator|sen\\.|representative|rep\\.|congressman|congresswoman|judge|prosecutor|attorney|lawyer|"
    "professor|prof\\.|doctor|dr\\.|economist|analyst|researcher|colonel|col\\.|general|gen\\.|"
    "captain|capt\\.|commander|lieutenant|lt\\.|sergeant|sgt\\.|admiral|officer|commissioner|"
    "inspector|chancellor|king|queen|princess|pope|cardinal|bishop|rabbi|imam|pastor|reverend|"
    "rev\\.|founder|manager|coach|adviser|advisor|envoy|candidate|activist|campaigner|"
    "mr\\.?|mrs\\.?|ms\\.?|miss|sir|dame|lord|lady"
)
# Every word of every title, for a quick test before the patterns run.
_TITLE_SINGLE = frozenset(
    form
    for title in _TITLE_WORDS.replace("\\", "").split("|")
    for word in title.split()
    for form in ((word[:-2], word[:-1]) if word.endswith(".?") else (word,))
)
_TITLE = re.compile(rf"(?<![\w-])(?:{_TITLE_WORDS})(?![\w-])", re.I)
# A title, an optional adjective or complement, then the name: `le porte-parole militaire,
# le colonel `, `chairwoman `, `the port authority's chairwoman, `, `le ministre de l'Économie, `.
_NOT_ADJECTIVE = r"(?!(?:de|du|des|d'|of|for|at|la|le|les|l'|the|a|an)\b)"
_TITLE_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_TITLE_WORDS})(?:\s+{_NOT_ADJECTIVE}[a-zà-ÿ-]+)?"
    r"(?:\s+(?:de|du|des|of|for|at)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?[\w'-]+(?:\s+[\w'-]+)?\s*,)?"
    rf"\s*,?\s*(?:(?:le|la|the)\s+(?:{_TITLE_WORDS})\s+)?$",
    re.I,
)
# Capitalised words that are not names: sentence-initial function words, calendar words.
_NOT_NAME = frozenset(
    ["le", "la", "les", "l", "un", "une", "des", "du", "de", "ce", "cet", "cette", "ces", "son", "sa",
     "ses", "leur", "leurs", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "selon", "d'après",
     "après", "avant", "depuis", "pendant", "pour", "par", "mais", "et", "ou", "donc", "or", "ni", "car",
     "quand", "lorsque", "si", "en", "dans", "sur", "sous", "avec", "sans", "chez", "vers", "entre", "dès",
     "puis", "ensuite", "enfin", "aussi", "ainsi", "alors", "pourtant", "cependant", "toutefois", "c'est",
     "ça", "cela", "ceci", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
     "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
     "novembre", "décembre", "the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
     "their", "our", "my", "he", "she", "they", "we", "you", "i", "it", "according", "after", "before",
     "since", "during", "for", "by", "but", "and", "or", "so", "yet", "when", "while", "if", "in", "on",
     "at", "with", "without", "from", "to", "as", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december", "there", "here", "what", "who", "why", "how"]
)
# Words that make a capitalised phrase a place or an organisation rather than a person.
_NOT_PERSON = frozenset(
    ["états", "etats", "unis", "united", "states", "kingdom", "royaume", "uni", "union", "nations",
     "commission", "cour", "court", "conseil", "council", "ministère", "ministry", "department", "agence",
     "agency", "press", "presse", "banque", "bank", "fonds", "fund", "office", "institut", "institute",
     "université", "university", "parti", "party", "assemblée", "assembly", "sénat", "senate", "congrès",
     "congress", "maison", "house", "blanche", "white", "alliance", "organisation", "organization", "force",
     "forces", "armée", "army", "police", "group", "groupe", "times", "post", "journal", "news", "monde",
     "afrique", "africa", "europe", "asie", "asia", "amérique", "america", "sahel", "ouest", "est", "nord",
     "sud", "west", "east", "north", "south", "république", "republic", "fédération", "federation",
     "burkina", "faso", "côte", "ivoire", "new", "york", "los", "angeles", "san", "hong", "kong", "sri",
     "lanka", "saint", "sainte", "port", "authority", "company", "inc", "ltd", "corp", "airlines",
     "airways", "energy", "élysée", "elysée", "matignon", "kremlin", "pentagone", "pentagon", "street",
     "wall", "cedeao", "ecowas", "onu", "un", "ue", "eu", "otan", "nato", "reuters", "afp", "ap",
     "bloomberg", "associated", "agence", "ministre", "gouvernement", "government", "water", "holdings",
     "motors", "foods", "systems", "technologies", "partners", "capital", "media", "rail", "railways",
     "telecom", "pharma", "valley", "river", "lake", "mount", "island", "islands", "city", "county",
     "province", "région", "region", "département", "ville", "hôpital", "hospital", "école", "school"]
)

_PRONOUN_SINGULAR = frozenset({"il", "elle", "he", "she"})
_PRONOUN_OTHER = frozenset({"ils", "elles", "on", "they", "we", "nous", "it", "i", "je", "you", "vous"})


_SPACED = re.compile(r"\S+")
# The most a capitalised phrase can lose from its front when peeled (`According to President`).
_PEEL_REACH = 40
_TOKENS = re.compile(r"[\w'-]+")


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    titles: list[str] = field(default_factory=list)
    person: bool = False


class _People:
    """Person mentions across the article, with surnames resolved to full names.

    Full names (two words or more, not a place) are collected in one cheap pass;
    each mention's titles, which need a look at the words before it, are worked
    out only when a quote asks about that stretch of text, then kept.
    """

    def __init__(self, text: str, folded: str, quoted: list[tuple[int, int]]) -> None:
        self.text, self.folded = text, folded
        # A name inside a quote is not someone speaking in the article.
        self.raw = [(s, e) for s, e in _names(folded) if not _inside(s, quoted)]
        self.starts = [s for s, _ in self.raw]
        self.cache: dict[int, _Mention | None] = {}
        self.first_full: dict[str, tuple[int, str]] = {}  # surname → where and as what it first appears
        for s, e in self.raw:
            part = _name_part(text, folded, s, e)
            if part and " " in part[1] and not _place_like(folded, part[0], e, part[1]):
                self.first_full.setdefault(part[1].split()[-1], (part[0], part[1]))

    def mention(self, i: int) -> _Mention | None:
        if i not in self.cache:
            s, e = self.raw[i]
            found = _mention(self.text, self.folded, s, e)
            if found is not None and " " not in found.name:
                full = self.first_full.get(found.name)
                if full and full[0] < found.start:
                    found.name, found.person = full[1], True
            self.cache[i] = found
        return self.cache[i]

    def in_range(self, start: int, end: int) -> list[_Mention]:
        out = []
        # A phrase may begin with words peeled off later (`Selon Marie Curie`), so look a
        # little before `start` and keep what begins inside the range once peeled.
        i = bisect.bisect_left(self.starts, start - _PEEL_REACH)
        while i < len(self.raw) and self.raw[i][0] < end:
            found = self.mention(i)
            if found is not None and start <= found.start < end:
                out.append(found)
            i += 1
        return out

    def before(self, pos: int, window_start: int) -> list[_Mention]:
        """People mentioned between window_start and pos, nearest last."""
        return [m for m in self.in_range(window_start, pos) if m.person and m.end <= pos]


def _name_part(text: str, folded: str, start: int, end: int) -> tuple[int, str, list[str]] | None:
    """Peel titles and function words off a capitalised phrase: (start, name, titles peeled)."""
    titles: list[str] = []
    for w in _SPACED.finditer(folded, start, end):
        word = w.group().lower()
        if word in _TITLE_SINGLE:
            titles.append(word)
        elif word not in _NOT_NAME:
            return w.start(), " ".join(text[w.start() : end].split()), titles
    return None


def _place_like(folded: str, start: int, end: int, name: str) -> bool:
    """A place or organisation word, or an acronym (`CGT Santé`, `CHU de Rennes`)."""
    return any(t.lower() in _NOT_PERSON for t in _TOKENS.findall(folded, start, end)) or any(
        len(w) > 1 and w.isupper() for w in name.replace("-", " ").split()
    )


def _mention(text: str, folded: str, start: int, end: int) -> _Mention | None:
    """A capitalised phrase as a mention, with the titles before it (`le colonel`, `chairwoman`)."""
    part = _name_part(text, folded, start, end)
    if part is None:
        return None
    start, name, titles = part
    # The title pattern is slow to scan with, so it runs only from the title words a set
    # lookup finds just before the name.
    for w in _SPACED.finditer(folded, max(0, start - 80), start):
        if w.group().lower().strip(",") in _TITLE_SINGLE:
            before = _TITLE_BEFORE.match(folded, w.start(), start)
            if before:
                titles = titles + [t.group().lower() for t in _TITLE.finditer(before.group())]
                break
    person = not _place_like(folded, start, end, name) and (bool(titles) or " " in name)
    return _Mention(start, end, name, titles, person)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether pos falls in one of the sorted, disjoint spans."""
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# ---- Attribution patterns ---------------------------------------------------------------

_FR_PARTICIPLE = (
    "déclaré|affirmé|indiqué|précisé|ajouté|souligné|expliqué|dit|estimé|assuré|martelé|lancé|"
    "insisté|reconnu|déploré|dénoncé|averti|prévenu|confié|annoncé|poursuivi|conclu|répondu|rappelé|"
    "jugé|commenté|écrit|tweeté|observé|noté|relevé|admis|promis|plaidé|répété|résumé|détaillé|"
    "raconté|témoigné|confirmé|regretté|lâché|glissé|tranché|réagi|signalé|argué|soutenu|ironisé|"
    "accusé|fait valoir|fait savoir|mis en garde|prédit|avancé|certifié|déclaraient|expliqué"
)
_FR_PRESENT = (
    "déclare|affirme|indique|précise|ajoute|souligne|explique|dit|estime|assure|martèle|lance|"
    "insiste|reconnaît|reconnait|déplore|dénonce|avertit|prévient|confie|annonce|poursuit|conclut|"
    "répond|rappelle|juge|commente|écrit|observe|note|relève|admet|résume|détaille|raconte|"
    "témoigne|confirme|regrette|tranche|réagit|accuse|fait valoir|fait savoir|lit|lire|"
    "déclarait|affirmait|expliquait|ajoutait|disait|assurait|estimait|soulignait|précisait"
)
_EN_VERB = (
    "said|says|told|tells|added|adds|stated|explained|explains|noted|notes|warned|warns|argued|"
    "argues|claimed|claims|insisted|insists|wrote|writes|tweeted|posted|announced|declared|asked|"
    "replied|responded|continued|concluded|acknowledged|admitted|recalled|observed|commented|"
    "remarked|suggested|stressed|emphasised|emphasized|confirmed|predicted|urged|cautioned|"
    "complained|conceded|countered|agreed|testified|maintained|contended|recounted|reported"
)
# Every word that can make an attribution, for a quick test before the patterns run.
_CUES = frozenset(
    w for verbs in (_FR_PARTICIPLE, _FR_PRESENT, _EN_VERB) for v in verbs.split("|") for w in v.split()
) | {"selon", "d'après", "according", "lire"}
_CUE_TOKENS = re.compile(r"[\w']+")


def _has_cue(chunk: str) -> bool:
    return any(w in _CUES for w in _CUE_TOKENS.findall(chunk.lower()))


_LEAD = r"^[\s,.!?;:—–-]*"
# Who speaks: a short run of words (an apposition between commas allowed), never starting with a
# conjunction or preposition, which would mean the words belong to another clause.
_PHRASE = (
    r"(?!(?:and|or|but|et|ou|mais|to|in|of|for|with|de|du|des|à|pour|avec|que|qui|which|that)\b)"
    r"([^,.;:!?\"«»()\n]{1,60}?|[^.;:!?\"«»()\n]{1,60}?,[^.;:!?\"«»()\n]{1,60}?,)"
)
_ADVERB = r"(?:(?:notamment|également|aussi|encore|ainsi|alors|pourtant|enfin|ensuite|déjà)\s+)?"

# Where the speaker's words stop: punctuation, the end, or a preposition starting a complement
# (`a déclaré le ministre à la presse`, `said Okafor on Monday`).
_END_FR = r"(?=\s*(?:[,.;:!?(\n]|$|\s(?:à|au|aux|dans|lors|devant|sur|qui|en|depuis)\s))"
_END_EN = r"(?=\s*(?:[,.;:!?(\n]|$|\s(?:on|in|at|to|during|before|after|while|who|from|last|yesterday|today)\s))"
_END_PUNCT = r"(?=\s*(?:[,.;:!?(\n]|$))"
_FR_AUX = r"(?:a|avait|aurait|ont|avaient)"
_FR_PRONOUN = r"(il|elle|ils|elles|on)"
_EN_AUX = r"(?:has\s+|had\s+|have\s+)?"

# Patterns on the text right after the closing mark; group 1 is who speaks.
_AFTER_FR = [
    re.compile(_LEAD + rf"{_FR_AUX}-t?-?{_FR_PRONOUN}\s+{_ADVERB}(?:{_FR_PARTICIPLE})\b", re.I),
    re.compile(_LEAD + rf"(?:{_FR_PRESENT}|{_FR_PARTICIPLE})-t?-?{_FR_PRONOUN}\b", re.I),
    re.compile(_LEAD + r"(?:peut|pouvait)-(on)\s+lire", re.I),
    re.compile(_LEAD + rf"{_FR_AUX}\s+{_ADVERB}(?:{_FR_PARTICIPLE})\s+{_PHRASE}{_END_FR}", re.I),
    re.compile(_LEAD + rf"(?:{_FR_PRESENT})\s+{_PHRASE}{_END_FR}", re.I),
    re.compile(_LEAD + rf"(?:selon|d'après)\s+{_PHRASE}{_END_PUNCT}", re.I),
    re.compile(_LEAD + rf"{_PHRASE}\s+(?:a|avait|aurait)\s+{_ADVERB}(?:{_FR_PARTICIPLE})\b", re.I),
]
_AFTER_EN = [
    re.compile(_LEAD + rf"(?:{_EN_VERB})\s+{_PHRASE}{_END_EN}", re.I),
    re.compile(_LEAD + rf"according\s+to\s+{_PHRASE}{_END_PUNCT}", re.I),
    re.compile(_LEAD + rf"{_PHRASE}\s+{_EN_AUX}(?:{_EN_VERB})\b", re.I),
]
# Patterns on the text between the start of the sentence and the opening mark.
_BEFORE_FR = [
    re.compile(rf"(?:selon|d'après)\s+{_PHRASE}\s*,?\s*$", re.I),
    re.compile(
        rf"{_PHRASE}\s+{_FR_AUX}\s+{_ADVERB}(?:{_FR_PARTICIPLE})(?:\s+[^:\"«]{{0,60}}?)?\s*(?:que|qu')?\s*:?\s*$",
        re.I,
    ),
    re.compile(rf"{_PHRASE}\s+(?:{_FR_PRESENT})(?:\s+[^:\"«]{{0,40}}?)?\s*:\s*$", re.I),
]
_BEFORE_EN = [
    re.compile(rf"according\s+to\s+{_PHRASE}\s*,?\s*$", re.I),
    re.compile(rf"{_PHRASE}\s+{_EN_AUX}(?:{_EN_VERB})(?:\s+[^:\"]{{0,60}}?)?\s*(?:that)?\s*[:,]?\s*$", re.I),
]
# The subject of a sentence: up to a few lowercase words (titles, adjectives), a capitalised
# name, then a lowercase word (the verb) or an apposition.
_SUBJECT = re.compile(
    rf"\s*(?:(?i:mais|but|and|et|yet|puis|then|ensuite|enfin|also|aussi)\s*,?\s+)?"
    rf"((?i:il|elle|he|she|ils|elles|they)(?=\s+[a-zà-ÿ])|"
    rf"(?:(?i:le|la|les|l'|the)\s+)?(?:[a-zà-ÿ.'-]+\s+){{0,3}}?(?:[{_UPPER}][\w.'-]*\s+){{0,4}}?[{_UPPER}][\w'-]*)"
    rf"(?=\s*,|\s+[a-zà-ÿ])"
)


class _Context:
    def __init__(
        self,
        text: str,
        folded: str,
        sentences: list[tuple[int, int]],
        lang: str,
        paras: list[tuple[int, int]],
        quoted: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.folded = folded
        self._low: str | None = None  # lower(folded), made when a bare title needs a search
        self.lang = lang
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]
        self.paragraphs = paras
        self.paragraph_starts = [s for s, _ in paras]
        self.people = _People(text, self.folded, quoted)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def is_whole_sentence(self, o: int, c: int) -> bool:
        """Whether the quote between marks o and c is all its sentence holds (but punctuation)."""
        s_start, _ = self.sentence_at(o)
        _, c_end = self.sentence_at(c)
        return s_start == o and not self.folded[c + 1 : c_end].strip(" .!?,;")

    def next_sentence(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.sentence_starts, pos)
        return self.sentences[i] if i < len(self.sentences) else None

    def paragraph_at(self, pos: int) -> tuple[int, int, int]:
        """(start, end, start of the previous paragraph) of the paragraph holding pos."""
        i = max(0, bisect.bisect_right(self.paragraph_starts, pos) - 1)
        prev = self.paragraphs[i - 1][0] if i > 0 else self.paragraphs[i][0]
        return self.paragraphs[i][0], self.paragraphs[i][1], prev

    # -- resolving who --

    def speaker(self, o: int, c: int) -> tuple[str | None, bool]:
        """Who the text says spoke the quote between marks o and c, and whether it says anything.

        The flag is False when no attribution was found at all, as opposed to
        one that names no person (`peut-on lire`, `selon le rapport`).
        """
        s_start, _ = self.sentence_at(o)
        _, c_end = self.sentence_at(c)
        _, p_end, _ = self.paragraph_at(o)
        after = (self.folded[c + 1 : min(max(c_end, c + 160), p_end, c + 200)], c + 1)
        # Only the end of a long sentence can hold the attribution (`X said:`), and a bounded
        # chunk keeps the patterns that end at the quote cheap.
        b_start = max(s_start, o - 200)
        before = (self.folded[b_start:o], b_start)
        fr = self.lang == "fr"
        for chunk, base, patterns in (
            (*after, _AFTER_FR if fr else _AFTER_EN),
            (*before, _BEFORE_FR if fr else _BEFORE_EN),
        ):
            if not _has_cue(chunk):
                continue  # no reporting word at all: spare the patterns
            for pat in patterns:
                m = pat.search(chunk)
                if m:
                    return self.who(base + m.start(1), base + m.end(1), o), True
        # The quote ends its sentence: the next one may open with `He said` or `X a ajouté`.
        if c_end > c and not self.folded[c + 1 : c_end].strip(" .!?,"):
            nxt = self.next_sentence(c_end)
            if nxt and nxt[0] < p_end:
                chunk = self.folded[nxt[0] : min(nxt[1], nxt[0] + 160)]
                m = (_AFTER_FR if fr else _AFTER_EN)[-1].search(chunk)
                if m and self._is_person_phrase(nxt[0] + m.start(1), nxt[0] + m.end(1)):
                    return self.who(nxt[0] + m.start(1), nxt[0] + m.end(1), o), True
        m = _SUBJECT.match(self.folded, s_start, o) if s_start < o else None
        if m and m.end() <= o:
            return self.who(m.start(1), m.end(1), o, strict=True), True
        return None, False

    def _is_person_phrase(self, start: int, end: int) -> bool:
        phrase = self.folded[start:end].strip().lower()
        return phrase in _PRONOUN_SINGULAR or any(m.person for m in self.people.in_range(start, end))

    def who(self, start: int, end: int, quote_at: int, strict: bool = False) -> str | None:
        """The person a phrase names, or None when it names none (or not reliably)."""
        phrase = self.folded[start:end].strip().lower()
        if phrase in _PRONOUN_SINGULAR:
            return self._last_person(quote_at)
        if phrase in _PRONOUN_OTHER:
            return None
        people = [m for m in self.people.in_range(start, end) if m.person]
        if people:
            # `le ministre de la Santé, Jean-Marc Lefèvre`: a full name beats a lone word.
            return max(people, key=lambda m: len(m.name.split())).name
        # `said Ofwat's chief executive, David Black`: the name follows the title.
        for mention in self.people.in_range(end, end + 80):
            if mention.person and not self.folded[end : mention.start].strip(" ,"):
                return mention.name
        if strict:
            return None
        titles = [t.group().lower() for t in _TITLE.finditer(self.folded, start, end)]
        if titles:
            return self._titled_person(titles[-1], quote_at)
        return None

    def _last_person(self, pos: int) -> str | None:
        """The one person named in this or the previous paragraph before pos; None if several."""
        _, _, prev_start = self.paragraph_at(pos)
        names = {m.name for m in self.people.before(pos, prev_start)}
        return names.pop() if len(names) == 1 else None

    def _titled_person(self, title: str, pos: int) -> str | None:
        """`le ministre` → the one person introduced earlier with that title, if exactly one."""
        names = set()
        # Only names right after an occurrence of the title can carry it; looking there
        # spares working out every mention in the stretch.
        if self._low is None:
            self._low = lower(self.folded)
        for t in _title_pattern(title).finditer(self._low, max(0, pos - _TITLE_REACH), pos):
            for m in self.people.in_range(t.start(), min(pos, t.end() + 80)):
                if m.person and m.end <= pos and title in m.titles:
                    names.add(m.name)
        return names.pop() if len(names) == 1 else None


@lru_cache(maxsize=64)
def _title_pattern(title: str) -> re.Pattern[str]:
    # Matched on the lower-cased text, the title first and the check on the character before
    # it after (a fixed-width look-behind over the title): a pattern that starts with a literal
    # is found by a fast substring search, while re.I or a leading look-behind made this
    # scan of 10,000 characters per quote the slowest step of quote attribution.
    word = re.escape(title.lower())
    return re.compile(rf"{word}(?<![\w-]{word})(?![\w-])")


def find_quotes(
    text: str,
    sentences: list[tuple[int, int]],
    lang: str,
    *,
    folded: str | None = None,
    paras: list[tuple[int, int]] | None = None,
) -> list[ClaimDraft]:
    """Every direct quote in `text`, with its speaker when the text names one.

    `folded` and `paras` are `fold(text)` and `paragraphs(text)` when the caller
    already has them.
    """
    spans: list[tuple[int, int, int, int]] = []  # mark o, mark c, inner s, inner e
    if paras is None:
        paras = paragraphs(text)
    for p_start, p_end in paras:
        for o, c in _pairs(text, p_start, p_end):
            s, e = _inner(text, o, c)
            if s < e and any(ch.isalnum() for ch in text[s:e]):
                spans.append((o, c, s, e))
    if not spans:
        return []
    if folded is None or len(folded) != len(text):
        folded = fold(text)
    ctx = _Context(text, folded, sentences, lang, paras, [(o, c + 1) for o, c, _, _ in spans])
    drafts = []
    previous: tuple[int, str | None] = (-1, None)  # paragraph start and speaker of the last quote
    for o, c, s, e in spans:
        speaker, attributed = ctx.speaker(o, c)
        paragraph = ctx.paragraph_at(o)[0]
        if not attributed and previous[0] == paragraph and ctx.is_whole_sentence(o, c):
            # A quote that makes a whole sentence, right after an attributed one in the same
            # paragraph, goes on in the same voice: `"…," said X. "Customers were let down."`
            speaker = previous[1]
        previous = (paragraph, speaker)
        drafts.append(
            ClaimDraft(kind=Kind.quote, start=s, end=e, value={"speaker": speaker}, text=_label(text[s:e], speaker))
        )
    return drafts


def _label(quote: str, speaker: str | None) -> str:
    quote = " ".join(quote.split())
    if len(quote) > _LABEL_MAX:
        quote = quote[: _LABEL_MAX - 1].rstrip() + "…"
    return f'{speaker.split()[-1]}: "{quote}"' if speaker else f'"{quote}"'
