"""Stories by the event reported (relate/stories.py): reports of one event join in other
words, a short report and an all-caps one included; two events of one kind that share a
name stay apart; copies are always one story; dated-apart reports never join on words."""

from __future__ import annotations

from newsprism.relate.stories import group_stories, sparse_average_link

QUAKE_A1 = (
    "A strong earthquake of magnitude 6.2 struck the northern province of Velmora on "
    "Tuesday, killing at least 14 people and flattening hundreds of mud-brick homes.\n"
    "Rescue teams from the capital Dastan reached the mountain villages by nightfall, "
    "governor Irina Baskova said.\n"
    "The quake was felt as far as the coast and was followed by several aftershocks."
)
QUAKE_A2 = (
    "At least 14 people died when a 6.2 magnitude quake hit Velmora province on Tuesday, "
    "governor Irina Baskova told reporters.\n"
    "Hundreds of houses built of mud brick collapsed in the mountain villages, and rescuers "
    "from Dastan worked through the night.\n"
    "Aftershocks shook the region for hours."
)
QUAKE_A_SHORT = (
    "Fourteen dead as 6.2 quake flattens villages in Velmora, governor Baskova says.\n"
    "Rescuers from Dastan reached the mountain villages."
)
QUAKE_A_CAPS = (
    "EARTHQUAKE OF MAGNITUDE 6.2 KILLS 14 IN VELMORA PROVINCE, GOVERNOR IRINA BASKOVA SAYS.\n"
    "RESCUE TEAMS FROM DASTAN REACH MOUNTAIN VILLAGES WHERE MUD-BRICK HOMES COLLAPSED."
)
QUAKE_B1 = (
    "A moderate earthquake of magnitude 4.8 shook the southern port of Meriba on Saturday, "
    "injuring two fishermen and cracking the walls of the old harbour market.\n"
    "Mayor Tomas Feld said the ferry service to the islands was halted for inspection.\n"
    "Seismologists in Dastan said the quake was shallow."
)
QUAKE_B2 = (
    "Two fishermen were hurt when a 4.8 magnitude quake rattled Meriba harbour on Saturday.\n"
    "Mayor Tomas Feld ordered the ferries to the islands stopped while engineers inspected "
    "the piers, and cracks opened in the harbour market walls.\n"
    "Experts in Dastan called the tremor shallow."
)
PARKING = (
    "The town council voted to double parking charges in the high street from April.\n"
    "Shop owners say trade will fall and plan a protest outside the town hall next week."
)


def test_reports_of_one_event_join_and_another_event_of_its_kind_stays_apart() -> None:
    labels = group_stories([QUAKE_A1, QUAKE_A2, QUAKE_B1, QUAKE_B2, PARKING])
    assert labels[0] == labels[1]
    assert labels[2] == labels[3]
    assert labels[0] != labels[2]
    assert labels[4] not in {labels[0], labels[2]}


def test_a_two_sentence_report_and_an_all_caps_one_join_the_event_they_fit() -> None:
    labels = group_stories([QUAKE_A1, QUAKE_A2, QUAKE_A_SHORT, QUAKE_A_CAPS, QUAKE_B1, QUAKE_B2])
    assert labels[2] == labels[0] == labels[1]
    assert labels[3] == labels[0]
    assert labels[4] == labels[5] != labels[0]


def test_copies_are_one_story_whatever_their_words() -> None:
    labels = group_stories([QUAKE_A1, PARKING, QUAKE_B1], joined=[(0, 1)])
    assert labels[0] == labels[1] != labels[2]


def test_reports_dated_too_far_apart_do_not_join_on_their_words() -> None:
    labels = group_stories([QUAKE_A1, QUAKE_A2], apart=lambda i, j: True)
    assert labels[0] != labels[1]


def testsparse_average_link_merges_by_the_mean_and_counts_pairs_never_compared_as_unlike() -> None:
    # 0-1 alike; 2 is alike to 1 only: its mean to the pair {0, 1} is 0.4 / 2 = 0.2.
    similarities = {(0, 1): 0.9, (1, 2): 0.4}
    assert sparse_average_link(3, similarities, [], 0.3) == [0, 0, 2]
    merged = sparse_average_link(3, similarities, [], 0.2)
    assert merged[0] == merged[1] == merged[2]
