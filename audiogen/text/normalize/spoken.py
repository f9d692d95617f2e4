"""Table data for the speech normalizer (the ``normalize`` package): plain dicts and sets.

Everything here is data, no logic, so that a new abbreviation, unit or acronym is a one-line
change that needs no regular expression. Spellings are British (metre, per cent), as in the
newsroom style the normalizer follows; the voice says them the same either way.
"""

from __future__ import annotations

# The tables are laid out by hand, several short entries a line, to be read as tables.
# fmt: off

DIGIT_NAMES: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
)

# Full month names, and the news abbreviations of them (used only next to a day or a year,
# where "Mar" or "May" cannot be anything else).
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTH_ABBREVIATIONS: dict[str, str] = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April",
    "Jun": "June", "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September",
    "Oct": "October", "Nov": "November", "Dec": "December",
}

# Weekdays abbreviated with a full stop ("Fri. 3 May"), read in full before a date or after "on".
WEEKDAYS: dict[str, str] = {
    "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday",
    "Thu": "Thursday", "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday",
    "Sat": "Saturday", "Sun": "Sunday",
}  # fmt: skip

# Currency signs and codes written before (or codes after) an amount:
# sign -> (unit, units, subunit, subunits); an empty subunit means none (the yen).
CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AU$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CA$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "R$": ("real", "reais", "centavo", "centavos"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", "", ""),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "₽": ("rouble", "roubles", "kopek", "kopeks"),
    "₺": ("lira", "lira", "kuruş", "kuruş"),
    "₱": ("peso", "pesos", "centavo", "centavos"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "USD": ("US dollar", "US dollars", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "JPY": ("yen", "yen", "", ""),
    "CNY": ("yuan", "yuan", "", ""),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
}
# Codes are letters, so they count only where they stand next to an amount.
CURRENCY_CODES: frozenset[str] = frozenset(k for k in CURRENCIES if k.isalpha())

# Scale words written after an amount: "$2.3bn", "£5m", "$40k", "2.3 billion".
MULTIPLIERS: dict[str, str] = {
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
    "k": "thousand", "m": "million", "mn": "million", "mln": "million",
    "b": "billion", "bn": "billion", "tn": "trillion", "trn": "trillion",
}

# Units written after a number: symbol -> (singular, plural). Case matters ("MB" is not "mb").
# Left out on purpose: "t", "l", "s", which are ordinary words or letters too often ("in" only
# against its figure: "6ft 2in").
UNITS: dict[str, tuple[str, str]] = {
    "km/h": ("kilometre per hour", "kilometres per hour"),
    "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "m/s": ("metre per second", "metres per second"),
    "km²": ("square kilometre", "square kilometres"),
    "km2": ("square kilometre", "square kilometres"),
    "sq km": ("square kilometre", "square kilometres"),
    "m²": ("square metre", "square metres"),
    "m2": ("square metre", "square metres"),
    "m³": ("cubic metre", "cubic metres"),
    "m3": ("cubic metre", "cubic metres"),
    "km": ("kilometre", "kilometres"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
    "m": ("metre", "metres"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"), "in": ("inch", "inches"),
    "kg": ("kilogram", "kilograms"),
    "mg": ("milligram", "milligrams"),
    "g": ("gram", "grams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "ha": ("hectare", "hectares"),
    "ml": ("millilitre", "millilitres"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "TWh": ("terawatt hour", "terawatt hours"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "Gt": ("gigatonne", "gigatonnes"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"),
    "bpd": ("barrel per day", "barrels per day"),
    "bps": ("basis point", "basis points"), "pts": ("point", "points"),
    "hrs": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "h": ("hour", "hours"),
    "mins": ("minute", "minutes"),
    "min": ("minute", "minutes"),
    "secs": ("second", "seconds"),
    "sec": ("second", "seconds"),
    "yrs": ("year", "years"),
    "x": ("times", "times"),
}
# Units that count only when written against the number ("24h", "3x"): with a space they
# are too often a letter or a word of their own.
ATTACHED_ONLY_UNITS: frozenset[str] = frozenset({"h", "x", "g", "m", "in"})

# Degree signs: the masculine ordinal "º" is a common typo for "°".
# Words after an amount that show it is not a compound adjective ("$3 million a year", "$5 million
# were set aside", "5 km from"): any other lower-case word is the noun it qualifies ("a $4.2
# billion budget", "$4.2 billion budget", "the 100m final"), and its unit stays singular.
NOT_QUALIFIED: frozenset[str] = frozenset("""
    a an the and or but nor of in on at to for from by with into onto over under than per
    about after before since until across through within without between among against
    toward towards up down off out so as if that this these those which who whose when where
    while is are was were be been being am has have had do does did will would shall should
    can could may might must not each every more less apiece annually yearly monthly weekly
    daily overall total altogether went came rose fell grew left stood remained say says said
    go goes come comes rise rises fall falls grow grows remain remains stay stays stayed
    away apart ago long wide high deep tall old short ahead behind back below above higher
    lower closer further farther worth plus yesterday today tomorrow now then last next
    earlier later instead too also only just already still again
    """.split())
TEMPERATURE_SCALES: dict[str, str] = {"C": "Celsius", "F": "Fahrenheit"}
COMPASS_POINTS: dict[str, str] = {"N": "north", "S": "south", "E": "east", "W": "west"}

# Time zones said letter by letter after a clock time; "hrs" is said "hours".
TIME_ZONES: frozenset[str] = frozenset({
    "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "EST", "EDT", "CST", "CDT", "MST", "MDT",
    "PST", "PDT", "ET", "PT", "IST", "JST", "AEST", "AEDT", "WAT", "EAT", "CAT", "SAST",
})

# Abbreviations before a name: always expanded when they have a full stop, and without one
# only when a capitalized name follows (British style writes "Mr Voronkov").
TITLES: dict[str, str] = {
    "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Dr": "Doctor", "Prof": "Professor",
    "Gen": "General", "Lt": "Lieutenant", "Col": "Colonel", "Capt": "Captain",
    "Sgt": "Sergeant", "Cpl": "Corporal", "Maj": "Major", "Adm": "Admiral", "Brig": "Brigadier",
    "Gov": "Governor", "Sen": "Senator", "Rep": "Representative", "Rev": "Reverend",
    "Hon": "Honourable", "Pres": "President", "Supt": "Superintendent", "Insp": "Inspector",
    "Fr": "Father", "Sr": "Senior", "Jr": "Junior", "Mt": "Mount", "Ft": "Fort", "St": "Saint",
}
# Titles expanded without a full stop too, before a capitalized name ("Mr Voronkov",
# "St Paul's"); "Gen Z" shows why the others need the stop.
TITLES_NO_DOT: frozenset[str] = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt"})
# Titles expanded at a full stop even when no name follows ("Mr. and Mrs. Smith").
TITLES_ALWAYS: frozenset[str] = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof"})
# "Sr"/"Jr" follow a name rather than precede one.
NAME_SUFFIXES: frozenset[str] = frozenset({"Jr", "Sr"})

# Abbreviations with a full stop, expanded anywhere (case of the first letter kept).
ABBREVIATIONS: dict[str, str] = {
    "approx": "approximately", "etc": "et cetera", "vs": "versus", "cf": "compare",
    "viz": "namely", "incl": "including", "excl": "excluding", "dept": "department",
    "govt": "government", "avg": "average", "max": "maximum",
    "Inc": "Incorporated", "Ltd": "Limited", "Corp": "Corporation", "Bros": "Brothers",
    "Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Sq": "Square",
}
# a.m. and p.m., however written: one spelling for both, the letters hyphen-joined ("a m" would
# be read "uh m", see the package doc; "p-m" then reads as "a-m" does).
MERIDIEM: dict[str, str] = {"a": "a-m", "p": "p-m"}
# Dotted abbreviations written as letters and stops: said as words, not spelled.
DOTTED_ABBREVIATIONS: dict[str, str] = {
    "e.g.": "for example", "i.e.": "that is", "a.k.a.": "also known as",
    "et al.": "et al", "a.m.": MERIDIEM["a"], "p.m.": MERIDIEM["p"],
    "Ph.D.": "P H D", "PhD": "P H D",
    "int'l": "international",
}
# Abbreviations that stand for a word only before a number: "No. 5", "p. 12", "c. 1900".
NUMBER_ABBREVIATIONS: dict[str, str] = {
    "no": "number", "nos": "numbers", "p": "page", "pp": "pages", "para": "paragraph",
    "paras": "paragraphs", "art": "article", "vol": "volume", "ch": "chapter", "fig": "figure",
    "c": "circa", "ca": "circa", "ref": "reference", "tel": "telephone",
}

# Words that start a sentence often enough to mean that an abbreviation's full stop before
# them ends the sentence too ("... in the U.S. The report ...", but "the U.S. Senate").
SENTENCE_STARTERS: frozenset[str] = frozenset({
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "In", "On", "At", "For", "But", "And", "Or", "So",
    "Yet", "If", "When", "While", "After", "Before", "As", "Since", "There", "Here", "Some",
    "Many", "Most", "All", "No", "One", "Two", "Three", "Meanwhile", "However", "Also",
    "According", "Last", "Next", "Earlier", "Later", "Then", "Now", "Today", "Yesterday",
})

# Acronyms said as words: written in title case so that the phonemizer reads them whole.
WORD_ACRONYMS: frozenset[str] = frozenset({
    "NATO", "UNESCO", "UNICEF", "COVID", "NASA", "OPEC", "FIFA", "UEFA", "AIDS", "SARS", "MERS",
    "ASEAN", "NAFTA", "ECOWAS", "MERCOSUR", "CARICOM", "APEC", "BRICS", "OCHA", "UNEP", "UNIDO",
    "UNOPS", "UNITAR", "UNICRI", "UNCTAD", "UNIFIL", "UNAMA", "UNAMI", "UNAMID", "UNMIK",
    "UNMISS", "UNSOM", "UNSMIL", "UNOWAS", "UNRWA", "UNITAID", "MINUSMA", "MONUSCO", "MINUSCA",
    "MINURSO", "AMISOM", "ATMIS", "NEPAD", "COMESA", "SADC", "ECOSOC", "ESCAP", "ESCWA",
    "ECLAC", "IRENA", "IFAD", "WIPO", "GAVI", "CEPI", "COP", "SIDS", "INTERPOL", "EUROPOL",
    "FRONTEX", "CERN", "NOAA", "FEMA", "OSHA", "ICE", "ISIS", "ISIL", "FARC", "HAMAS",
    "SWIFT", "LASER", "RADAR", "SCUBA", "NIMBY", "NASDAQ", "DAX", "SWAT", "IKEA", "LEGO",
    "MPOX", "EBOLA", "JAXA", "ISRO", "SEATO", "UNITA", "SWAPO", "PEN", "PIN", "RAM", "ROM", "MAX",
})

# Acronyms said partly as letters and partly as words, or respelled.
SAID_AS: dict[str, str] = {
    "UNAIDS": "U N Aids", "UNOCHA": "U N Ocha", "IGAD": "Eye gad", "FTSE": "Footsie",
    "JPEG": "Jay peg", "OK": "okay", "UNHABITAT": "U N Habitat", "UNWOMEN": "U N Women",
}

# All-caps words in headlines and datelines that are ordinary words, not acronyms
# ("BREAKING:", "WATCH:", "NEW YORK (AP)"). Ambiguous ones (US, IT, WHO) are left out.
HEADLINE_WORDS: frozenset[str] = frozenset({
    "BREAKING", "NEWS", "UPDATE", "UPDATED", "LIVE", "WATCH", "VIDEO", "PHOTO", "PHOTOS",
    "EXCLUSIVE", "OPINION", "ANALYSIS", "EDITORIAL", "CORRECTION", "NOTE", "WARNING",
    "URGENT", "ALERT", "READ", "MORE", "LISTEN", "NEW", "YORK", "SPECIAL", "REPORT", "FACT",
    "CHECK", "FEATURE", "INTERVIEW", "SOURCE", "SOURCES", "WASHINGTON", "LONDON", "GENEVA",
    "PARIS", "NAIROBI", "VIENNA", "BRUSSELS", "BEIJING", "MOSCOW", "ROME", "TOKYO", "DELHI",
})

# Short English words that may appear in a headline written all in capitals. Only used when
# most of the text is capitals, because alone "US", "IT" or "WHO" are far likelier acronyms.
COMMON_CAPS_WORDS: frozenset[str] = frozenset({
    "A", "AN", "THE", "OF", "TO", "IN", "ON", "AT", "BY", "FOR", "FROM", "WITH", "AND", "OR",
    "BUT", "NOT", "NO", "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "HAS", "HAVE", "HAD", "DO",
    "DOES", "DID", "AS", "IT", "ITS", "HE", "SHE", "WE", "US", "YOU", "THEY", "HIS", "HER",
    "OUR", "WHO", "WHY", "HOW", "WHAT", "NEW", "OLD", "BIG", "TOP", "OUT", "UP", "OFF", "OVER",
    "ALL", "NOW", "ONE", "TWO", "SAY", "SAYS", "SET", "GET", "GETS", "KEY", "CUT", "CUTS",
    "WAR", "MAN", "MEN", "DAY", "YEAR", "LAW", "BAN", "HIT", "HITS", "WIN", "WINS",
})

# A word before a Roman numeral that makes it a cardinal ("World War Two", "Chapter Four");
# after any other capitalized name it is a regnal ordinal ("Elizabeth the Second").
ROMAN_CARDINAL_CONTEXT: frozenset[str] = frozenset({
    "war", "chapter", "part", "phase", "act", "article", "section", "volume", "vol", "title",
    "book", "stage", "type", "class", "category", "grade", "level", "round", "schedule",
    "annex", "appendix", "protocol", "vatican", "bowl", "apollo", "gemini", "episode",
    "series", "mark", "mk", "tier", "league", "division", "pillar", "scene", "canto", "psalm",
    "plan", "rocky", "final", "fantasy", "olympiad", "congress", "convention", "artemis",
})
# Names that take a single-letter numeral ("Henry V", "Charles I"); longer numerals
# ("Louis XIV") are read after any capitalized name.
REGNAL_NAMES: frozenset[str] = frozenset({
    "Elizabeth", "Charles", "Henry", "George", "Edward", "William", "James", "Louis", "John",
    "Paul", "Benedict", "Pius", "Leo", "Gregory", "Richard", "Mary", "Victoria", "Napoleon",
    "Philip", "Felipe", "Juan", "Carlos", "Frederick", "Friedrich", "Wilhelm", "Peter",
    "Catherine", "Nicholas", "Alexander", "Ivan", "Innocent", "Clement", "Urban", "Francis",
    "Harald", "Olav", "Gustaf", "Carl", "Margrethe", "Albert", "Baudouin", "Rainier", "Hussein",
    "Abdullah", "Mohammed", "Akihito", "Constantine", "Ferdinand", "Isabella", "Anne", "Stephen",
    "Sixtus", "Boniface", "Celestine", "Martin", "Honorius", "Rama", "Bhumibol", "Haakon",
})
# Capitalized words that are not names, so a numeral after them is not regnal.
ROMAN_NOT_A_NAME: frozenset[str] = frozenset({
    "The", "A", "An", "In", "On", "At", "Of", "And", "Or", "But", "For", "To", "By", "With",
    "From", "As", "If", "So", "This", "That", "It", "He", "She", "We", "They", "I",
})

# Numbers written with a slash that are names, not fractions.
SLASH_NUMBERS: dict[str, str] = {
    "24/7": "twenty-four seven", "9/11": "nine eleven", "7/7": "seven seven",
    "50/50": "fifty-fifty", "20/20": "twenty-twenty",
}
# Vulgar fraction characters: character -> (numerator, denominator).
VULGAR_FRACTIONS: dict[str, tuple[int, int]] = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
    "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8),
    "⅞": (7, 8), "⅐": (1, 7), "⅑": (1, 9), "⅒": (1, 10),
}  # fmt: skip
# Denominators read as fractions: n -> (singular, plural).
FRACTION_DENOMINATORS: dict[int, tuple[str, str]] = {
    2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"),
    5: ("fifth", "fifths"), 6: ("sixth", "sixths"), 7: ("seventh", "sevenths"),
    8: ("eighth", "eighths"), 9: ("ninth", "ninths"), 10: ("tenth", "tenths"),
    12: ("twelfth", "twelfths"), 16: ("sixteenth", "sixteenths"),
}

# Context for a four-digit number between 1000 and 2099: a year or a quantity?
# A word right before it that makes it a year ("in 2018", "since 1990", "mid-2021").
YEAR_CUES_BEFORE: frozenset[str] = frozenset({
    "in", "since", "by", "until", "till", "during", "before", "after", "year", "early", "mid",
    "late", "spring", "summer", "autumn", "fall", "winter", "circa", "c", "ca", "through",
    "pre", "post", "class", "vintage", "fiscal", "budget", "season", "census",
})
# Determiners before a number and a plural noun make it a year when it is a modern one
# ("the 2021 elections"), but a count otherwise ("a total of 2021 participants").
YEAR_DETERMINERS: frozenset[str] = frozenset({
    "the", "this", "that", "its", "his", "her", "their", "our", "last", "next",
})
# Plural nouns after a number that make it a year whatever comes before ("from 1990 levels",
# "the Paris 2024 Games"); one with a capital matches only as written ("played 2000 games").
YEAR_NOUNS_AFTER: frozenset[str] = frozenset(
    "levels figures prices terms highs lows Games Olympics Paralympics Championships".split())
# A word right before the number that makes it a quantity ("almost 2000").
QUANTITY_CUES_BEFORE: frozenset[str] = frozenset({
    "about", "almost", "nearly", "over", "under", "some", "approximately", "roughly", "around",
    "than", "least", "most", "only", "just", "exactly", "total", "estimated", "another",
    "additional", "extra", "up", "plus", "minus", "times", "page", "pages", "number", "numbers",
    "no", "room", "flight", "route", "resolution", "bus", "gate", "platform",
})
# Numbers after these are identifiers read in pairs like a year ("flight 1549"), so the
# quantity cue above only stops the cardinal-versus-year guess; the pair reading wins.
PAIR_READ_CUES: frozenset[str] = frozenset({
    "room", "flight", "route", "resolution", "bus", "gate", "platform", "boeing", "airbus",
})
# Names after a model number that make it one too ("the 737 MAX", "the 787 Dreamliner").
PAIR_READ_AFTER: frozenset[str] = frozenset({"MAX", "Dreamliner"})
# Plural nouns without an "s" ("2021 people" is a count, not a year).
IRREGULAR_PLURALS: frozenset[str] = frozenset({
    "people", "children", "men", "women", "staff", "personnel", "police", "troops", "cattle",
    "sheep", "fish", "feet", "teeth", "mice", "geese", "data", "media", "criteria",
})
# Plural-looking words that are not plural nouns and so do not make a number a quantity.
NOT_PLURAL: frozenset[str] = frozenset({
    "is", "was", "has", "does", "this", "its", "his", "as", "us", "thus", "plus", "yes", "less",
    "unless", "across", "towards", "always", "perhaps", "whereas", "besides", "news",
})

# Consonant clusters that start English words: an all-caps word that starts with another
# cluster ("NGO", "UNHCR" aside) is read as letters.
ONSETS: frozenset[str] = frozenset({
    "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gl", "gn", "gr", "kn", "kr", "ph",
    "pl", "pr", "ps", "qu", "rh", "sc", "sch", "scr", "sh", "shr", "sk", "sl", "sm", "sn", "sp",
    "sph", "spl", "spr", "squ", "st", "str", "sw", "th", "thr", "tr", "tw", "wh", "wr",
})

# Words around "3-1" that make it a sports score rather than a range.
SCORE_CUES_BEFORE: frozenset[str] = frozenset({
    "won", "win", "wins", "lost", "lose", "loses", "beat", "beats", "beaten", "defeated",
    "defeat", "drew", "draw", "draws", "trailing", "trailed", "leading", "led", "lead", "score",
    "scored", "scoreline", "thrashed", "edged", "crushed", "routed", "downed", "victory",
})
SCORE_CUES_AFTER: frozenset[str] = frozenset({
    "win", "victory", "defeat", "loss", "lead", "draw", "scoreline", "thrashing", "drubbing",
    "triumph", "home", "away", "aggregate", "penalty", "penalties", "shootout",
})

# Endings that make a bare "name.ending" a web address. Endings that are also English words
# ("it", "in", "no", "is") are left out: "www." or "https://" still marks those.
BARE_DOMAIN_ENDINGS: tuple[str, ...] = (
    "com", "org", "net", "int", "gov", "edu", "info", "io", "news", "uk", "eu", "fr", "de",
    "ch", "ca", "au", "nz", "ie", "za", "ke", "ng", "jp", "cn", "ru", "br", "es", "nl", "se",
    "tv",
)

# Domain name labels said as words, not spelled, in web and e-mail addresses.
DOMAIN_WORDS: frozenset[str] = frozenset({
    "com", "org", "net", "int", "gov", "edu", "info", "news", "biz", "mil", "co", "go",
})

# French, Spanish, German and Italian (the ``european`` passes). Each language's words a
# newsreader puts around figures: the decimal comma, "per cent", a range's "to", what joins an
# amount to its cents ("4,50 €": quatre euros cinquante, cuatro euros con cincuenta, vier Euro
# fünfzig, quattro euro e cinquanta) and what joins "million" to its unit (un million d'euros).
NUMBER_WORDS: dict[str, dict[str, str]] = {
    "fr": {"comma": "virgule", "percent": "pour cent", "to": "à", "cents": "", "of": "de"},
    "es": {"comma": "coma", "percent": "por ciento", "to": "a", "cents": "con", "of": "de"},
    "de": {"comma": "Komma", "percent": "Prozent", "to": "bis", "cents": "", "of": ""},
    "it": {"comma": "virgola", "percent": "per cento", "to": "a", "cents": "e", "of": "di"},
}
# Words for a million and more: after them a currency takes "of" (un million d'euros).
MILLIONS: frozenset[str] = frozenset({
    "million", "millions", "milliard", "milliards", "millón", "millones",
    "milione", "milioni", "miliardo", "miliardi", "millionen", "milliarde",
    "milliarden",
})
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin",
           "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio",
           "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni",
           "Juli", "August", "September", "Oktober", "November", "Dezember"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
           "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"),
}
# Currency signs and codes: sign -> (unit, units, subunit, subunits, gender: "f", else "" or
# for German "m" or "n", which "einen" and "einem" depend on).
CURRENCY_NAMES: dict[str, dict[str, tuple[str, str, str, str, str]]] = {
    "fr": {"€": ("euro", "euros", "centime", "centimes", ""),
           "$": ("dollar", "dollars", "cent", "cents", ""),
           "£": ("livre", "livres", "penny", "pence", "f")},
    "es": {"€": ("euro", "euros", "céntimo", "céntimos", ""),
           "$": ("dólar", "dólares", "centavo", "centavos", ""),
           "£": ("libra", "libras", "penique", "peniques", "f")},
    "de": {"€": ("Euro", "Euro", "Cent", "Cent", "m"),
           "$": ("Dollar", "Dollar", "Cent", "Cent", "m"),
           "£": ("Pfund", "Pfund", "Penny", "Pence", "n")},
    "it": {"€": ("euro", "euro", "centesimo", "centesimi", ""),
           "$": ("dollaro", "dollari", "centesimo", "centesimi", ""),
           "£": ("sterlina", "sterline", "penny", "pence", "f")},
}
# Abbreviated millions after a figure ("3,5 Mio. Euro"): abbreviation -> (one, several).
# "M" is a million only before a currency sign ("3 M€", "1,5 M$").
SCALE_ABBREVIATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {"M": ("million", "millions"), "Md": ("milliard", "milliards"),
           "Mds": ("milliard", "milliards"), "Mrd": ("milliard", "milliards"),
           "Mrds": ("milliard", "milliards"), "mio": ("million", "millions"),  # Swiss: mio, mrd
           "mio.": ("million", "millions"), "mrd": ("milliard", "milliards")},
    "es": {"M": ("millón", "millones"), "mill.": ("millón", "millones"),
           "mill": ("millón", "millones")},
    "de": {"M": ("Million", "Millionen"), "Mio.": ("Million", "Millionen"),
           "Mio": ("Million", "Millionen"), "Mrd.": ("Milliarde", "Milliarden"),
           "Mrd": ("Milliarde", "Milliarden"), "Md.": ("Milliarde", "Milliarden")},
    "it": {"M": ("milione", "milioni"), "mln": ("milione", "milioni"),
           "mln.": ("milione", "milioni"), "Mln": ("milione", "milioni"),
           "mld": ("miliardo", "miliardi"), "mld.": ("miliardo", "miliardi"),
           "Mld": ("miliardo", "miliardi"), "mio": ("milione", "milioni"),  # Swiss: mio, mrd
           "mio.": ("milione", "milioni"), "mrd": ("miliardo", "miliardi")},
}
# Words after which two figures and a slash are a date, not a fraction: "le 31/12", "am 31.12.",
# "dall'11/9", but "les 2/3 des voix". An elided word ends with its apostrophe.
DATE_CUES: dict[str, str] = {
    "fr": "le du au dès depuis jusqu'au avant après lundi mardi mercredi jeudi vendredi "
          "samedi dimanche",
    "es": "el del al desde hasta día antes después lunes martes miércoles jueves viernes "
          "sábado domingo",
    "de": "am vom zum bis ab seit den dem der vor nach Montag Dienstag Mittwoch "
          "Donnerstag Freitag Samstag Sonntag",
    "it": "il del al dal entro prima dopo lunedì martedì mercoledì giovedì venerdì sabato "
          "domenica l' dall' all' dell' nell' sull' l’ dall’ all’ dell’ nell’ sull’",
}
CURRENCY_CODE_SIGNS: dict[str, str] = {"EUR": "€", "USD": "$", "US$": "$", "GBP": "£"}
# German ordinals take their ending from the word before them: "am 3. Mai" is "am dritten
# Mai", "der 3. Mai" "der dritte Mai"; with no article a date is "dritter Mai".
GERMAN_ORDINAL_ENDINGS: dict[str, str] = {
    "am": "en", "vom": "en", "zum": "en", "im": "en", "beim": "en", "dem": "en", "den": "en",
    "des": "en", "einem": "en", "einen": "en", "zur": "en", "ihrem": "en", "seinem": "en",
    "der": "e", "die": "e", "das": "e",
}
# A comparison sign before a figure ("<5%", "> 100 people"), said as a newsreader says it.
COMPARISONS: dict[str, dict[str, str]] = {
    "en": {"<": "less than", ">": "more than", "≤": "at most", "≥": "at least"},
    "fr": {"<": "moins de", ">": "plus de", "≤": "au plus", "≥": "au moins"},
    "es": {"<": "menos de", ">": "más de", "≤": "como máximo", "≥": "como mínimo"},
    "de": {"<": "weniger als", ">": "mehr als", "≤": "höchstens", "≥": "mindestens"},
    "it": {"<": "meno di", ">": "più di", "≤": "al massimo", "≥": "almeno"},
}
# Feminine nouns a figure often counts in the news: "200 personas" is "doscientas personas",
# "21 personnes" "vingt et une personnes", "1 Frau" "eine Frau".
FEMININE_NOUNS: dict[str, frozenset[str]] = {
    "es": frozenset(
        "persona personas vivienda viviendas empresa empresas hora horas semana semanas "
        "tonelada toneladas plaza plazas familia familias víctima víctimas escuela escuelas "
        "cama camas mujer mujeres niña niñas vez veces casa casas calle calles ciudad "
        "ciudades muerte muertes página páginas unidad unidades obra obras hectárea hectáreas "
        "especie especies planta plantas".split()
    ),
    "fr": frozenset(
        "personne personnes heure heures semaine semaines tonne tonnes place places famille "
        "familles victime victimes école écoles femme femmes fois maison maisons ville villes "
        "entreprise entreprises page pages année années minute minutes seconde secondes "
        "voiture voitures commune communes espèce espèces".split()
    ),
    "it": frozenset(
        "persona persone ora ore settimana settimane tonnellata tonnellate famiglia famiglie "
        "vittima vittime scuola scuole donna donne volta volte casa case città azienda aziende "
        "pagina pagine".split()
    ),
    "de": frozenset(
        "Frau Person Stunde Woche Tonne Familie Schule Stadt Wohnung Firma Seite Minute "
        "Sekunde Gemeinde Art Million Milliarde".split()
    ),
}
# Words after a figure that are not what it counts ("1 de cada 3"): the figure stays as said.
NOT_COUNTED: frozenset[str] = frozenset(
    "de del y o a al en por con para sin que et ou à au aux en par pour sur e o di del della in "
    "per con su und oder bis von zu mit für auf an".split()
)
# fmt: on
