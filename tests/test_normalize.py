"""Tests for ``audiogen.text.normalize``: one row an input and the words a newsreader would say."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from audiogen.text import normalize as normalize_module
from audiogen.text.lexicon import apply_phonemes, phonemes_used
from audiogen.text.normalize import normalize

SHARED_CASES = Path(__file__).resolve().parent / "data" / "normalization.tsv"


def canonical(script: str) -> str:
    """The canonical form the shared cases are matched against (see the TSV header)."""
    script = script.lower().replace("-", " ")
    script = re.sub(r"[^a-z' ]", "", script)
    return re.sub(r" +", " ", script).strip()


def read_shared_cases(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        case_id, text, expect = line.split("\t")
        rows.append((case_id, text, expect))
    return rows


SHARED = read_shared_cases(SHARED_CASES)


def test_shared_cases_are_all_read() -> None:
    assert len(SHARED) >= 30
    assert len({case_id for case_id, _, _ in SHARED}) == len(SHARED)


@pytest.mark.parametrize(
    ("text", "expect"), [row[1:] for row in SHARED], ids=[r[0] for r in SHARED]
)
def test_shared_case(text: str, expect: str) -> None:
    script = normalize(text)
    assert not re.search(r"\d", script), script
    assert re.search(expect, canonical(script)), script


# Input, and the exact script expected.
OWN_CASES: list[tuple[str, str]] = [
    # Cardinals, decimals, ordinals.
    (
        "The fund holds 1,234,567 dollars.",
        "The fund holds one million two hundred and thirty-four thousand five hundred and "
        "sixty-seven dollars.",
    ),
    ("Growth was 3.75 in May.", "Growth was three point seven five in May."),
    (
        "She came 1st, he was 22nd and they were 103rd.",
        "She came first, he was twenty-second and they were one hundred and third.",
    ),
    ("It was the 1,000th visitor.", "It was the one thousandth visitor."),
    ("Call extension 007.", "Call extension zero zero seven."),
    ("It shipped version 3.5.1 today.", "It shipped version three point five point one today."),
    # Years against quantities.
    ("The tower was built in 1905.", "The tower was built in nineteen oh five."),
    (
        "It began in 2000 and ended in 2008.",
        "It began in two thousand and ended in two thousand eight.",
    ),
    ("The treaty of 1800 lapsed.", "The treaty of eighteen hundred lapsed."),
    ("The 2021 elections were close.", "The twenty twenty-one elections were close."),
    ("2021 participants attended.", "Two thousand and twenty-one participants attended."),
    (
        "About 2021 participants attended.",
        "About two thousand and twenty-one participants attended.",
    ),
    ("He was born c. 1950.", "He was born circa nineteen fifty."),
    ("Prices fell in mid-2021.", "Prices fell in mid-twenty twenty-one."),
    (
        "Resolution 2178 (2014) was adopted.",
        "Resolution twenty-one seventy-eight (twenty fourteen) was adopted.",
    ),
    ("Flight 1549 landed.", "Flight fifteen forty-nine landed."),
    # Decades.
    (
        "Prices rose in the 1990s and the '60s.",
        "Prices rose in the nineteen nineties and the sixties.",
    ),
    ("She was in her 20s in the 2000s.", "She was in her twenties in the two thousands."),
    ("Class of '98.", "Class of ninety-eight."),
    # Dates.
    (
        "The law was passed on July 2, 2021.",
        "The law was passed on July second, twenty twenty-one.",
    ),
    ("The vote is on Jan. 5.", "The vote is on January fifth."),
    (
        "Talks run June 28-30, 2021.",
        "Talks run June twenty-eighth to thirtieth, twenty twenty-one.",
    ),
    (
        "It ran from 28 June to 2 July 2021.",
        "It ran from the twenty-eighth of June to the second of July, twenty twenty-one.",
    ),
    ("The 5 May deadline passed.", "The fifth of May deadline passed."),
    (
        "Records from 2021-07-02 were lost.",
        "Records from the second of July, twenty twenty-one were lost.",
    ),
    ("It closed in Dec. 2019.", "It closed in December twenty nineteen."),
    ("2 July 2021 was a Friday.", "The second of July, twenty twenty-one was a Friday."),
    ("It ended on 11 August. Team GB won.", "It ended on the eleventh of August. Team G B won."),
    # Ranges and scores.
    ("The war lasted 1939-45.", "The war lasted nineteen thirty-nine to forty-five."),
    (
        "Data for 2019-2021 and 2020-21 agree.",
        "Data for twenty nineteen to twenty twenty-one and twenty twenty to twenty-one agree.",
    ),
    ("Arsenal won 3-1 at home.", "Arsenal won three one at home."),
    ("It ended in a 2-0 win.", "It ended in a two nil win."),
    ("They drew 1-1.", "They drew one all."),
    ("Read pages 10-12.", "Read pages ten to twelve."),
    ("The ratio was 3:1.", "The ratio was three to one."),
    # Percentages.
    (
        "Inflation hit 0.5% and then -0.3%.",
        "Inflation hit zero point five per cent and then minus zero point three per cent.",
    ),
    ("Support was 40-45%.", "Support was forty to forty-five per cent."),
    # The British press's "pc" and "pp", and pence with decimals.
    (
        "Sales fell 5.2pc; rates rose 0.5pp, a 1pp rise.",
        "Sales fell five point two per cent; rates rose zero point five percentage points, a one "
        "percentage point rise.",
    ),
    (
        "Petrol rose 7.5p a litre, or 1p.",
        "Petrol rose seven point five pence a litre, or one penny.",
    ),
    # Money.
    ("Shares cost $1.50 each.", "Shares cost one dollar fifty each."),
    ("It cost £5m.", "It cost five million pounds."),
    ("The loan is US$2 billion.", "The loan is two billion U S dollars."),
    ("He paid ¥300.", "He paid three hundred yen."),
    ("Revenue was €2.5bn.", "Revenue was two point five billion euros."),
    ("The prize is $40k.", "The prize is forty thousand dollars."),
    ("A coffee costs $0.99 or 50p.", "A coffee costs ninety-nine cents or fifty pence."),
    ("It costs $1 or $5.05.", "It costs one dollar or five dollars and five cents."),
    ("Budgets of $5-10 million.", "Budgets of five to ten million dollars."),
    ("A fine of CHF 2 million.", "A fine of two million Swiss francs."),
    # "to" between two signed amounts may be no range ("rose $2 to $85"): each has its unit.
    ("Brent rose $2 to $85 a barrel.", "Brent rose two dollars to eighty-five dollars a barrel."),
    (
        "It fell from $4bn to $3.5bn.",
        "It fell from four billion dollars to three point five billion dollars.",
    ),
    ("Tickets cost £15-£20.", "Tickets cost fifteen to twenty pounds."),
    # Times.
    ("The meeting starts at 6 p.m. sharp.", "The meeting starts at six p-m sharp."),
    ("Flights resume at 18:00 GMT.", "Flights resume at eighteen hundred G M T."),
    ("We meet at 9:05 am.", "We meet at nine oh five a-m."),
    ("Doors open at 10:00.", "Doors open at ten o'clock."),
    ("The curfew runs 22:00-06:00.", "The curfew runs twenty-two hundred to oh six hundred."),
    ("She won in 2:01:09.", "She won in two hours, one minute and nine seconds."),
    (
        "She won in 1:56.72, he in 0:59.1.",
        "She won in one minute fifty-six point seven two seconds, he in fifty-nine point one "
        "seconds.",
    ),
    # A range of clock times each with its a.m. or p.m.; the stop after "pm" is the sentence's.
    (
        "It runs 7am-7pm. Doors open 9 a.m.-5 p.m. daily.",
        "It runs seven a-m to seven p-m. Doors open nine a-m to five p-m daily.",
    ),
    # Units.
    (
        "Cars travel at 120 km/h or 75 mph.",
        "Cars travel at one hundred and twenty kilometres per hour or seventy-five miles per hour.",
    ),
    ("It weighs 1 kg and is 30 cm long.", "It weighs one kilogram and is thirty centimetres long."),
    ("The 100m final and 5m people.", "The one hundred metre final and five million people."),
    (
        "She won the 800m in 1:56; it spent 5m in aid.",
        "She won the eight hundred metres in one fifty-six; it spent five million in aid.",
    ),
    (
        "It was -5°C and 98.6°F.",
        "It was minus five degrees Celsius and ninety-eight point six degrees Fahrenheit.",
    ),
    (
        "Fires burned 3,000 km² at 40°N.",
        "Fires burned three thousand square kilometres at forty degrees north.",
    ),
    ("A 3x rise in 24h.", "A three times rise in twenty-four hours."),
    (
        "The Dow rose 400 pts, a 400pts drop.",
        "The Dow rose four hundred points, a four hundred point drop.",
    ),
    # Fractions and signs.
    ("Half, 1/2, and 3/4 agreed.", "Half, one half, and three quarters agreed."),
    ("He ran 1 1/2 miles.", "He ran one and a half miles."),
    ("Open 24/7.", "Open twenty-four seven."),
    ("It fell to -5 overnight.", "It fell to minus five overnight."),
    ("R&D and 5+ people.", "R and D and five plus people."),
    ("A margin of +/- 3 points.", "A margin of plus or minus three points."),
    ("He is the #1 seed; No. 10 is next.", "He is the number one seed; Number ten is next."),
    # Roman numerals.
    ("Pope John Paul II visited.", "Pope John Paul the Second visited."),
    ("World War II ended in 1945.", "World War Two ended in nineteen forty-five."),
    (
        "Chapter IV describes Henry V and Louis XIV.",
        "Chapter Four describes Henry the Fifth and Louis the Fourteenth.",
    ),
    ("Elizabeth II's reign.", "Elizabeth the Second's reign."),
    ("The Artemis II crew.", "The Artemis Two crew."),
    ("Washington DC agreed.", "Washington D C agreed."),
    # Abbreviations.
    ("Mr. and Mrs. Smith met Ms. Jones.", "Mister and Missus Smith met Miz Jones."),
    ("Dr Tedros spoke.", "Doctor Tedros spoke."),
    ("He lives on Main St. in Boston.", "He lives on Main Street in Boston."),
    ("They saw St. Petersburg and St Paul's.", "They saw Saint Petersburg and Saint Paul's."),
    ("Fruit, e.g. apples, i.e. food, etc.", "Fruit, for example apples, that is food, et cetera."),
    ("It was approx. 5 km away.", "It was approximately five kilometres away."),
    ("Smith vs. Jones", "Smith versus Jones"),
    (
        "The U.S. Senate met in the U.S. The vote failed.",
        "The U S Senate met in the U S. The vote failed.",
    ),
    ("Acme Inc. said so.", "Acme Incorporated said so."),
    (
        "Apple Inc fell; Acme Ltd and HSBC Holdings plc rose.",
        "Apple Incorporated fell; Acme Limited and H S B C Holdings P L C rose.",
    ),
    ("Gen Z voters.", "Gen Z voters."),
    # Acronyms.
    (
        "The UN, US and EU met WHO officials who agreed.",
        "The U N, U S and E U met W H O officials who agreed.",
    ),
    ("UNESCO, UNICEF and UNHCR.", "Unesco, Unicef and U N H C R."),
    ("NGOs and the UN's agencies helped.", "N G O's and the U N's agencies helped."),
    ("The G7 met about COVID-19.", "The G seven met about Covid-nineteen."),
    ("MH370 and H1N1.", "M H three seventy and H one N one."),
    ("BREAKING: Leaders meet.", "Breaking: Leaders meet."),
    ("UN CHIEF URGES ACTION ON CLIMATE", "U N Chief Urges Action On Climate"),
    ("The AI boom.", "The A-I boom."),
    ("The USA is big.", "The U S A-is big."),
    ("UNCTAD and UNFCCC.", "Unctad and U N F C C C."),
    # Addresses, handles, hashtags.
    ("Write to name@un.org today.", "Write to name at U N dot org today."),
    ("See https://example.org/path?q=1.", "See example dot org slash path."),
    ("Visit bbc.co.uk/news-2021.", "Visit B B C dot co dot U K slash news dash twenty twenty-one."),
    (
        "Follow @UN_News and #BlackLivesMatter.",
        "Follow at U N News and hashtag Black Lives Matter.",
    ),
    ("Trending: #COVID19.", "Trending: hashtag Covid nineteen."),
    # Regressions.
    ("COVID-19's toll.", "Covid-nineteen's toll."),
    ("Talks start at 10 a.m. Guterres will speak.", "Talks start at ten a-m Guterres will speak."),
    (
        "The 28 June-2 July 2021 session.",
        "The twenty-eighth of June to the second of July, twenty twenty-one session.",
    ),
    # A quantity after "a"/"an" is a compound adjective: its unit stays singular.
    ("It approved a $4.2 billion budget.", "It approved a four point two billion dollar budget."),
    ("They signed an €8m deal.", "They signed an eight million euro deal."),
    ("He paid a $50 fine.", "He paid a fifty dollar fine."),
    ("A 350 km pipeline opened.", "A three hundred and fifty kilometre pipeline opened."),
    ("The fares raise $3 million a year.", "The fares raise three million dollars a year."),
]


@pytest.mark.parametrize(("text", "expected"), OWN_CASES, ids=[c[0][:40] for c in OWN_CASES])
def test_own_case(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_no_digit_survives_any_case() -> None:
    for text, _ in OWN_CASES:
        assert not re.search(r"\d", normalize(text)), text


# Lexicon entries: (lexicon, input, expected script).
LEXICON_CASES: list[tuple[dict[str, str], str, str]] = [
    # A lowercase key matches any case.
    ({"qatar": "Kuttar"}, "Qatar and QATAR and qatar.", "Kuttar and Kuttar and Kuttar."),
    # A key with capitals matches only that spelling.
    ({"Turkey": "Türkiye"}, "Turkey ate turkey.", "Türkiye ate turkey."),
    # Whole words only.
    ({"un": "you en"}, "The UN is not unusual.", "The you en is not unusual."),
    # Overrides the acronym rule; its replacement is not spelled or changed afterwards.
    ({"UNOCT": "you knock T"}, "UNOCT's head.", "you knock T's head."),
    # A Piper phoneme entry keeps its word as written (apply_phonemes puts the phonemes in
    # when it is spoken), even a word another rule would have spelled out.
    ({"Guterres": "[[ ɡuˈtɛʁɨʃ ]]"}, "Mr. Guterres spoke.", "Mister Guterres spoke."),
    ({"UNOCT": "[[ juːnˈɑkt ]]"}, "UNOCT met the UN.", "UNOCT met the U N."),
    # Applied after web addresses are read, so a key does not break a domain name.
    ({"who": "hoo"}, "Who read www.who.int?", "hoo read w w w dot W H O dot int?"),
    # The longer key wins.
    ({"New": "Noo", "New York": "Noo Yawk"}, "New York and New Delhi.", "Noo Yawk and Noo Delhi."),
]


@pytest.mark.parametrize(("lexicon", "text", "expected"), LEXICON_CASES)
def test_lexicon(lexicon: dict[str, str], text: str, expected: str) -> None:
    assert normalize(text, lexicon=lexicon) == expected


def test_empty_lexicon_changes_nothing() -> None:
    assert normalize("The UN met.", lexicon={}) == normalize("The UN met.")


# Phoneme entries applied to the spoken text: (entries, script sentence, text for the engine).
PHONEME_CASES: list[tuple[dict[str, str], str, str]] = [
    ({"Guterres": "[[ ɡuːtˈɛɹɛʃ ]]"}, "Mister Guterres spoke.", "Mister [[ ɡuːtˈɛɹɛʃ ]] spoke."),
    # A lowercase key matches any case; a key with capitals only that spelling.
    ({"qatar": "[[ kˈʌtɑː ]]"}, "Qatar, QATAR.", "[[ kˈʌtɑː ]], [[ kˈʌtɑː ]]."),
    ({"Turkey": "[[ tˈɜːki ]]"}, "Turkey ate turkey.", "[[ tˈɜːki ]] ate turkey."),
    # Whole words only; respellings are left alone (they are in the script already).
    (
        {"Guterres": "[[ ɡuːtˈɛɹɛʃ ]]", "Kluge": "Klooga"},
        "Guterresian Kluge met Guterres's aide.",
        "Guterresian Kluge met [[ ɡuːtˈɛɹɛʃ ]]'s aide.",
    ),
    ({}, "Mister Guterres spoke.", "Mister Guterres spoke."),
]


@pytest.mark.parametrize(("entries", "text", "expected"), PHONEME_CASES)
def test_apply_phonemes(entries: dict[str, str], text: str, expected: str) -> None:
    assert apply_phonemes(text, entries) == expected


def test_script_then_phonemes_reach_the_word() -> None:
    lexicon = {"UNOCT": "[[ juːnˈɑkt ]]", "guterres": "[[ ɡuːtˈɛɹɛʃ ]]", "Kluge": "Klooga"}
    script = normalize("GUTERRES and UNOCT met Kluge.", lexicon=lexicon)
    assert script == "GUTERRES and UNOCT met Klooga."
    assert apply_phonemes(script, lexicon) == "[[ ɡuːtˈɛɹɛʃ ]] and [[ juːnˈɑkt ]] met Klooga."
    assert phonemes_used(script, lexicon) == {
        "UNOCT": "[[ juːnˈɑkt ]]",
        "guterres": "[[ ɡuːtˈɛɹɛʃ ]]",
    }


# Other languages: plain integers through num2words when it knows the language.
OTHER_LANGUAGE_CASES: list[tuple[str, str, str]] = [
    ("de", "Es kamen 147 Staaten.", "Es kamen einhundertsiebenundvierzig Staaten."),
    ("fr", "Il y avait 21 pays.", "Il y avait vingt et un pays."),
    ("es-ES", "Hubo 3 reuniones.", "Hubo tres reuniones."),
    # Separators mean different things in different languages: German has a decimal comma.
    ("de", "Es waren 4,8 Prozent.", "Es waren vier Komma acht Prozent."),
    # A language num2words does not know: left as written.
    ("xx", "Il y a 21 pays.", "Il y a 21 pays."),
    # English rules (a.m., acronyms) are not applied to other languages.
    ("de", "Die UN tagte.", "Die UN tagte."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), OTHER_LANGUAGE_CASES)
def test_other_language(lang: str, text: str, expected: str) -> None:
    assert normalize(text, lang=lang) == expected


@pytest.mark.parametrize("lang", ["en", "en-GB", "en_US", "EN"])
def test_english_variants_get_english_rules(lang: str) -> None:
    assert normalize("The UN met on 2 July.", lang=lang) == ("The U N met on the second of July.")


def test_whitespace_only_gives_empty_script() -> None:
    assert normalize("  \n ") == ""


def test_five_kilobyte_text_is_normalized_without_digits() -> None:
    paragraph = " ".join(text for text, _ in OWN_CASES) + " " + " ".join(r[1] for r in SHARED)
    text = "\n\n".join([paragraph] * (5000 // len(paragraph) + 1))
    assert len(text.encode("utf-8")) >= 5000
    script = normalize(text)
    assert not re.search(r"\d", script)
    assert script.count("\n\n") == text.count("\n\n")


def test_docstring_example() -> None:
    failed, attempted = doctest.testmod(normalize_module)
    assert attempted >= 1
    assert failed == 0


@pytest.mark.parametrize(
    ("texts", "spoken"),
    [
        # a title, and the body with an article before the amount
        (
            ["City council approves $4.2 billion budget", "It approved a $4.2 billion budget."],
            "four point two billion dollar budget",
        ),
        (["$5 million fund opens", "A $5 million fund opened."], "five million dollar fund"),
        (["The 350 km pipeline", "A 350 km pipeline opened."], "fifty kilometre pipeline"),
        # written every way, a.m. and p.m. come out alike
        (["At 1:30 a.m. it ended.", "At 1:30 am it ended.", "At 1:30 AM it ended."], "thirty a-m"),
        (["At 6 p.m. it ended.", "At 6 pm it ended.", "At 6 PM it ended."], "six p-m"),
    ],
)
def test_one_spoken_form_everywhere(texts: list[str], spoken: str) -> None:
    """Spoken forms disagreed within one article: "dollars budget" in the title, "dollar budget"
    in the body; "a-m" beside "p m"."""
    for text in texts:
        assert spoken in normalize(text).lower(), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fares raise $3 million a year.", "three million dollars a year"),
        ("$5 million were set aside.", "five million dollars were set aside"),
        ("It cost $5 million.", "five million dollars."),
        ("$12.5 million for repairs", "twelve point five million dollars for repairs"),
        ("$2 million earmarked for schools", "two million dollars earmarked"),
        ("It is 5 km away.", "five kilometres away"),
    ],
)
def test_amounts_that_qualify_nothing_stay_plural(text: str, expected: str) -> None:
    assert expected in normalize(text).lower()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "The UN met on 2 July 2021.",
            [
                ("date", "2 July 2021.", "the second of July, twenty twenty-one."),
                ("acronym", "UN", "U N"),
            ],
        ),
        ("It cost $4.2 billion.", [("money", "$4.2 billion.", "four point two billion dollars.")]),
        (
            "Dr. Kluge spoke at 1:30 a.m.",
            [("time", "1:30 a.m.", "one thirty a-m."), ("abbreviation", "Dr.", "Doctor")],
        ),
        ("Nothing to change here.", []),
    ],
)
def test_conversions_list_what_normalize_changed(
    text: str, found: list[tuple[str, str, str]]
) -> None:
    from audiogen.text.normalize import conversions

    assert [(c.rule, c.before, c.after) for c in conversions(text)] == found


def test_conversions_leave_normalize_unchanged() -> None:
    from audiogen.text.normalize import conversions

    for _, text, _ in read_shared_cases(SHARED_CASES):
        before = normalize(text)
        assert conversions(text) or before == text.strip()
        assert normalize(text) == before


# Families found on sentences the normalizer had not seen: input, language, the exact script.
NEWS_FAMILIES: list[tuple[str, str, str]] = [
    # Phone numbers: digit by digit, group by group.
    (
        "Call +44 20 7946 0958 for details.",
        "en",
        "Call plus four four, two zero, seven nine four six, zero nine five eight for details.",
    ),
    ("Call (212) 555-0199.", "en", "Call two one two, five five five, zero one nine nine."),
    (
        "The hotline: 0800 123 4567.",
        "en",
        "The hotline: zero eight zero zero, one two three, four five six seven.",
    ),
    ("Call 555-0199 today.", "en", "Call five five five, zero one nine nine today."),
    # A British number after its leading zero, with no word announcing it.
    (
        "Ring Crimestoppers on 0800 555 111 or 07700 900123.",
        "en",
        "Ring Crimestoppers on zero eight zero zero, five five five, one one one or zero seven "
        "seven zero zero, nine zero zero one two three.",
    ),
    ("Sales rose from 1990-2000.", "en", "Sales rose from nineteen ninety to two thousand."),
    ("Call 10 17 times.", "en", "Call ten seventeen times."),  # too short for a phone number
    # Emergency and help lines, after a word for calling or before "call", "line".
    (
        "He called 999; dial 911, a 999 call, 911 dispatchers.",
        "en",
        "He called nine nine nine; dial nine one one, a nine nine nine call, nine one one "
        "dispatchers.",
    ),
    (
        "They call 111 witnesses; 999 staff.",
        "en",
        "They call one hundred and eleven witnesses; nine hundred and ninety-nine staff.",
    ),
    # Numeric dates: day first, month first for US English; a day over 12 settles it.
    (
        "Born on 29/02/1996 in Leeds.",
        "en",
        "Born on the twenty-ninth of February, nineteen ninety-six in Leeds.",
    ),
    ("Due 03/04/2024.", "en-GB", "Due the third of April, twenty twenty-four."),
    ("Due 03/04/2024.", "en-US", "Due March fourth, twenty twenty-four."),
    ("Filed 12/31/2024.", "en", "Filed the thirty-first of December, twenty twenty-four."),
    # no such day: read as written
    ("Filed 29/02/2023.", "en", "Filed twenty-nine slash zero two slash twenty twenty-three."),
    # Without a year, a word before it makes it a date; else a slash between figures is a fraction.
    ("The offer ends on 31/12.", "en", "The offer ends on the thirty-first of December."),
    ("The offer ends on 12/31.", "en", "The offer ends on the thirty-first of December."),
    ("Pay by 3/4 at noon.", "en-GB", "Pay by the third of April at noon."),
    ("Pay by 3/4 at noon.", "en-US", "Pay by March fourth at noon."),
    ("Shut until 12/31.", "en-US", "Shut until December thirty-first."),
    ("About 2/3 of voters agreed.", "en", "About two thirds of voters agreed."),
    ("It fell on 2/30.", "en", "It fell on two slash thirty."),  # no such day
    # Vulgar fractions.
    ("About ½ of voters agreed.", "en", "About half of voters agreed."),
    ("Nearly ¾ of staff left.", "en", "Nearly three quarters of staff left."),
    ("It took 2½ hours.", "en", "It took two and a half hours."),
    ("Add ⅓ of the flour.", "en", "Add a third of the flour."),
    # Abbreviations with a full stop.
    ("See Vol. 3 of the report.", "en", "See Volume three of the report."),
    ("The vote is on Fri. 3 May.", "en", "The vote is on Friday the third of May."),
    ("It opens Thurs., May 2.", "en", "It opens Thursday, May second."),
    ("The vote is on Wed.", "en", "The vote is on Wednesday."),
    ("Nos. 4 and 5 were sold.", "en", "Numbers four and five were sold."),
    ("The UK's Nos 1 and 2 met.", "en", "The U K's numbers one and two met."),
    ("She read The Sun. It sat.", "en", "She read The Sun. It sat."),  # not weekdays
    # A unit after a scale word.
    ("It is 6.4 billion km away.", "en", "It is six point four billion kilometres away."),
    ("They sold 2 million kg of rice.", "en", "They sold two million kilograms of rice."),
    (
        "Output fell to 9.5m bpd, 3k km away.",
        "en",
        "Output fell to nine point five million barrels per day, three thousand kilometres away.",
    ),
    # Mixed-case acronyms: every letter said.
    ("The mRNA vaccines work.", "en", "The M R N A-vaccines work."),
    ("It measures eGFR daily.", "en", "It measures E G F R daily."),
    ("The iPhone sold well.", "en", "The iPhone sold well."),  # a brand, not letters
    # Season and fiscal ranges with a slash.
    ("The 2022/23 season ended.", "en", "The twenty twenty-two to twenty-three season ended."),
    (
        "In fiscal 2022/2023 profits rose.",
        "en",
        "In fiscal twenty twenty-two to twenty twenty-three profits rose.",
    ),
    ("The 1999/00 season ended.", "en", "The nineteen ninety-nine to two thousand season ended."),
    # no season: the years do not follow each other
    ("The 2022/25 plan.", "en", "The two thousand and twenty-two slash twenty-five plan."),
    # A temperature without its degree sign, as British and wire copy write it.
    (
        "Highs of 35C, then -10C; 2.7C of warming, not 1.5C.",
        "en",
        "Highs of thirty-five degrees Celsius, then minus ten degrees Celsius; two point seven "
        "degrees Celsius of warming, not one point five degrees Celsius.",
    ),
    (
        "It was 20-25C, or 95F.",
        "en",
        "It was twenty to twenty-five degrees Celsius, or ninety-five degrees Fahrenheit.",
    ),
    # a seat, a room, a grade, a jet: no temperature
    (
        "Seat 14C, Room 12F and the F-35C.",
        "en",
        "Seat fourteen C, Room twelve F and the F-thirty-five C.",
    ),
    # The wire's 24-hour clock without a colon, before a time zone.
    (
        "Talks resumed at 1430 GMT (0930 ET) and ended at 2100BST.",
        "en",
        "Talks resumed at fourteen thirty G M T (oh nine thirty E T) and ended at twenty-one "
        "hundred B S T.",
    ),
    ("It has 1430 staff.", "en", "It has one thousand four hundred and thirty staff."),
    # A year before "levels", "figures" is one whatever comes before it; a count stays a count.
    (
        "Compared with 2010 figures, in 2021 terms.",
        "en",
        "Compared with twenty ten figures, in twenty twenty-one terms.",
    ),
    ("About 2000 levels were built.", "en", "About two thousand levels were built."),
    (
        "The Paris 2024 Games; he played 2019 games.",
        "en",
        "The Paris twenty twenty-four Games; he played two thousand and nineteen games.",
    ),
    ("Revenue in H1 2024 rose.", "en", "Revenue in H one twenty twenty-four rose."),
    # A season or a fiscal year is one after a word that makes other figures a count.
    (
        "About 1998-99 it peaked; the 1999-00 season.",
        "en",
        "About nineteen ninety-eight to ninety-nine it peaked; the nineteen ninety-nine to two "
        "thousand season.",
    ),
    (
        "Read pages 1998-99.",
        "en",
        "Read pages one thousand nine hundred and ninety-eight to ninety-nine.",
    ),
    # Round hundreds and thousands in the plural.
    (
        "It cut 1,000s of jobs as 100s and 10,000s protested.",
        "en",
        "It cut thousands of jobs as hundreds and tens of thousands protested.",
    ),
    ("In the 1900s and 2000s.", "en", "In the nineteen hundreds and two thousands."),
    # Tennis sets in a row are scores; a cue before the winner's opponent makes one too.
    (
        "Djokovic beat Carlos Alcaraz 6-4, 7-6 (7-4); Sinner won 6-3, 6-0.",
        "en",
        "Djokovic beat Carlos Alcaraz six four, seven six (seven four); Sinner won six three, "
        "six love.",
    ),
    ("City beat Manchester United 3-0.", "en", "City beat Manchester United three nil."),
    # not sets, and a range of points
    ("Children aged 6-7, 8-9 came.", "en", "Children aged six to seven, eight to nine came."),
    ("They lead Labour 10-15 points.", "en", "They lead Labour ten to fifteen points."),
    # "St." is a street right after a name, a saint after a sentence's end or a comma.
    (
        "They met Sir John Bell. St. Louis was hit; in Missouri, St. Louis too.",
        "en",
        "They met Sir John Bell. Saint Louis was hit; in Missouri, Saint Louis too.",
    ),
    ("Downing St said so.", "en", "Downing Street said so."),
    (
        "He lives on West 57th St near 42nd St. Station.",
        "en",
        "He lives on West fifty-seventh Street near forty-second Street Station.",
    ),
    # The 737 MAX is a model and a name: not "M A X", not "maximum", not a count.
    (
        "The Boeing 737 MAX 9 was grounded, like the 737 MAX.",
        "en",
        "The Boeing seven thirty-seven Max nine was grounded, like the seven thirty-seven Max.",
    ),
    ("The max. speed is 250 Max.", "en", "The maximum speed is two hundred and fifty Max."),
    # Inches against their figure; "in" alone is the word.
    (
        "She is 5ft 6in tall; 2in of rain fell on a 55in TV.",
        "en",
        "She is five feet six inches tall; two inches of rain fell on a fifty-five inch T V.",
    ),
    ("The report of 2019 in Geneva.", "en", "The report of twenty nineteen in Geneva."),
    # "st" after a figure whose ordinal is not "-st" is a weight in stone.
    (
        "He weighs 14st 7lb; the 11st jockey came 21st and 101st.",
        "en",
        "He weighs fourteen stone seven pounds; the eleven stone jockey came twenty-first and "
        "one hundred and first.",
    ),
    # a decimal before letters is one token, not "2." and a code
    ("Version 2.1b shipped.", "en", "Version two point one B shipped."),
]


@pytest.mark.parametrize(
    ("text", "lang", "expected"), NEWS_FAMILIES, ids=[c[0][:40] for c in NEWS_FAMILIES]
)
def test_news_families(text: str, lang: str, expected: str) -> None:
    assert normalize(text, lang) == expected


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Great news 🙂 today ☀️.", "Great news today."),
        ("Family 👨‍👩‍👧 reunited.", "Family reunited."),
        ("Checked ✔ and done.", "Checked and done."),
    ],
)
def test_emoji_are_not_read(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_sentence_with_nothing_to_say_is_left_out() -> None:
    """An emoji alone made an engine return no audio and failed the article."""
    from audiogen.text.script import speak_block

    assert speak_block("Thanks! 🙂 See you. — ", "en") == [
        ["Thanks!", "Thanks!"],
        ["🙂 See you.", "See you."],
    ]
    assert speak_block("🙂", "en") == []
