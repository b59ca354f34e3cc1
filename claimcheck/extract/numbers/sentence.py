"""The sentence reader: one folded sentence in, the numeric claims in it out.

`_Sentence` finds where numbers start, reads each number (`_Num`), what
follows it (`_Tail`: scale, currency, unit, counted noun, bound) and the bound
or range words before it, and turns them into claims (`_Found`). It is one
reader kept whole: its methods share the sentence and its caches.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from claimcheck.extract import units as u
from claimcheck.extract.labels import label
from claimcheck.extract.numbers.ratios import find_ratios
from claimcheck.extract.numbers.words import (
    _A_BEFORE,
    _A_SCALE_BEFORE,
    _ALONE_IS_ARTICLE,
    _AND_A_HALF,
    _APPROX_WORDS,
    _BOUND_LAST_WORDS,
    _BOUNDS,
    _CANDIDATES,
    _CHANGE_VERB,
    _CLOCK_PART,
    _DAY_TAIL,
    _DE_GAP,
    _DEFINITE,
    _DIGIT_CHAIN,
    _DIGIT_RUN,
    _DIGITS,
    _DURATION_JOIN,
    _EN_ADJECTIVE,
    _FR_ADJECTIVE,
    _FR_DOT_THOUSANDS,
    _FRACTION,
    _GAP,
    _LENGTH_AFTER,
    _MB,
    _MONEY_OWNER_BEFORE,
    _NEWSCAST_BEFORE,
    _NOTE_CALL,
    _NUMBER_WORD_SETS,
    _PER,
    _PER_TIME,
    _PHONE,
    _PLAIN_EN,
    _POST_BOUND_RES,
    _PREFIX_BEFORE,
    _PREFIX_CURRENCY,
    _PREV_WORD_REVERSED,
    _RANGE_JOIN,
    _SCALE_FIRST,
    _SENTENCE_EDGE,
    _SPELLED_SCALES,
    _TIME_BEFORE,
    _TIME_TAIL,
    _TIME_TAIL_FIRST,
    _TOKEN,
    _UP_TO_VERBS,
    _VULGAR,
    _WEATHER,
    _WORD,
    _text2num,
)
from claimcheck.models import Bound, Kind


@dataclass(slots=True)
class _Num:
    start: int  # the claim's first character: the currency prefix, if any, else the number
    num_start: int
    end: int  # right after the number, before any scale or unit
    value: Decimal
    spelled: bool = False
    plain: bool = False  # digits only, no separator or decimals: could be a year, a day, a code
    currency: str | None = None  # from a prefix: `$`, `£`, `EUR `
    de_ok: bool = False  # French `de` may follow: `deux millions de`, `une centaine de`
    approx: bool = False  # `une centaine`: about, unless a bound word says otherwise


@dataclass(slots=True)
class _Tail:
    end: int
    scale: int = 1
    de_ok: bool = False
    plus: bool = False
    kind: Kind = Kind.quantity
    currency: str | None = None
    unit: str | None = None  # a measure symbol: km, t, MW
    noun: tuple[int, int] | None = None  # the counted noun phrase, as a span
    pp: bool = False  # percentage points
    bound: Bound | None = None  # postposed: `200 environ`, `or more`
    cents: bool = False  # a hundredth of the currency: `20 centimes`, `15 cents`, `20p`
    half: bool = False  # `3 millions et demi`: half a scale more
    per: str | None = None  # money counted per a unit of time or measure: `a year` → year, `par MWh` → MWh

    @property
    def counts_something(self) -> bool:
        return self.kind is not Kind.quantity or self.unit is not None or self.noun is not None

    @property
    def empty(self) -> bool:
        return not self.counts_something and self.scale == 1


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: Kind
    value: dict
    text: str


def _amount(value: Decimal, t: _Tail) -> Decimal:
    """The number times its scale: `3 millions et demi` is 3.5 million, `20 centimes` 0.2."""
    if t.half:
        value += Decimal("0.5")
    value *= t.scale
    return value / 100 if t.cents else value


_SECONDS = {"h": 3600, "min": 60, "s": 1}


def _joined_durations(found: list[_Found], low: str) -> list[_Found]:
    """`6 heures et 40 minutes`, `2 hours 5 minutes and 10 seconds`: one duration, in its smallest unit."""
    out: list[_Found] = []
    for claim in found:
        prev = out[-1] if out else None
        unit, prev_unit = claim.value.get("unit"), prev.value.get("unit") if prev else None
        if (
            prev is not None
            and unit in _SECONDS
            and prev_unit in _SECONDS
            and _SECONDS[prev_unit] > _SECONDS[unit]
            and claim.value["bound"] == prev.value["bound"] == "exact"
            and _DURATION_JOIN.fullmatch(low, prev.end, claim.start)
        ):
            total = Decimal(str(prev.value["amount"])) * _SECONDS[prev_unit] / _SECONDS[unit]
            amount = _decimal_value(total + Decimal(str(claim.value["amount"])))
            value = {"amount": amount, "unit": unit, "bound": "exact"}
            out[-1] = _Found(prev.start, claim.end, Kind.quantity, value, label(Kind.quantity, value, unit))
            continue
        out.append(claim)
    return out


def _decimal_value(d: Decimal) -> int | float:
    """An int when whole (1000, not 1000.0), else a float from the exact decimal (20.5, not 20.499…)."""
    return int(d) if d == d.to_integral_value() else float(d)


class _Sentence:
    """One folded sentence and the offsets it came from; finds the claims in it."""

    def __init__(self, original: str, folded: str, low: str, lang: str) -> None:
        self.original = original
        self.f = folded
        self.low = low  # lower(folded): word tables are lower-cased and matched case-sensitively
        self.lang = lang
        self.n = len(self.f)
        self.words, self.spelled, self.approx, self.after_article = _CANDIDATES[lang]
        self.not_nouns = u.NOT_NOUNS[lang]
        self.number_words = _NUMBER_WORD_SETS[lang]
        # Phone numbers and digit chains end here: found as the scan meets them, skipped whole.
        self.blocked_until = 0
        self.millions = False  # a figure in millions was read: a later glued `3.9m` is one too
        self._prev_cache: dict[int, tuple[str, str, int]] = {}

    # --- scanning -----------------------------------------------------------------

    def claims(self) -> list[_Found]:
        ratios = [_Found(a, b, Kind.quantity, v, t) for a, b, v, t in find_ratios(self.original, self.low, self.lang)]
        found: list[_Found] = []
        taken = 0
        lowered = self.low
        # Two simple scans beat one alternation several times over; candidates are few.
        starts = [(m.start(), "") for m in _DIGIT_RUN.finditer(lowered)]
        for m in self.words.finditer(lowered):
            i = m.start()
            if i and (lowered[i - 1].isalnum() or lowered[i - 1] == "_"):
                continue  # `un` in `chacun`
            if m.group() in _ALONE_IS_ARTICLE and not self.after_article.match(lowered, m.end()):
                continue  # `un accord`, `one of`: the article, on every other line
            starts.append((i, m.group()))
        starts.sort()
        for i, word in starts:
            if i < taken or i < self.blocked_until:
                continue
            if ratios and ratios[0].start <= i:
                ratio = ratios.pop(0)
                found.append(ratio)  # `one in five adults`: read whole, before its numbers
                taken = ratio.end
                if i < taken:
                    continue
            for claim in self._claims_at(i, word, taken):
                if claim.start >= taken and claim.end > claim.start:
                    found.append(claim)
                    taken = claim.end
        return _joined_durations(found + [r for r in ratios if r.start >= taken], self.low)

    def _claims_at(self, i: int, word: str, taken: int) -> list[_Found]:
        a = self._digits(i) if not word else self._number(i, word)
        if a is None or self._is_day_of_month(a):
            return []  # 15 septembre, 3 et 4 mai, February 14: the date extractor's
        ta = self._tail(a)
        if ta is None:
            return []
        bound, bound_start = self._bound_before(a.start, taken)
        if ta.noun is None:
            ranged = self._range(a, ta, bound, bound_start)
            if ranged is not None:
                return ranged
        single = self._single(a, ta, bound, bound_start)
        return [single] if single else []

    # --- the number itself ------------------------------------------------------------

    def _number(self, i: int, word: str) -> _Num | None:
        if not word:
            return self._digits(i)
        if self.f[i - 1 : i] == "-":
            return None  # the `deux` of `trente-deux`, once `trente-deux` was turned down
        return self._spelled(i)

    def _number_at(self, pos: int) -> _Num | None:
        """The second number of a range, right after `-`, `à`, `and`…"""
        f = self.f
        if f[pos : pos + 1].isdigit() and not f[pos - 1 : pos].isdigit():
            return self._digits(pos, second=True)
        cur = _PREFIX_CURRENCY.match(f, pos)
        if cur is not None and f[cur.end() : cur.end() + 1].isdigit():
            return self._digits(cur.end(), second=True)
        if self.words.match(self.low, pos) is None:
            return None
        return self._spelled(pos)

    def _digits(self, num_start: int, second: bool = False) -> _Num | None:
        f = self.f
        if self._may_be_phone(num_start):
            phone = _PHONE.match(f, num_start - 1 if num_start and f[num_start - 1] in "+(" else num_start)
            if phone is not None:
                self.blocked_until = max(self.blocked_until, phone.end())
                return None
        before = f[num_start - 1] if num_start else ""
        if before == " " and num_start > 1:
            before = f[num_start - 2]
        cur_m = None
        if before in u.PREFIX_LAST_CHARS and before:
            cur_m = _PREFIX_BEFORE.search(f, max(0, num_start - 8), num_start)
        cur = cur_m.lastgroup if cur_m is not None else None
        start = cur_m.start() if cur_m is not None else num_start
        m = _DIGITS[self.lang].match(f, num_start)
        if m is None:
            return None
        core = m.group()
        if self.lang == "en" and " " in core:  # noqa: SIM102  (the comment belongs to the inner test)
            # English groups with no-break spaces only; a plain space separates two numbers, unless
            # three groups or more make the chain (`1 414 021 100`): that is one number.
            if self.original[num_start + core.index(" ")] == " " and core.count(" ") < 2:
                m = _PLAIN_EN.match(f, num_start)
                if m is None:
                    return None
                core = m.group()
        end = m.end()
        sep = f[end : end + 1]
        if sep in (" ", ".", ",") and len(core) > 4 and core[-4] == sep and f[end + 1 : end + 4].isdigit():
            # A seventh group of thousands: an identifier, skipped whole.
            chain = _DIGIT_CHAIN.match(f, num_start)
            self.blocked_until = max(self.blocked_until, chain.end() if chain else end)
            return None
        if (not second and self._rejected_left(start)) or self._rejected_right(end, cur is not None):
            return None
        digits = core
        if not core.isdigit():
            digits = core.replace(" ", "")
            if self.lang == "fr":
                if _FR_DOT_THOUSANDS.fullmatch(digits):
                    digits = digits.replace(".", "")
                digits = digits.replace(",", ".")
            else:
                digits = digits.replace(",", "")
        # Long digit runs are identifiers, and a leading zero is a code or a phone number, but for
        # the minutes and seconds of a duration (`2 heures 05 minutes`).
        zero = len(digits) > 1 and digits[0] == "0" and digits[1] != "."
        if len(digits) > 18 or (zero and not (len(digits) == 2 and _CLOCK_PART.match(self.low, end))):
            return None
        try:
            value = Decimal(digits)
        except InvalidOperation:
            return None
        if cur is None and not second and f[start - 1 : start] == "-" and f[start - 2 : start - 1] in ("", " ", "("):
            start, value = start - 1, -value  # a minus sign: -5 %, -10 °C
        if digits.isdigit():
            value, end = self._fraction(value, end)
        currency = str(u.PREFIX_CURRENCY_NAMES[cur]) if cur else None
        return _Num(start, num_start, end, value, plain=digits.isdigit() and core == digits, currency=currency)

    def _fraction(self, value: Decimal, end: int) -> tuple[Decimal, int]:
        """`10 1/2 miles`, `3½ years`: a whole number and a fraction are one number."""
        fraction = _FRACTION.match(self.f, end)
        if fraction is None:
            return value, end
        top, bottom = fraction.group("top", "bottom")
        part = Decimal(top) / Decimal(bottom) if top else _VULGAR[fraction.group("sign")]
        return (value + part, fraction.end()) if part < 1 else (value, end)

    def _may_be_phone(self, i: int) -> bool:
        """A cheap test before the phone pattern: 0…, +…, (…, or `555-1234`, `555 123-4567`."""
        f = self.f
        return (
            f[i] == "0"
            or (i > 0 and f[i - 1] in "+(")
            or (f[i + 3 : i + 4] in ("-", ".", " ") and f[i : i + 3].isdigit() and f[i + 4 : i + 5].isdigit())
        )

    def _spelled(self, start: int) -> _Num | None:
        f = self.f
        half = False
        if self.lang == "en":
            a = _A_SCALE_BEFORE.search(f, max(0, start - 4), start)
            if a is not None and f[start : start + 1].lower() in "htmbd":
                start = a.start()  # a hundred, a million, a dozen
                half = self.low[max(0, start - 5) : start] == "half " and self._word_edge(start - 5)
        ax = self.approx.match(f, start)
        if ax is not None:
            word = ax.group("ax").lower()
            if word not in _APPROX_WORDS:
                return None
            return _Num(start, start, ax.end(), Decimal(_APPROX_WORDS[word]), spelled=True, de_ok=True, approx=True)
        m = self.spelled.match(f, start)
        if m is None:
            return None
        tokens = [(t.start(), t.end(), t.group().lower()) for t in _TOKEN.finditer(m.group())]
        if not tokens or tokens[0][2] in _SCALE_FIRST:
            return None
        if tokens[0][2] in ("a", "an"):
            tokens[0] = (tokens[0][0], tokens[0][1], "one")
        # The longest run of words that is one number: `deux et trois` is `deux`.
        for k in range(len(tokens), 0, -1):
            last = tokens[k - 1][2]
            if last in ("et", "and"):
                continue
            value = _text2num(" ".join(t[2] for t in tokens[:k]), self.lang)
            if value is not None:
                break
        else:
            return None
        if k == 1 and tokens[0][2] in _ALONE_IS_ARTICLE:
            return None  # `un accord`, `one of the`: an article, not a count
        if tokens[0][2] == "cent" and self._prev_word(start)[0] == "pour":
            return None
        end = start + tokens[k - 1][1]
        text = f[start:end]
        if text[:1].isupper() and not self._sentence_initial(start):
            return None  # `Les Trois Mousquetaires`
        prev = self._prev_word(start)[0]
        if prev in _DEFINITE or (prev == "l" and f[start - 1 : start] == "'"):
            return None  # `les deux pays`, `the two countries`, `l'un`: who, not how many
        if f[start - 1 : start] == "'" and prev not in ("d", "qu"):
            return None
        if half:
            return _Num(start - 5, start - 5, end, Decimal(value) / 2, spelled=True, de_ok=True)  # half a million
        return _Num(start, start, end, Decimal(value), spelled=True, de_ok=last in _SPELLED_SCALES)

    # --- context rules ---------------------------------------------------------------

    def _prev_word(self, pos: int) -> tuple[str, str, int]:
        """The word before `pos`: lower-cased without a trailing apostrophe, as written, and its start."""
        cached = self._prev_cache.get(pos)
        if cached is not None:
            return cached
        # Matched backwards on the reversed text (the 40 characters before pos, last first): a
        # search for `word\s*\Z` would try every start.
        m = _PREV_WORD_REVERSED.match(self.f[pos - 1 : pos - 41 if pos > 40 else None : -1]) if pos > 0 else None
        if m is None:
            found = ("", "", pos)
        else:
            raw = m.group(1)[::-1]
            # `l'article` is `article`, `d'` is `d`: the elided article says nothing.
            found = (raw.lower().rstrip("'").rsplit("'", 1)[-1], raw, pos - m.end(1))
        self._prev_cache[pos] = found
        return found

    def _word_edge(self, pos: int) -> bool:
        return pos == 0 or not (self.f[pos - 1].isalnum() or self.f[pos - 1] in "-'")

    def _sentence_initial(self, pos: int) -> bool:
        return _SENTENCE_EDGE.search(self.f, max(0, pos - 8), pos) is not None

    def _rejected_left(self, start: int) -> bool:
        f = self.f
        c1 = f[start - 1] if start > 0 else " "
        c2 = f[start - 2] if start > 1 else " "
        if c1.isalpha() or c1 == "_" or c1 in "/:#°№\\%=&?":
            return True  # G5, A320, n°3, 24/7, and inside a web address: %25, ?id=50
        if (c1 in ".," and c2.isdigit()) or (c1 == "-" and c2.isalnum()):
            return True  # 1.2.3, COVID-19, F-16
        if c1 in "([" and self._bracketed(start):
            return True  # (1), [3]: notes
        word, raw, word_start = self._prev_word(start)
        if not word:
            return False
        if word in u.REFERENCE_WORDS:
            return True  # article 49, page 12
        # `Ligue 1`, `Apollo 11`, `Airbus 320`: a name with a number, unless it starts the sentence.
        return (
            raw[:1].isupper()
            and f[word_start + len(raw) : start].strip() == ""
            and not self._sentence_initial(word_start)
            and word not in u.MONTHS
        )

    def _bracketed(self, start: int) -> bool:
        return _NOTE_CALL.match(self.f, start) is not None

    def _rejected_right(self, end: int, currency: bool = False) -> bool:
        f = self.f
        nxt = f[end : end + 2]
        if len(nxt) == 2 and nxt[0] in ".,/:" and nxt[1].isdigit():
            return True  # 1,5 in English, 1.2.3, 10:30, 15/09
        if len(nxt) == 2 and nxt[0] == "-" and nxt[1].isalpha():
            # `a 120-mile route`, `a $5-million grant` are measures; `a 10-year plan`, `5-G`,
            # `30-year-old`, `10,000-strong` are not.
            return self._hyphen_tail(end, currency) is None
        if nxt[:1] == " ":
            nxt = f[end + 1 : end + 2]
        return nxt in _TIME_TAIL_FIRST and _TIME_TAIL.match(f, end) is not None

    def _hyphen_tail(self, end: int, currency: bool) -> tuple[int, str | None, int] | None:
        """What a hyphen glues to the number, as (scale, unit, end): `120-mile`, `48-hour`, `$5-million`.

        Only units of measure (hours included: `a 48-hour strike` is 48 h) and,
        after a currency, scale words. Days, months and years are left out: `a
        10-year plan`, `a 30-year-old` say how long or how old, not a quantity
        anyone checks, and they are not in the unit table.
        """
        after = end + 1
        if currency:
            scale = u.SCALE_WORDS[self.lang].match(self.low, after)
            if scale is not None:
                return scale[0], None, scale[1]
        unit = u.UNIT_WORDS.match(self.low, after) or u.UNIT_SYMBOLS[self.lang].match(self.f, after)
        return (1, unit[0], unit[1]) if unit is not None else None

    def _is_day_of_month(self, num: _Num) -> bool:
        if not num.plain or not 1 <= num.value <= 31:
            return False
        if _DAY_TAIL.match(self.low, num.end):
            return True
        # February 14; `mardi 14`, `Friday 26`: the day of a weekday, the date extractor's.
        return self._prev_word(num.start)[0] in u.MONTHS or self._prev_word(num.start)[0] in u.WEEKDAYS

    def _is_year(self, num: _Num, tail: _Tail, bound: Bound | None) -> bool:
        if not num.plain or not 1000 <= num.value <= 2100:
            return False
        prev = self._prev_word(num.start)[0]
        value = int(num.value)
        if not (1900 <= value <= 2100 or (1000 <= value <= 2100 and prev in u.YEAR_CONTEXT)):
            return False
        if tail.kind is not Kind.quantity or tail.scale != 1 or tail.unit:
            return False  # 2000 euros, 2024 km
        # `près de 2000 soldats` counts; English writes 2,000 troops, so `2024 elections` is a year.
        return not (tail.noun and (bound is not None or (prev not in u.YEAR_CONTEXT and self.lang == "fr")))

    # --- what follows the number ---------------------------------------------------------

    def _tail(self, num: _Num) -> _Tail | None:
        f = self.f
        t = _Tail(end=num.end, de_ok=num.de_ok)
        if num.currency:
            t.kind, t.currency = Kind.money, num.currency
        pos = num.end
        if not num.spelled and f.startswith("-", pos):
            joined = self._hyphen_tail(pos, num.currency is not None) if f[pos + 1 : pos + 2].isalpha() else None
            if joined is not None:
                t.scale, t.unit, t.end = joined  # `a 120-mile route`: the unit, and nothing after it
                return t
        if not num.spelled:
            if f.startswith("+", pos):
                t.plus, pos = True, pos + 1
            pos = self._scale(num, t, pos)
            if f.startswith("+", pos) and not t.plus:
                t.plus, pos = True, pos + 1
            if pos == num.end and f[pos : pos + 1].isalpha() and not self._glued_ok(pos):
                # Letters glued to the digits must be a unit, a currency or a percent sign (`10km`,
                # `5%`), else it is an ordinal or a code: 1er, 3rd, 2e, 5G, 4x4.
                return None
        t.end = pos
        if t.kind is Kind.quantity:
            starts = self._word_starts(t, pos)
            if not self._percent(t, pos, starts) and not self._currency(t, pos, starts):
                if self._unit(t, pos, starts):
                    if t.unit == "h" and num.value <= 24 and self._prev_word(num.start)[0] in _TIME_BEFORE:
                        return None  # à 14 h, at 10 hours: a time of day
                else:
                    self._noun(t, starts, spelled=num.spelled)
        if f[t.end : t.end + 1] == " ":
            post_re, post_names = _POST_BOUND_RES[self.lang]
            pb = post_re.match(self.low, t.end + 1)
            if pb is not None and pb.lastgroup:
                t.bound, t.end = post_names[pb.lastgroup], pb.end()
                if not t.counts_something:
                    self._noun(t, self._word_starts(t, t.end), spelled=num.spelled)  # 200 or more homes
        if t.kind is Kind.money:
            self._rate(t)
        return t

    def _rate(self, t: _Tail) -> None:
        """`£1.2m a year`, `1 euro par mégawattheure`, `21 euros par mois`: what the money is counted per."""
        per = _PER[self.lang].match(self.low, t.end)
        if per is None:
            return
        word = per.group("per")
        if per.groupdict().get("the") and word in _PER_TIME:
            return  # `33,70 euros le mois prochain`: a date follows, not a rate (`3 euros le kilo` is one)
        unit = _PER_TIME.get(word) or (u.UNIT_WORDS.match(self.low, per.start("per")) or (None, 0))[0]
        if unit is None:
            found = u.UNIT_SYMBOLS[self.lang].match(self.f, per.start("per"))
            unit = found[0] if found and found[1] == per.end() else None
        if unit is not None:
            t.per, t.end = unit, per.end()

    def _word_starts(self, t: _Tail, pos: int) -> tuple[int, ...]:
        """Where the next word may start: after a space, and after `de`/`d'` when French allows it."""
        f = self.f
        gap = pos
        while f[gap : gap + 1] in (" ", "\n", "\t"):
            gap += 1
        if gap == pos:
            return ()
        if t.de_ok and self.lang == "fr":
            de = _DE_GAP.match(self.low, pos)
            if de is not None:
                return (gap, de.end())
        return (gap,)

    def _glued_ok(self, pos: int) -> bool:
        f, lang = self.f, self.lang
        return (
            u.UNIT_SYMBOLS[lang].match(f, pos) is not None
            or (lang == "en" and self._glued_temperature(pos) is not None)
            or u.CURRENCY_SYMBOLS.match(f, pos) is not None
            or u.PERCENT_GLUED[lang].match(f, pos) is not None
            or _MB.match(f, pos) is not None
            or (lang == "en" and u.PENCE_GLUED.match(f, pos) is not None)
        )

    def _scale(self, num: _Num, t: _Tail, pos: int) -> int:
        f, lang = self.f, self.lang
        gap = _GAP.match(f, pos)
        word = u.SCALE_WORDS[lang].match(self.low, gap.end()) if gap else None
        if word is not None:
            t.scale, t.de_ok = word[0], word[0] > 1000
            self.millions = self.millions or word[0] == 10**6
            half = _AND_A_HALF[lang].match(self.low, word[1])
            if half is not None:
                t.half = True  # 3 millions et demi
                return half.end()
            return word[1]
        abbrev = u.SCALE_ABBREVS[lang].match_spaced(f, pos)
        if abbrev is not None and (f[abbrev[1] - 1] != "B" or num.currency):  # `$1.2B`, but `5 B` is nothing
            t.scale, t.de_ok = abbrev[0], abbrev[0] > 1000
            return abbrev[1]
        m = _MB.match(f, pos)
        if m is not None:
            letter = m.group("s")
            # `£700m`, `$1.2b`: after a currency sign m and b are million and billion. In English,
            # `16m people` is too; `16 m` and `16m high` are metres, left to the unit table.
            glued_count = (
                lang == "en"
                and letter == "m"
                and m.group()[0] != " "
                and (self._count_follows(m.end()) or (self.millions and not _LENGTH_AFTER.match(self.low, m.end())))
                and not _A_BEFORE.search(f, max(0, num.start - 8), num.start)  # a 16m yacht
            )
            if num.currency or glued_count:
                t.scale = 10**6 if letter == "m" else 10**9
                self.millions = self.millions or letter == "m"
                return m.end()
        return pos

    def _count_follows(self, pos: int) -> bool:
        gap = _GAP.match(self.f, pos)
        if gap is None:
            return False
        if u.CURRENCY_WORDS[self.lang].match(self.low, gap.end()):
            return True
        w = _WORD.match(self.f, gap.end())
        return w is not None and not self._is_stop(w.group().lower()) and not u.UNIT_WORDS.match(self.low, gap.end())

    def _percent(self, t: _Tail, pos: int, starts: tuple[int, ...]) -> bool:
        f, lang = self.f, self.lang
        found = u.PERCENT_SIGN.match_spaced(f, pos) or u.PERCENT_GLUED[lang].match(f, pos)
        if found is None and starts:
            found = u.PERCENT_WORDS[lang].match(self.low, starts[0])
        if found is None:
            return False
        t.kind, t.pp, t.end = Kind.percent, found[0] == "pp", found[1]
        return True

    def _currency(self, t: _Tail, pos: int, starts: tuple[int, ...]) -> bool:
        found = u.CURRENCY_SYMBOLS.match_spaced(self.f, pos)
        if found is None and self.lang == "en" and t.scale == 1:
            found = u.PENCE_GLUED.match(self.f, pos)  # 20p
        if found is None and t.scale > 1 and len(starts) > 1:
            found = u.CURRENCY_SYMBOLS.match(self.f, starts[-1])  # 100 millions de $
        for start in starts:
            if found is not None:
                break
            found = u.CURRENCY_WORDS[self.lang].match(self.low, start)
            if found is not None and found[0].endswith("?"):
                if t.scale == 1:
                    found = None
                    continue  # `3 livres` are books
                found = (found[0][:-1], found[1])
        if found is None:
            return False
        code = found[0]
        if code.endswith(u.SUBUNIT):
            if t.scale != 1:
                return False  # `2 millions de centimes`: not how money is written
            code, t.cents = code[: -len(u.SUBUNIT)], True
        t.kind, t.currency, t.end = Kind.money, code, found[1]
        return True

    def _unit(self, t: _Tail, pos: int, starts: tuple[int, ...]) -> bool:
        found = u.UNIT_SYMBOLS[self.lang].match_spaced(self.f, pos) if t.scale == 1 else None
        if found is None and self.lang == "en" and t.scale == 1:
            found = self._glued_temperature(pos)
        for start in starts:
            if found is not None:
                break
            found = u.UNIT_WORDS.match(self.low, start)
        if found is None:
            return False
        t.unit, t.end = found
        return True

    def _glued_temperature(self, pos: int) -> tuple[str, int] | None:
        """`104F`, `40C` before punctuation, a small word, or in a sentence on the weather; `13F filing` is a code."""
        found = u.TEMPERATURE_GLUED.match(self.f, pos)
        if found is None:
            return None
        nxt = _WORD.match(self.f, found[1] + 1) if self.f[found[1] : found[1] + 1] == " " else None
        if nxt is None or self._is_stop(nxt.group().lower()):
            return found
        return found if _WEATHER.search(self.low) else None  # `98F broke the record high`

    def _is_stop(self, word: str) -> bool:
        return (
            word in self.not_nouns
            or word.split("'")[0] in self.not_nouns
            or word in u.MONTHS
            or word in self.number_words  # `deux deux`: a number is not what a number counts
        )

    def _noun(self, t: _Tail, starts: tuple[int, ...], spelled: bool) -> None:
        f = self.f
        for start in starts:
            m = _WORD.match(f, start)
            if m is None:
                continue
            word = m.group().lower()
            if len(word) < 2 or self._is_stop(word) or (spelled and word in u.NOT_COUNTED_AFTER_WORDS):
                continue
            end = m.end()
            nxt_gap = _GAP.match(f, end)
            nxt = _WORD.match(f, nxt_gap.end()) if nxt_gap else None
            nxt_word = nxt.group() if nxt else ""
            nxt_ok = bool(nxt_word) and not self._is_stop(nxt_word.lower()) and nxt_word[:1].islower()
            if self.lang == "fr":
                if nxt is not None and nxt_ok and _FR_ADJECTIVE.search(nxt_word.lower()):
                    end = nxt.end()  # bases militaires, soldats américains
            else:
                adjective = word in u.EN_ADJECTIVES or _EN_ADJECTIVE.search(word) or m.group()[:1].isupper()
                # A singular noun before another is a compound: treatment works, police officers.
                attributive = not word.endswith("s") and word not in u.EN_PLURALS_WITHOUT_S
                nxt_lower = nxt_word.lower()
                if (adjective or attributive) and nxt is not None and nxt_ok and not nxt_lower.endswith(("ed", "ly")):
                    end = nxt.end()  # confirmed infections, American troops
                elif word.endswith("ed") and not nxt_ok:
                    return  # `27 attended the vote`: a verb, not a noun
            t.noun, t.end = (start, end), end
            return

    # --- bounds and ranges --------------------------------------------------------------

    def _bound_before(self, start: int, taken: int) -> tuple[Bound | str | None, int]:
        if self._prev_word(start)[0] not in _BOUND_LAST_WORDS:
            return None, start  # most numbers have no bound: skip the search
        pattern, names = _BOUNDS[self.lang]
        # The longest phrase, `approximativement `, is 18 characters.
        m = pattern.search(self.low, max(taken, start - 28), start)
        if m is None or m.lastgroup is None:
            return None, start
        if names[m.lastgroup] is Bound.at_most and self._prev_word(m.start())[0] in _UP_TO_VERBS:
            return None, start  # `will go up to £2.20`: where it goes, not a ceiling
        return names[m.lastgroup], m.start()

    def _range(self, a: _Num, ta: _Tail, bound: Bound | str | None, bound_start: int) -> list[_Found] | None:
        f = self.f
        join = _RANGE_JOIN.match(f, ta.end)
        if join is None:
            return None
        word = join.group().strip().lower()
        if word in ("et", "and", "ou", "or") and bound != "between":
            return self._shared_tail(a, ta, join.end())
        if bound == "between" and word not in ("et", "and"):
            return None
        if word in ("-", "–", "—") and a.spelled:
            return None
        b = self._number_at(join.end())
        if b is None or (b.spelled != a.spelled and word in ("-", "–", "—")):
            return None
        tb = self._tail(b)
        if tb is None:
            return None
        inherited = ta.empty and not tb.empty
        if inherited:
            # `entre 2 et 3 milliards d'euros`: A reads with B's scale and currency.
            ta = _Tail(
                end=ta.end, scale=tb.scale, kind=tb.kind, currency=tb.currency, unit=tb.unit, noun=None, pp=tb.pp
            )
        low, high = _amount(a.value, ta), _amount(b.value, tb)
        years = self._is_year(a, ta, None) and self._is_year(b, tb, None)
        if years or self._is_day_of_month(a):
            return []  # 2019-2021, de 2019 à 2021, 3-5 mai: dates
        if ta.kind != tb.kind or ta.currency != tb.currency or ta.pp != tb.pp:
            return None  # `rose 0.4 percentage points to 3.2%`: a change and a level
        change = bound == "from" and _CHANGE_VERB.search(f, max(0, bound_start - 40), bound_start) is not None
        if change or low >= high:
            if word in ("-", "–", "—"):
                return []  # a score, 3-1
            if word in ("ou", "or"):
                return None
            # Two values, not a range: `passé de 10 à 20 %`.
            first_tail = _Tail(
                end=a.end if inherited else ta.end,
                scale=ta.scale,
                kind=ta.kind,
                currency=ta.currency,
                unit=ta.unit,
                pp=ta.pp,
            )
            first = self._single(a, first_tail, None, a.start, allow_bare=True)
            second = self._single(b, tb, None, b.start)
            return [c for c in (first, second) if c]
        start = bound_start if bound in ("between", "from") else a.start
        value = {"amount": _decimal_value(low), "amount_max": _decimal_value(high), "bound": Bound.range.value}
        noun = self._noun_text(tb)
        return [self._found(tb, start, tb.end, value, noun)]

    def _shared_tail(self, a: _Num, ta: _Tail, b_start: int) -> list[_Found] | None:
        """`1,3 et 1,7 GW`, `2 or 3 million`: two values, the first written with the second's unit."""
        if not ta.empty or a.spelled:
            return None
        b = self._number_at(b_start)
        tb = self._tail(b) if b is not None and not b.spelled else None
        if b is None or tb is None or tb.empty or self._is_day_of_month(a):
            return None  # `5 et 6 mai` is the dates'
        if tb.noun is not None and tb.scale == 1:
            return None  # `3 et 4 enfants`: the first may count something else
        shared = _Tail(end=a.end, scale=tb.scale, kind=tb.kind, currency=tb.currency, unit=tb.unit, pp=tb.pp)
        shared.cents, shared.half = tb.cents, False
        first = self._single(a, shared, None, a.start, allow_bare=True)
        return [first] if first else None

    def _single(
        self, num: _Num, t: _Tail, bound: Bound | str | None, bound_start: int, allow_bare: bool = False
    ) -> _Found | None:
        if not isinstance(bound, Bound):
            bound, bound_start = None, num.start  # `entre`, `de` without a second number
        if self._is_year(num, t, bound) or self._is_name(num, t):
            return None
        if num.spelled and not t.counts_something and not allow_bare:
            return None  # `les deux`, `neuf` as in new: a spelled number must count something
        final = t.bound or bound or (Bound.more_than if t.plus else None)
        if final is None:
            final = Bound.about if num.approx else Bound.exact
        value: dict = {"amount": _decimal_value(_amount(num.value, t)), "bound": str(final)}
        return self._found(t, bound_start if bound else num.start, t.end, value, self._noun_text(t))

    def _is_name(self, num: _Num, t: _Tail) -> bool:
        """`le 20 heures de TF1`, `le 100 mètres`, `examiné le 27`: after a singular article, a name or a day."""
        if self.lang != "fr" or not num.plain or t.kind is not Kind.quantity or num.value < 2:
            return False
        if _NEWSCAST_BEFORE.search(self.low, max(0, num.start - 24), num.start):
            return True  # le journal de 20 heures
        word, raw, _ = self._prev_word(num.start)
        return word in ("le", "la", "au", "du") and raw.lower() == word

    def _noun_text(self, t: _Tail) -> str | None:
        return self.original[t.noun[0] : t.noun[1]] if t.noun else None

    def _found(self, t: _Tail, start: int, end: int, value: dict, noun: str | None) -> _Found:
        if t.kind is Kind.money:
            value["currency"] = t.currency
            if t.per:
                value["unit"] = f"/{t.per}"
            noun = self._money_owner(start, end)
        elif t.kind is Kind.percent:
            if t.pp:
                value["unit"] = "pp"
            noun = None
        elif t.unit:
            value["unit"] = t.unit
            noun = t.unit
        elif noun:
            value["unit"] = noun
        # Keep the value's keys in the documented order: amount, [amount_max], unit/currency, bound.
        ordered = {k: value[k] for k in ("amount", "amount_max", "unit", "currency", "bound") if k in value}
        return _Found(start, end, t.kind, ordered, label(t.kind, ordered, noun))

    def _money_owner(self, start: int, end: int) -> str | None:
        """What the money is for, when the sentence says it: `une base militaire de 100 millions`."""
        f = self.f
        m = None
        if self._prev_word(start)[0] in ("de", "d", "of", "worth"):
            m = _MONEY_OWNER_BEFORE[self.lang].search(f, max(0, start - 60), start)
        if m is not None:
            words = m.group(1)
            if not any(self._is_stop(w.lower()) for w in words.split()):
                return self.original[m.start(1) : m.end(1)]
        if self.lang == "en" and _A_BEFORE.search(f, max(0, start - 8), start):
            gap = _GAP.match(f, end)
            w1 = _WORD.match(f, gap.end()) if gap else None
            if w1 is not None and not self._is_stop(w1.group().lower()):
                stop = w1.end()
                gap2 = _GAP.match(f, stop)
                w2 = _WORD.match(f, gap2.end()) if gap2 else None
                if w2 is not None and not self._is_stop(w2.group().lower()):
                    stop = w2.end()
                return self.original[w1.start() : stop]  # a $1.2 billion expansion plan
        return None
