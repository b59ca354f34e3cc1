"""People in the article: capitalised names, the titles before them, and who a mention is.

`_names` finds the capitalised phrases; `_People` keeps them for the whole
article, with each surname resolved to the full name it was first seen as, and
works out a mention's titles (`le colonel`, `chairwoman`) and whether it is a
person, not a place or an organisation, only when a quote asks about it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

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
    "le la les l un une des du de ce cet cette ces son sa ses leur leurs il elle ils elles on nous vous "
    "je selon d'après après avant depuis pendant pour par mais et ou donc or ni car quand lorsque si en "
    "dans sur sous avec sans chez vers entre dès puis ensuite enfin aussi ainsi alors pourtant cependant "
    "toutefois c'est ça cela ceci lundi mardi mercredi jeudi vendredi samedi dimanche janvier février "
    "mars avril mai juin juillet août septembre octobre novembre décembre the a an this that these those "
    "his her its their our my he she they we you i it according after before since during for by but and "
    "or so yet when while if in on at with without from to as monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october november "
    "december there here what who why how".split()
)
# Words that make a capitalised phrase a place or an organisation rather than a person.
_NOT_PERSON = frozenset(
    "états etats unis united states kingdom royaume uni union nations commission cour court conseil "
    "council ministère ministry department agence agency press presse banque bank fonds fund office "
    "institut institute université university parti party assemblée assembly sénat senate congrès "
    "congress maison house blanche white alliance organisation organization force forces armée army "
    "police group groupe times post journal news monde afrique africa europe asie asia amérique america "
    "sahel ouest est nord sud west east north south république republic fédération federation burkina "
    "faso côte ivoire new york los angeles san hong kong sri lanka saint sainte port authority company "
    "inc ltd corp airlines airways energy élysée elysée matignon kremlin pentagone pentagon street wall "
    "cedeao ecowas onu un ue eu otan nato reuters afp ap bloomberg associated agence ministre "
    "gouvernement government water holdings motors foods systems technologies partners capital media rail "
    "railways telecom pharma valley river lake mount island islands city county province région region "
    "département ville hôpital hospital école school district".split()
)


_SPACED = re.compile(r"\S+")
_COMPLEMENT_BEFORE = re.compile(r"(?<![\w'-])(?:of|for|de|du|des)\s+(?:the\s+|la\s+|l')?$", re.I)
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
    words = list(_SPACED.finditer(folded, start, end))
    if len(words) >= 3 and _COMPLEMENT_BEFORE.search(folded, max(0, start - 12), start):
        # `the District of Columbia Jeanine Martell`: after `of` the first capital closes the
        # organisation's name, the person starts after it.
        words = words[1:]
    for w in words:
        word = w.group().lower()
        if word in _TITLE_SINGLE:
            titles.append(word)
        elif word not in _NOT_NAME:
            return (*_person_after_place(text, folded, w.start(), end), titles)
    return None


def _person_after_place(text: str, folded: str, start: int, end: int) -> tuple[int, str]:
    """(start, name) of a capitalised run, or of the two or more words after its last place word.

    `New York Maria Delgado`: a place glued to a name by a title that ran before
    it (`U.S. Attorney for the Southern District of New York Maria Delgado`).
    """
    if folded.count(" ", start, end) < 2:
        return start, " ".join(text[start:end].split())  # one or two words: nothing to split off
    words = list(_SPACED.finditer(folded, start, end))
    places = [i for i, w in enumerate(words) if w.group().lower() in _NOT_PERSON]
    if places and len(words) - places[-1] - 1 >= 2:
        tail = words[places[-1] + 1].start()
        name = " ".join(text[tail:end].split())
        if not _place_like(folded, tail, end, name):
            return tail, name
    return start, " ".join(text[start:end].split())


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
