"""Currency tables for money claims: signs and codes before or after a number, currency words, subunits.

Written apart from the other unit tables (units.py re-exports them) so each
module stays small. Symbol tables are case-sensitive; word tables are
lower-cased and matched on the lower-cased sentence. Every pattern runs on
`text.fold(text)`: spaces are plain and the apostrophe is `'`.
"""

from __future__ import annotations

from claimcheck.extract.table import Table


def _by_length(entries: dict[str, str]) -> dict[str, str]:
    """Longest first: `US$` before `$`, `F CFA` before `F`."""
    return dict(sorted(entries.items(), key=lambda kv: -len(kv[0])))


# --- currencies --------------------------------------------------------------

# Before the number: `$5`, `US$ 5`, `£700m`, `EUR 3bn`. A plain regex: it is searched backwards
# from the number, and only when the character before the number can end one of these.
_PREFIX_CURRENCIES: dict[str, str] = {
    r"US ?\$": "USD",
    r"U\.S\. ?\$": "USD",
    r"\$ ?US": "USD",
    r"C ?\$": "CAD",
    r"CA\$": "CAD",
    r"A\$": "AUD",
    r"AU\$": "AUD",
    r"NZ\$": "NZD",
    r"HK\$": "HKD",
    r"S\$": "SGD",
    r"R\$": "BRL",
    r"\$": "USD",
    r"€": "EUR",
    r"£": "GBP",
    r"¥": "JPY",
    r"₹": "INR",
    r"₽": "RUB",
    r"₦": "NGN",
    r"₺": "TRY",
    r"₩": "KRW",
    r"₪": "ILS",
    r"USD ?": "USD",
    r"EUR ?": "EUR",
    r"GBP ?": "GBP",
    r"CHF ?": "CHF",
    r"JPY ?": "JPY",
    r"CNY ?": "CNY",
    r"CAD ?": "CAD",
    r"AUD ?": "AUD",
    r"INR ?": "INR",
    r"XOF ?": "XOF",
    r"XAF ?": "XAF",
    r"FCFA ?": "XOF",
    r"RUB ?": "RUB",
    r"SEK ?": "SEK",
}
PREFIX_CURRENCY_NAMES = {f"c{i}": v for i, v in enumerate(_by_length(_PREFIX_CURRENCIES).values())}
PREFIX_CURRENCY = (
    r"(?<![\w$€£])(?:" + "|".join(f"(?P<c{i}>{k})" for i, k in enumerate(_by_length(_PREFIX_CURRENCIES))) + ")"
)
# The characters a prefix can end with, space aside: a cheap test before the backwards search.
PREFIX_LAST_CHARS = frozenset("$€£¥₹₽₦₺₩₪DRPFYNS")

# After the number, symbols and codes (case-sensitive): `100 €`, `20 M€`, `15 $ US`, `5 000 FCFA`.
CURRENCY_SYMBOLS: Table[str] = Table(
    _by_length(
        {
            r"\$ ?US": "USD",
            r"\$ ?CA": "CAD",
            r"\$ ?CAN": "CAD",
            r"\$": "USD",
            r"€": "EUR",
            r"£": "GBP",
            r"F ?CFA": "XOF",
            r"FCFA": "XOF",
            r"USD": "USD",
            r"EUR": "EUR",
            r"GBP": "GBP",
            r"CHF": "CHF",
            r"JPY": "JPY",
            r"CNY": "CNY",
            r"XOF": "XOF",
            r"XAF": "XAF",
            r"CAD": "CAD",
            r"AUD": "AUD",
            r"¥": "JPY",
            r"₹": "INR",
            r"₽": "RUB",
            r"₦": "NGN",
        }
    ),
    words=False,
    end=r"(?![\w$€£])",
)
# Currency words; the adjective forms come first so they win. `GBP?`: see numbers/sentence.py.
CURRENCY_WORDS: dict[str, Table[str]] = {
    "fr": Table(
        {
            r"centimes? d'euros?": "EUR/100",
            r"centimes?": "EUR/100",
            r"euros?": "EUR",
            r"dollars? (?:am[ée]ricains?|us|des [ée]tats-unis)": "USD",
            r"dollars? canadiens?": "CAD",
            r"dollars? australiens?": "AUD",
            r"dollars? de hong kong": "HKD",
            r"dollars?": "USD",
            r"livres? sterling": "GBP",
            r"livres? turques?": "TRY",
            r"livres? [ée]gyptiennes?": "EGP",
            # Bare `livres` are pounds only after a scale (`80 millions de livres`), else books.
            r"livres?": "GBP?",
            r"francs? cfa": "XOF",
            r"francs? suisses?": "CHF",
            r"yens?": "JPY",
            r"yuans?": "CNY",
            r"renminbis?": "CNY",
            r"roubles?": "RUB",
            r"roupies?": "INR",
            r"nairas?": "NGN",
            r"dirhams?": "MAD",
            r"dinars? alg[ée]riens?": "DZD",
            r"dinars? tunisiens?": "TND",
            r"r[ée]als?|reais": "BRL",
            r"rands?": "ZAR",
            r"hryvnias?": "UAH",
            r"zlotys?": "PLN",
            r"shekels?": "ILS",
            r"pesos? mexicains?": "MXN",
            r"couronnes? su[ée]doises?": "SEK",
            r"couronnes? norv[ée]giennes?": "NOK",
            r"couronnes? danoises?": "DKK",
            r"cedis?": "GHS",
            r"bitcoins?": "XBT",
        },
        words=True,
    ),
    "en": Table(
        {
            r"euro ?cents?": "EUR/100",
            r"euros?": "EUR",
            r"us dollars?|u\.s\. dollars?|american dollars?": "USD",
            r"cents?": "USD/100",
            r"pence": "GBP/100",
            r"canadian dollars?": "CAD",
            r"australian dollars?": "AUD",
            r"hong kong dollars?": "HKD",
            r"new zealand dollars?": "NZD",
            r"singapore dollars?": "SGD",
            r"dollars?": "USD",
            r"pounds? sterling": "GBP",
            r"sterling": "GBP",
            r"pounds?": "GBP",
            r"swiss francs?": "CHF",
            r"cfa francs?": "XOF",
            r"yen": "JPY",
            r"yuan": "CNY",
            r"renminbi": "CNY",
            r"roubles?|rubles?": "RUB",
            r"rupees?": "INR",
            r"naira": "NGN",
            r"rand": "ZAR",
            r"dirhams?": "AED",
            r"lira|lire": "TRY",
            r"reais|reals?": "BRL",
            r"hryvnias?": "UAH",
            r"zlotys?": "PLN",
            r"shekels?": "ILS",
            r"kronor|krona": "SEK",
            r"cedis?": "GHS",
            r"shillings?": "KES",
            r"bitcoins?": "XBT",
        },
        words=True,
    ),
}

# A code ending in `/100` is the hundredth of the currency (`20 centimes`, `15 cents`, `3.5 pence`):
# the amount is stored in the currency itself (0.2 EUR). English writes pence as a glued `p` (`20p`).
SUBUNIT = "/100"
PENCE_GLUED: Table[str] = Table({"p": "GBP/100"}, words=False)
