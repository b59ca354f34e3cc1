"""Who said a quote: the attribution patterns around it and the `_Context` that resolves them to a person.

The patterns read the words right after the closing mark (`», a déclaré X`,
`", X said`) and before the opening one (`selon X`, `X told reporters: "`);
failing those, the subject of the sentence. Pronouns and bare titles are
resolved to a person named earlier only when exactly one candidate is in sight.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from claimcheck.extract.quotes.people import _TITLE, _UPPER, _People
from claimcheck.text import lower

# How far back a bare title (`le ministre`) looks for the person it stands for.
_TITLE_REACH = 10_000

_PRONOUN_SINGULAR = frozenset({"il", "elle", "he", "she"})
_PRONOUN_OTHER = frozenset({"ils", "elles", "on", "they", "we", "nous", "it", "i", "je", "you", "vous"})


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
# Verbs that make a few words in marks someone's (`called the plan "reckless"`), not scare quotes.
_NAMING_VERBS = frozenset(
    "called calls call dubbed dubs described describes termed terms branded brands labelled labeled "
    "qualifié qualifiée qualifie qualifient qualifiés décrit décrite décrivent baptisé baptisée "
    "surnommé surnommée traité traite jugé jugée juge".split()
)
_SCARE_MAX_WORDS = 3
_FUNCTION_WORDS = frozenset(
    "au aux le la les l' de du des d' à a en et ou ne pas plus moins tard tôt très trop bien mal déjà encore "
    "jamais toujours peu beaucoup tout tous si the an of at by to in on or not no so very too most least "
    "latest earliest soon late early all only just ever never more less".split()
)
# Verbs by which a subject that is not a person takes a stance in words it is quoted with.
_STANCE_VERBS = frozenset(
    "salue saluent condamne condamnent dénonce dénoncent réclame réclament exige exigent appelle appellent "
    "welcomes welcomed hails hailed condemns condemned demands demanded urges urged".split()
)
_STANCE_SUBJECT = re.compile(
    r"\s*((?i:le|la|les|l'|the)\s*[\w'-]+(?:\s+(?:de|du|des|d'|of|the|la|le|l')?\s*[\w'-]+){0,3}?)\s+(?i:"
    + "|".join(sorted(_STANCE_VERBS | _NAMING_VERBS, key=len, reverse=True))
    + r")\b"
)
_FOR_WHOM = re.compile(r"\s*(?i:pour)\s+((?i:le|la|les|l')\s*[^,;:«»\"]{1,60}?)\s*,\s*$")
_SO_CALLED = re.compile(r"\b(?:so-called|soi-disant|soi-disante|prétendu|prétendue)\b")


def _has_cue(chunk: str) -> bool:
    return any(w in _CUES for w in _CUE_TOKENS.findall(chunk.lower()))


_LEAD = r"^[\s,.!?;:—–-]*"
# The dot of an initial or an abbreviated title does not end a speaker's name (`U.S. Attorney`, `Mr. Lee`):
# the patterns read a copy of the text where that dot is U+2024 (same length, so offsets hold).
_ABBREVIATION_DOT = re.compile(r"(?<!\w)([A-Z]|Mr|Ms|Mrs|Dr|Lt|St|Jr|Sen|Rep|Gen|Col|Gov|Sgt)\.")
_MASKED_DOT = "\u2024"
# Who speaks: a short run of words (an apposition between commas allowed), never starting with a
# conjunction or preposition, which would mean the words belong to another clause.
_PHRASE = (
    r"(?!(?:and|or|but|et|ou|mais|to|in|of|for|with|de|du|des|à|pour|avec|que|qui|which|that)\b)"
    r"([^,.;:!?\"«»()\n]{1,80}?|[^.;:!?\"«»()\n]{1,60}?,[^.;:!?\"«»()\n]{1,60}?,)"
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
        rf"{_PHRASE}\s+{_FR_AUX}\s+{_ADVERB}(?:{_FR_PARTICIPLE})(?:\s+[^:\"«]{{0,60}}?)?\s*(?:que|qu')?\s*:?\s*$", re.I
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
        self.masked = _ABBREVIATION_DOT.sub(rf"\1{_MASKED_DOT}", folded) if "." in folded else folded
        self._low: str | None = None  # lower(folded), made when a bare title needs a search
        self.lang = lang
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]
        self.paragraphs = paras
        self.paragraph_starts = [s for s, _ in paras]
        self.people = _People(text, self.folded, quoted)
        # Where the last quote was (its paragraph's start) and whom it was given to: `she added`
        # a paragraph later, with nobody else named since, goes on in that voice.
        self.previous: tuple[int, str | None] = (-1, None)

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

    def is_scare_quote(self, o: int, c: int) -> bool:
        """A few words in marks inside a sentence (words on both sides) with no reporting or naming verb."""
        inner = _CUE_TOKENS.findall(self.folded[o + 1 : c].lower())
        if len(inner) > _SCARE_MAX_WORDS:
            return False
        if inner and all(w in _FUNCTION_WORDS for w in inner):
            return True  # `« au plus tard »`, `"at the latest"`: grammar in marks says nothing anyone claims
        s_start, s_end = self.sentence_at(o)
        before, after = self.folded[s_start:o], self.folded[c + 1 : max(s_end, c + 1)]
        if not _CUE_TOKENS.search(before) or not _CUE_TOKENS.search(after):
            return False  # words in marks that open or close the sentence are someone's: `Pour X, « … ».`
        rest = before + " " + after
        # `so-called`, `soi-disant` announce scare quotes: their `called` names nobody's words.
        words = _CUE_TOKENS.findall(_SO_CALLED.sub(" ", rest.lower()))
        return not any(w in _CUES or w in _NAMING_VERBS for w in words)

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
        after = (self.masked[c + 1 : min(max(c_end, c + 160), p_end, c + 200)], c + 1)
        # Only the end of a long sentence can hold the attribution (`X said:`), and a bounded
        # chunk keeps the patterns that end at the quote cheap.
        b_start = max(s_start, o - 200)
        before = (self.masked[b_start:o], b_start)
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
            named = self.who(m.start(1), m.end(1), o, strict=True)
            return named or self._named_subject(s_start, o), True
        return None, False

    def _named_subject(self, s_start: int, o: int) -> str | None:
        """`Le communiqué salue « … »`, `Pour la CGT, « … »`: an organisation or a document that speaks."""
        head = self.folded[s_start:o]
        m = _STANCE_SUBJECT.match(head) or (_FOR_WHOM.match(head) if self.lang == "fr" else None)
        if m is None or (m.re is _FOR_WHOM and not any(ch.isupper() for ch in m.group(1))):
            return None  # `Pour le moment, « … »`: no one
        return _as_named(self.text[s_start + m.start(1) : s_start + m.end(1)])

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
            named = self._titled_person(titles[-1], quote_at)
            if named:
                return named
        return _as_named(self.text[start:end])

    def _last_person(self, pos: int) -> str | None:
        """The one person named in this or the previous paragraph before pos; None if several.

        With nobody named there, the speaker of the quote just before, if it is in
        one of those paragraphs (`"…," she said.` then `"…," she added.`).
        """
        _, _, prev_start = self.paragraph_at(pos)
        names = {m.name for m in self.people.before(pos, prev_start)}
        if not names and self.previous[0] >= prev_start and self.previous[1]:
            return self.previous[1]
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


# What may open a speaker that is not a person: a determiner (`the report`, `l'ARS`, `a spokesman
# for the Treasury`) or a capital (`SPF`, `Ofwat`).
_NAMED_OPENING = re.compile(
    rf"(?:(?i:the|a|an|one|another|le|la|les|l'|l’|un|une|son|sa|ses|leur|its|his|her|their)\b\s*|[{_UPPER}])"
)
_NAMED_MAX_WORDS = 8


def _as_named(phrase: str) -> str | None:
    """An organisation, a document or a role that speaks, as the text names it (`the report`, `SPF`).

    Only a short noun phrase: a pronoun (`they`, `on`), a lone lowercase word or
    a long run (more likely a clause than a name) gives None.
    """
    phrase = " ".join(phrase.split()).strip(" ,")
    words = phrase.split()
    if not words or len(words) > _NAMED_MAX_WORDS or words[0].lower() in _PRONOUN_OTHER | _PRONOUN_SINGULAR:
        return None
    if not _NAMED_OPENING.match(phrase) or any(ch.isdigit() for ch in phrase):
        return None
    return phrase


@lru_cache(maxsize=64)
def _title_pattern(title: str) -> re.Pattern[str]:
    # Matched on the lower-cased text, the title first and the check on the character before
    # it after (a fixed-width look-behind over the title): a pattern that starts with a literal
    # is found by a fast substring search, while re.I or a leading look-behind made this
    # scan of 10,000 characters per quote the slowest step of quote attribution.
    word = re.escape(title.lower())
    return re.compile(rf"{word}(?<![\w-]{word})(?![\w-])")
