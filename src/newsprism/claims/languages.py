"""The words of figures in the languages whose number grammar the claims know, one table
keyed by language code (:data:`LANGUAGE_NUMBERS`): scale words ("Milliarden", "mil
millones"), percent words ("Prozent", "pour cent"), currency names beyond the English ones,
the small words between a scale and its unit ("millions d'euros"), range words ("2 bis 3
Millionen"), month names (the "11" of "11 mars" is a date) and the function words that are
never a figure's unit nor a name before it.

The separators of a language's numerals are not here: they come from the locale data of
Babel (``claims/grammar.py``). A language absent from this table has no number grammar,
and its figures are not read at all (a scale word not known would truncate them).
Canonical names (units, currencies) are the English path's, so claims compare across
languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PERCENTAGE = "percentage"
PERCENTAGE_POINT = "percentage point"


@dataclass(frozen=True, slots=True, eq=False)
class NumberWords:
    """How one language writes the words around its figures (lower case). Compared and
    hashed by identity: one record per language, the key of the patterns made from it."""

    scales: Mapping[str, float]
    percent: Mapping[str, str]  # word -> "percentage" or "percentage point"
    currencies: Mapping[str, str] = field(default_factory=dict)  # word -> canonical name
    connectors: tuple[str, ...] = ()  # between a scale word and its unit
    range_to: tuple[str, ...] = ()  # "2 bis 3": a range on its own
    range_and: tuple[str, ...] = ()  # "zwischen 2 und 3": a range after ``between``
    between: tuple[str, ...] = ()
    months: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    # Every noun is capitalised (German): a capitalised word after a figure is no name.
    capitalised_nouns: bool = False


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LANGUAGE_NUMBERS: dict[str, NumberWords] = {
    "de": NumberWords(
        scales={
            "tausend": 1e3,
            "tsd.": 1e3,
            "million": 1e6,
            "millionen": 1e6,
            "mio.": 1e6,
            "mio": 1e6,
            "milliarde": 1e9,
            "milliarden": 1e9,
            "mrd.": 1e9,
            "mrd": 1e9,
            "billion": 1e12,  # the long scale: a German Billion is a million million
            "billionen": 1e12,
            "bio.": 1e12,
        },
        percent={
            "%": PERCENTAGE,
            "prozent": PERCENTAGE,
            "prozentpunkte": PERCENTAGE_POINT,
            "prozentpunkten": PERCENTAGE_POINT,
            "prozentpunkt": PERCENTAGE_POINT,
        },
        currencies={"us-dollar": "dollar", "pfund": "pound sterling", "franken": "swiss franc"},
        range_to=("bis",),
        range_and=("und",),
        between=("zwischen",),
        months=_words(
            "januar jänner februar märz april mai juni juli august september oktober "
            "november dezember jan. feb. mär. apr. aug. sep. sept. okt. nov. dez."
        ),
        function_words=_words(
            "der die das den dem des ein eine einer eines einem einen und oder aber in im "
            "an am auf aus bei bis für gegen mit nach seit über um unter von vom vor zu zum "
            "zur als wie rund etwa fast knapp mehr weniger nur noch bereits insgesamt "
            "mindestens höchstens ungefähr circa je pro sind waren ist war wurden werden "
            "haben hatten hat"
        ),
        capitalised_nouns=True,
    ),
    "fr": NumberWords(
        scales={
            "mille": 1e3,
            "million": 1e6,
            "millions": 1e6,
            "milliard": 1e9,
            "milliards": 1e9,
            "md": 1e9,
            "mds": 1e9,
            "mrd": 1e9,
            "billion": 1e12,  # the long scale
            "billions": 1e12,
        },
        percent={
            "%": PERCENTAGE,
            "pour cent": PERCENTAGE,
            "pourcent": PERCENTAGE,
            "points de pourcentage": PERCENTAGE_POINT,
        },
        currencies={"livres": "pound sterling", "livre": "pound sterling"},
        connectors=("d'", "d’", "de"),
        range_to=("à",),
        range_and=("et",),
        between=("entre",),
        months=_words(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        ),
        function_words=_words(
            "le la les l' un une des du de d' et ou mais en dans à au aux sur sous pour par "
            "avec sans chez vers entre environ près plus moins presque quelque quelques "
            "sont étaient est était ont avaient a qui que dont"
        ),
    ),
    "es": NumberWords(
        scales={
            "mil": 1e3,
            "millón": 1e6,
            "millon": 1e6,
            "millones": 1e6,
            "mil millones": 1e9,
            "millardo": 1e9,
            "millardos": 1e9,
            "billón": 1e12,  # the long scale
            "billones": 1e12,
        },
        percent={
            "%": PERCENTAGE,
            "por ciento": PERCENTAGE,
            "por cien": PERCENTAGE,
            "puntos porcentuales": PERCENTAGE_POINT,
        },
        currencies={"dólares": "dollar", "dólar": "dollar", "libras": "pound sterling"},
        connectors=("de",),
        range_to=("a",),
        range_and=("y",),
        between=("entre",),
        months=_words(
            "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
            "noviembre diciembre"
        ),
        function_words=_words(
            "el la los las lo un una unos unas de del al a y o e u pero en con sin por para "
            "sobre entre hasta desde unos casi cerca más menos son eran es era han habían ha "
            "que quien cuyo se"
        ),
    ),
    "it": NumberWords(
        scales={
            "mila": 1e3,
            "milione": 1e6,
            "milioni": 1e6,
            "mln": 1e6,
            "miliardo": 1e9,
            "miliardi": 1e9,
            "mld": 1e9,
            "mld.": 1e9,
        },
        percent={
            "%": PERCENTAGE,
            "per cento": PERCENTAGE,
            "percento": PERCENTAGE,
            "punti percentuali": PERCENTAGE_POINT,
        },
        currencies={"dollari": "dollar", "sterline": "pound sterling"},
        connectors=("di",),
        range_to=("a",),
        range_and=("e",),
        between=("tra", "fra"),
        months=_words(
            "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
            "novembre dicembre"
        ),
        function_words=_words(
            "il lo la i gli le l' un uno una di del della dei degli delle da dal dalla a al "
            "alla ai agli alle e ed o ma in nel nella con per su sul sulla tra fra circa "
            "quasi oltre più meno sono erano è era hanno avevano ha che"
        ),
    ),
    "nl": NumberWords(
        scales={
            "duizend": 1e3,
            "miljoen": 1e6,
            "miljoenen": 1e6,
            "mln": 1e6,
            "mln.": 1e6,
            "miljard": 1e9,
            "miljarden": 1e9,
            "mld": 1e9,
            "mld.": 1e9,
            "biljoen": 1e12,  # the long scale
        },
        percent={
            "%": PERCENTAGE,
            "procent": PERCENTAGE,
            "procentpunt": PERCENTAGE_POINT,
            "procentpunten": PERCENTAGE_POINT,
        },
        currencies={"pond": "pound sterling"},
        range_to=("tot",),
        range_and=("en",),
        between=("tussen",),
        months=_words(
            "januari februari maart april mei juni juli augustus september oktober november "
            "december"
        ),
        function_words=_words(
            "de het een en of maar in op aan bij met voor van uit tot om over onder naar "
            "door tegen zonder ruim bijna circa ongeveer meer minder dan zijn waren is was "
            "hebben hadden heeft die dat"
        ),
    ),
    "pt": NumberWords(
        scales={
            "mil": 1e3,
            "milhão": 1e6,
            "milhões": 1e6,
            "mil milhões": 1e9,
            "bilhão": 1e9,  # Brazil's short scale; Portugal writes "mil milhões"
            "bilhões": 1e9,
        },
        percent={
            "%": PERCENTAGE,
            "por cento": PERCENTAGE,
            "pontos percentuais": PERCENTAGE_POINT,
        },
        currencies={
            "dólares": "dollar",
            "dólar": "dollar",
            "libras": "pound sterling",
            "reais": "brazilian real",
            "real": "brazilian real",
        },
        connectors=("de",),
        range_to=("a",),
        range_and=("e",),
        between=("entre",),
        months=_words(
            "janeiro fevereiro março abril maio junho julho agosto setembro outubro "
            "novembro dezembro"
        ),
        function_words=_words(
            "o a os as um uma uns umas de do da dos das e ou mas em no na nos nas com sem "
            "por para pelo pela sobre entre até cerca quase mais menos são eram é era têm "
            "tinham tem que"
        ),
    ),
    "pl": NumberWords(
        scales={
            "tys.": 1e3,
            "tysięcy": 1e3,
            "mln": 1e6,
            "milion": 1e6,
            "miliony": 1e6,
            "milionów": 1e6,
            "mld": 1e9,
            "miliard": 1e9,
            "miliardy": 1e9,
            "miliardów": 1e9,
            "bln": 1e12,  # the long scale
        },
        percent={
            "%": PERCENTAGE,
            "proc.": PERCENTAGE,
            "procent": PERCENTAGE,
        },
        currencies={"zł": "polish zloty", "złotych": "polish zloty", "dolarów": "dollar"},
        range_to=("do",),
        months=_words(
            "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września "
            "października listopada grudnia"
        ),
        function_words=_words(
            "i w we z ze na do od po o u za przez dla oraz lub ale około prawie ponad niemal "
            "są był była było byli jest to że"
        ),
    ),
}

# Currency names a language's table adds to the English ones (a claim's unit family).
LANGUAGE_CURRENCIES = frozenset(
    name for words in LANGUAGE_NUMBERS.values() for name in words.currencies.values()
)
