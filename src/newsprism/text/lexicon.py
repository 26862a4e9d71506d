"""The word lists that several analyses share: function words, speech cues, titles, role
and organisation nouns, and the tests built on them ("could this word be a given name?").

One home for them, below every analysis package, so that quotes, entities, claims, relate
and spin read the same lists without importing each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

STOPWORDS = frozenset(
    "a an the and or but if then than that this these those there here of to in on at by for "
    "with from as is are was were be been being it its he she they we you i his her their our "
    "your them him us not no so such do does did have has had will would can could should may "
    "might must also which who whom whose what when where why how all any each more most other "
    "some into over under about after before between during through up down out off again "
    "said says".split()
)


CUE_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|asked|asks|asking|wrote|"
    "writes|stated|states|declared|declares|warned|warns|explained|explains|noted|notes|"
    "insisted|insists|argued|argues|continued|continues|recalled|recalls|replied|replies|"
    "responded|tweeted|tweets|posted|announced|announces|stressed|stresses|concluded|"
    "mentioned|instructed|acknowledged|admitted|admits|claimed|claims|conceded|countered|"
    "joked|remarked|observed|urged|urges|cautioned|reiterated|emphasized|emphasised|"
    "predicted|complained|boasted|promised|vowed|suggested|suggests|thundered|quipped|"
    "shouted|yelled|whispered|testified|confirmed|confirms|denied|described|called|put it|"
    "wondered|pointed out|went on|reported|reports|commented|explains|chanted|sang|sings|"
    "demanded|demands|yells|shouts|screamed|cried|read|reads|asserted|asserts|opined|"
    "recounted|pleaded|lamented|scoffed|snapped|retorted|answered|proclaimed|proclaims|"
    "exclaimed|confessed|concludes|charged|charges|shot back|fired back|mocked|mocks|barked|"
    "fumed|interjected|chimed in|gushed|griped|groused|grumbled|mused|muttered|bragged|"
    "crowed|contended|contends|maintained|maintains|assured|reminded|implored|ventured|"
    "volunteered|teased|taunted|scolded|chided|deadpanned|jokes|"
    "acknowledges|concedes|counters|observes|opines|predicts|emailed|texted|marveled|"
    "marvelled|sniped|hinted|speculated|reasoned|agreed|agrees|disagreed|objected"
)


# The -ing forms whose speaker is the subject of the sentence after a comma: "Trump
# attacked Clinton over Libya, saying, “…”".
PARTICIPLE_CUES = (
    "saying|adding|telling|asking|writing|noting|arguing|insisting|declaring|warning|"
    "explaining|stating|tweeting|asserting|claiming|suggesting|urging|calling|replying|"
    "responding|answering|joking|complaining|acknowledging|admitting|vowing|promising"
)


# Capitalised words that start sentences or name days, never a person's first name.
NOT_NAMES = frozenset(
    "But And Or So Yet On In At For From With Without After Before As When While Since "
    "Then Also However Still Although Though If Once Meanwhile Earlier Later Last Next This "
    "That These Those There Here It Its The A An Asked Speaking Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Said Says Added Told Wrote According Continued "
    "Stated Concluded Explained Noted Replied Responded Recalled".split()
)


# Words that make a capitalised sequence an organisation or place, not a person.
ORG_WORDS = frozenset(
    "Group Council Ministry Department Agency Association Institute Union Party Committee "
    "Organization Organisation Office House Studies News Press Times Post Alliance Forces "
    "Army Bank University Court States Nations Kingdom Republic Federation Commission "
    "Parliament Congress Senate Government Administration Company Corporation Inc Ltd "
    "Foundation Center Centre Network Service Services Authority Police Guard Street "
    "Intelligence Security Defense Defence Command Board Fund Club League Treaty Pact "
    "Accord Agreement Convention Summit Conference Forum Institution Society Academy".split()
)


TITLE_WORDS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Prof",
        "Rep",
        "Sen",
        "Gov",
        "Gen",
        "Lt",
        "Col",
        "Capt",
        "Sgt",
        "Rev",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "President",
        "Vice",
        "Prime",
        "Minister",
        "Secretary",
        "Chancellor",
        "Mayor",
        "Governor",
        "Senator",
        "Judge",
        "Justice",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Pope",
        "Chief",
        "Deputy",
        "Foreign",
        "Defense",
        "Defence",
        "Interior",
        "Finance",
        "Health",
        "State",
        "General",
        "Director",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Commissioner",
        "Ambassador",
        "Leader",
        "Speaker",
        "Representative",
        "Congressman",
        "Congresswoman",
        "Councillor",
        "Councilman",
        "Sheriff",
        "Officer",
        "Inspector",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Minister",
        "Premier",
        "Emir",
        "Sheikh",
        "Cardinal",
        "Bishop",
        "Harbour",
        "Harbor",
        "Port",
        "Economy",
        "Trade",
        "Transport",
        "Education",
        "Justice",
        "Home",
        "Protection",
        "U.S.",
        "US",
        "UK",
        "U.K.",
        "EU",
        "Former",
        "Acting",
        "Senior",
        "Junior",
        "Assistant",
        "Executive",
        "Managing",
        "Head",
    ]
)


ROLE_NOUNS = (
    "chief|minister|secretary|official|officials|spokesman|spokeswoman|spokesperson|leader|"
    "mayor|governor|president|head|director|chair|chairman|chairwoman|adviser|advisor|aide|"
    "engineer|expert|analyst|candidate|senator|lawmaker|commander|general|counterpart|"
    "lawyer|attorney|economist|professor|researcher|scientist|doctor|officer|manager|"
    "founder|owner|executive|ambassador|envoy|diplomat|negotiator|premier|chancellor|"
    "man|woman|resident|witness|source|sources|member|members|activist|campaigner|"
    "businessman|businesswoman|announcer|narrator|nominee|host|anchor|writer|author|"
    "columnist|reporter|journalist|editor|correspondent|strategist|pollster|voter|"
    "supporter|critic|protester|student|worker|farmer|father|mother|son|daughter|wife|"
    "husband|friend|neighbour|neighbor|victim|survivor|veteran|player|coach|star|actor|"
    "singer|historian|consultant|operative|organiser|organizer|representative|judge|"
    "widow|widower|niece|nephew|uncle|aunt|cousin|brother|sister|grandmother|grandfather|"
    "fellow|scholar|teacher|official|officer|staffer|deputy|partner|colleague|agent|"
    "physician|nurse|pastor|priest|rabbi|imam|bishop|developer|investor|banker|trader|"
    "resident|citizen|mom|dad|child|girl|boy|guy|lady|person|people|fan|fans|reader|viewer"
)


# Role nouns that are titles of an office: what "the minister said" can refer back to.
ROLE_TITLES = (
    "secretary|minister|president|chief|head|leader|mayor|governor|director|chair|"
    "chairman|chairwoman|spokesman|spokeswoman|spokesperson|ambassador|envoy|commander|"
    "general|senator|representative|chancellor|premier|prime minister|commissioner|"
    "adviser|advisor|attorney general|speaker|judge|justice|nominee|candidate|founder|"
    "executive|economist|professor|analyst|strategist|editor|correspondent|officer"
)


ORG_NOUNS = (
    "ministry|department|office|agency|police|company|firm|government|campaign|committee|"
    "council|army|military|embassy|court|group|organisation|organization|authority|"
    "administration|union|party|board|statement|spokesperson|service|bank|commission|"
    "article|piece|report|ad|advert|advertisement|tweet|post|letter|memo|poll|survey|"
    "study|editorial|website|newspaper|magazine|network|channel|station|book|video|"
    "ruling|finding|filing|lawsuit|complaint|order|decision|verdict|release|announcement|"
    "email|message|note|document|transcript|indictment|memoir|speech|sign|banner|caption|"
    "headline|passage|guidance|policy|law|bill|resolution|platform|manifesto|brief|"
    "think-tank|think tank|thinktank|institute|foundation|center|centre|university|"
    "association|coalition|alliance|federation|league|network|suit"
)


def bare_token(token: str) -> str:
    return re.sub(r"(?:['’]s|[.,])$", "", token)


def is_person_like(tokens: Sequence[str]) -> bool:
    return (
        bool(tokens)
        and not any(bare_token(t) in ORG_WORDS for t in tokens)
        and not (len(tokens) == 1 and tokens[0] in NOT_NAMES)
    )


# UTF-8 read as Latin-1 ("RaÃºl"): not a spelling of a name.
MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|Ã.Â|Â")


def given_name_like(word: str) -> bool:
    """Could be a given name: not a function word or a title ("Of Sanders", "Senators
    Rubio"), not an initial, no digits."""
    bare = word.replace(".", "")
    return (
        len(bare) > 1
        and bare.isalpha()
        and not MOJIBAKE.search(word)
        and word.casefold() not in STOPWORDS
        and word not in NOT_NAMES
        and word.rstrip("s") not in TITLE_WORDS
        and not (bare.isupper() and len(bare) <= 2)
    )
