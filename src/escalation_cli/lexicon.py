"""Word lists the rules read: attack vocabulary, weapons, casualty words, cue words.

Kept apart from the code so that a reader can see, and extend, what the rules know. Entries
are lower-case lemmas unless noted. Written from the language of news reporting in general.
"""

from __future__ import annotations

# ---- incidents -------------------------------------------------------------------------------

# Nouns that name a violent event.
ATTACK_NOUNS = frozenset(
    {
        "attack",
        "strike",
        "airstrike",
        "raid",
        "bombardment",
        "bombing",
        "shelling",
        "assault",
        "targeting",
        "aggression",
        "barrage",
        "salvo",
        "ambush",
        "explosion",
        "blast",
        "interception",
        "retaliation",
        "assassination",
    }
)
# Verbs that report a violent event on their own.
ATTACK_VERBS = frozenset(
    {
        "attack",
        "strike",
        "hit",
        "target",
        "bomb",
        "shell",
        "bombard",
        "pound",
        "raid",
        "ambush",
        "assault",
        "intercept",
        "down",
        "rocket",
        "blast",
        "assassinate",
    }
)
# Verbs that report one only with a weapon as subject or object ("fired rockets", "a drone
# was launched", "drones crashed into").
WEAPON_VERBS = frozenset({"fire", "launch", "crash", "land", "explode", "impact", "slam"})
# Nouns of amount whose "of" phrase can name the weapon ("a wave of missiles").
VOLLEY_NOUNS = frozenset({"wave", "barrage", "salvo", "volley", "hail", "swarm", "dozen", "number"})
# Nouns for the places attacks hit, which a bare definite ("the base") refers back with.
INSTALLATION_NOUNS = frozenset(
    {
        "base",
        "airbase",
        "garrison",
        "outpost",
        "compound",
        "facility",
        "installation",
        "embassy",
        "consulate",
        "camp",
        "airport",
        "site",
        "complex",
    }
)
# Verbs whose subject tells about an event rather than takes part in it ("the service released
# details about the attack").
TELLING_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "state",
        "announce",
        "confirm",
        "claim",
        "release",
        "publish",
        "issue",
        "give",
        "provide",
        "detail",
        "reveal",
        "disclose",
        "describe",
        "post",
        "share",
        "deny",
        "condemn",
        "investigate",
    }
)
# Nouns of harm: "no damage to the facility or injuries to US forces" denies both.
HARM_NOUNS = frozenset(
    {"damage", "damages", "harm", "loss", "losses", "destruction", "casualty", "injury", "death"}
)
# Words that make firing a drill rather than an attack ("during a live-fire exercise").
DRILL_WORDS = frozenset(
    {"exercise", "drill", "training", "rehearsal", "demonstration", "parade", "test", "practice"}
)
# Verbs that lay an event at someone's door: "blamed Y for the attack".
BLAME_VERBS = frozenset({"blame", "accuse", "fault", "condemn", "denounce", "punish"})
# Verbs that carry an attack noun ("carried out strikes", "launched an attack").
LIGHT_VERBS = frozenset(
    {
        "carry",
        "launch",
        "conduct",
        "mount",
        "stage",
        "execute",
        "undertake",
        "perform",
        "initiate",
        "perpetrate",
        "commit",
        "orchestrate",
        "come",
        "face",
        "suffer",
        "repel",
        "thwart",
    }
)
# States that carry out strikes in the region: "US strikes", "Israeli strike" name the attacker,
# while "the Jordan attack" names the place.
STRIKING_STATES = frozenset(
    {"united_states", "israel", "iran", "russia", "turkey", "united_kingdom", "france"}
)
# Light verbs whose subject suffers the attack ("US forces came under drone attack").
UNDERGO_VERBS = frozenset({"come", "face", "suffer", "repel", "thwart", "survive", "sustain"})

# Weapon words: lemma (or lower-case phrase) -> weapon class.
WEAPON_WORDS = {
    "drone": "drone",
    "uav": "drone",
    "uavs": "drone",
    "quadcopter": "drone",
    "unmanned aerial vehicle": "drone",
    "one-way attack drone": "drone",
    "kamikaze": "drone",
    "shahed": "drone",
    "rocket": "rocket",
    "katyusha": "rocket",
    "grad": "rocket",
    "missile": "missile",
    "ballistic": "missile",
    "cruise missile": "missile",
    "mortar": "mortar",
    "airstrike": "airstrike",
    "air strike": "airstrike",
    "air raid": "airstrike",
    "warplane": "airstrike",
    "jet": "airstrike",
    "fighter jet": "airstrike",
    "bomber": "airstrike",
    "aircraft": "airstrike",
    "f-15": "airstrike",
    "f-16": "airstrike",
    "f-15e": "airstrike",
    "f-35": "airstrike",
    "b-1": "airstrike",
    "b-1b": "airstrike",
    "a-10": "airstrike",
    "helicopter": "airstrike",
    "gunship": "airstrike",
    "precision strike": "airstrike",
    "air force": "airstrike",
    "aerial bombardment": "airstrike",
    "artillery": "artillery",
    "howitzer": "artillery",
    "shelling": "artillery",
    "ied": "ied",
    "roadside bomb": "ied",
    "explosive device": "ied",
    "car bomb": "ied",
    "landmine": "ied",
    "mine": "ied",
    "suicide bomber": "ied",
    "gunfire": "small_arms",
    "gunman": "small_arms",
    "gunmen": "small_arms",
    "small arms": "small_arms",
    "sniper": "small_arms",
    "rifle": "small_arms",
    "machine gun": "small_arms",
}
# A drone with one of these words is the target (a spy drone shot down), not the weapon.
TARGET_DRONE_WORDS = frozenset(
    {
        "spy",
        "surveillance",
        "reconnaissance",
        "mq-9",
        "reaper",
        "global",
        "hawk",
        "mq-1",
        "predator",
        "scaneagle",
    }
)
# Attack words that mean an air strike when a state air force (US-led, Israel) is the attacker.
AIR_POWER_WORDS = frozenset(
    {
        "strike",
        "airstrike",
        "raid",
        "bombardment",
        "bombing",
        "bomb",
        "shell",
        "shelling",
        "attack",
        "targeting",
        "target",
        "hit",
        "pound",
        "struck",
        "aggression",
    }
)

# Heads that make what they govern hypothetical, intended or denied.
HYPOTHETICAL_HEADS = frozenset(
    {
        "threaten",
        "threat",
        "warn",
        "plan",
        "prepare",
        "intend",
        "seek",
        "try",
        "aim",
        "attempt",
        "vow",
        "pledge",
        "deter",
        "prevent",
        "possibility",
        "likelihood",
        "probability",
        "chance",
        "prospect",
        "danger",
        "risk",
        "fear",
        "capable",
        "capability",
        "ability",
        "would",
        "could",
        "might",
        "may",
        "will",
        "should",
        "must",
        "avoid",
        "refrain",
        "want",
        "case",
        "event",
        "defend",
        "protect",
        "respond",
        "brace",
        "anticipate",
        "expect",
        "await",
    }
)
# Modifiers of an event noun that tell an event still to come ("a possible Iranian retaliation",
# "an expected attack", "the looming strike").
UNREALISED_MODIFIERS = frozenset(
    {
        "possible",
        "potential",
        "future",
        "expected",
        "anticipated",
        "imminent",
        "feared",
        "looming",
        "planned",
        "threatened",
        "promised",
        "hypothetical",
    }
)
MODAL_AUX = frozenset(
    {
        "will",
        "would",
        "could",
        "might",
        "may",
        "should",
        "must",
        "can",
        "ll",
        "'ll",
        "wo",
        "ca",
        "shall",
    }
)
# Subordinators that make a clause conditional.
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})

# Words on the path between two attack words that make them two events in a relation.
RELATION_WORDS = frozenset(
    {
        "after",
        "following",
        "before",
        "preceded",
        "precede",
        "response",
        "retaliation",
        "reprisal",
        "revenge",
        "since",
        "amid",
        "like",
        "wake",
        "prior",
        "ahead",
        "followed",
        "than",
        "between",
        "until",
        "responding",
        "respond",
        "responded",
        "retaliate",
        "avenge",
        "answer",
        "reply",
        "follows",
    }
)
# Verbs of answering one event with another: what they take "with" is the answer, what they take
# "to" or "for" is the event answered.
RESPONSE_VERBS = frozenset({"respond", "retaliate", "answer", "reply", "avenge", "react"})
INSTRUMENT_PREPS = frozenset({"with", "by", "through", "using"})
# Relation words after which the governed event came earlier than the governing one.
EARLIER_RELATIONS = frozenset(
    {
        "after",
        "following",
        "response",
        "retaliation",
        "reprisal",
        "revenge",
        "wake",
        "preceded",
        "responding",
        "respond",
        "responded",
        "retaliate",
        "avenge",
        "answer",
        "reply",
        "follow",
        "follows",
    }
)
# Ordinals among them count events ("a second attack") but also describe the one told ("the
# second attack on the base this month", "this is the third attack"): new only when indefinite.
ORDINAL_NOVELTY = frozenset({"second", "third", "fourth", "fifth"})
# Determiners and adjectives that mark a mention as a new event ("a similar attack").
NOVELTY_WORDS = frozenset(
    {
        "another",
        "similar",
        "second",
        "third",
        "new",
        "separate",
        "fresh",
        "further",
        "additional",
        "other",
    }
)
# Mentions that point back to an event already told.
ANAPHORIC_DETS = frozenset(
    {"the", "this", "that", "these", "those", "same", "such", "its", "their", "his", "her", "our"}
)
# Prepositions of origin: a base after them is where the attacker came from.
ORIGIN_PREPS = frozenset({"from", "out"})

# ---- casualties ------------------------------------------------------------------------------

# Verbs (lemma, or the form as written when the tagger calls it an adjective) that report
# victims, and which figure they give.
CASUALTY_VERBS = {
    "kill": "killed",
    "slay": "killed",
    "martyr": "killed",
    "assassinate": "killed",
    "die": "killed",
    "perish": "killed",
    "killed": "killed",
    "slain": "killed",
    "martyred": "killed",
    "wound": "wounded",
    "injure": "wounded",
    "hurt": "wounded",
    "maim": "wounded",
    "wounded": "wounded",
    "injured": "wounded",
}
# Of those, the verbs whose subject is the victim even in the active voice.
INTRANSITIVE_CASUALTY_VERBS = frozenset({"die", "perish"})
# Adjectives that report the dead: "are dead", "left eight militiamen dead".
DEAD_WORDS = frozenset({"dead"})
# Nouns that report casualties (lemma -> figures they give).
CASUALTY_NOUNS = {
    "casualty": ("killed", "wounded"),
    "casualties": ("killed", "wounded"),
    "death": ("killed",),
    "fatality": ("killed",),
    "killing": ("killed",),
    "assassination": ("killed",),
    "injury": ("wounded",),
    "wound": ("wounded",),
    "concussion": ("wounded",),
    "tbi": ("wounded",),
    "tbis": ("wounded",),
}
# Nouns that are the victims themselves ("seven martyrs", "three dead", "12 fatalities").
VICTIM_NOUNS = frozenset({"martyr", "martyrs", "dead", "fatality", "fatalities"})
# Casualty nouns whose "of" phrase names the victims ("the death of a US contractor").
COUNTED_NOUNS = frozenset({"death", "killing", "assassination", "injury", "fatality"})
# Verbs that take an injury as object, with the victim as subject ("suffered concussions",
# "were diagnosed with traumatic brain injuries").
SUFFER_VERBS = frozenset({"suffer", "sustain", "receive", "incur", "diagnose", "treat"})
# Verbs that take counted injuries or deaths as their effect ("inflicting two injuries",
# "resulted in three deaths").
CAUSE_VERBS = frozenset({"inflict", "cause", "result", "leave"})
# Singular nouns that name a group, not one person ("the personnel", "the crew").
COLLECTIVE_NOUNS = frozenset(
    {"personnel", "crew", "staff", "force", "unit", "garrison", "family", "group", "team"}
)
# Head nouns of amounts that give no number ("a number of", "a handful of").
VAGUE_AMOUNT_NOUNS = frozenset(
    {"number", "lot", "handful", "host", "series", "score", "dozens", "scores", "hundreds"}
)

NO_CASUALTY_PATTERNS = (
    r"\b(?:did not|didn't|does not|without|no)\s+(?:result\s+in\s+|causing\s+|cause\s+|"
    r"lead\s+to\s+|leave\s+)?(?:any\s+)?(?:casualties|injuries|deaths|fatalities|damage\s+or\s+"
    r"casualties)\b",
    r"\bno (?:one|body) was (?:hurt|injured|killed|wounded)\b",
    r"\bnobody was (?:hurt|injured|killed|wounded)\b",
    r"\bno (?:casualties|injuries|deaths|fatalities) (?:were|was) (?:reported|caused)\b",
    r"\bthere were no (?:casualties|injuries|deaths)\b",
    r"\bcaused no (?:casualties|injuries)\b",
)
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "couple": 2,
    "pair": 2,
    "both": 2,
}
VAGUE_NUMBERS = frozenset(
    {
        "several",
        "some",
        "many",
        "dozens",
        "scores",
        "hundreds",
        "others",
        "multiple",
        "numerous",
        "few",
    }
)
QUALIFIERS = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "about": "about",
    "around": "about",
    "nearly": "about",
    "almost": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "up to": "about",
    "an estimated": "about",
    "close to": "about",
}
CASUALTY_GROUPS = {
    "soldier": "US troops",
    "troop": "US troops",
    "service member": "US troops",
    "servicemember": "US troops",
    "serviceman": "US troops",
    "personnel": "US troops",
    "marine": "US troops",
    "sailor": "US troops",
    "airman": "US troops",
    "american": "US troops",
    "contractor": "contractor",
    "civilian": "civilians",
    "child": "civilians",
    "woman": "civilians",
    "people": "people",
    "resident": "civilians",
    "innocent": "civilians",
    "fighter": "militants",
    "militant": "militants",
    "member": "militants",
    "militiaman": "militants",
    "gunman": "militants",
    "martyr": "militants",
    "advisor": "advisors",
    "adviser": "advisors",
    "officer": "military",
    "guard": "military",
}

# ---- reporting -------------------------------------------------------------------------------

REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "state",
        "announce",
        "confirm",
        "claim",
        "add",
        "note",
        "explain",
        "declare",
        "insist",
        "warn",
        "allege",
        "assert",
        "acknowledge",
        "reveal",
        "disclose",
        "indicate",
        "estimate",
        "suggest",
        "write",
        "quote",
        "cite",
        "deny",
        "reiterate",
        "stress",
        "emphasize",
        "emphasise",
        "argue",
        "contend",
        "maintain",
        "point",
        "admit",
        "accuse",
        "believe",
        "consider",
        "think",
    }
)

# Verbs that attribute an assertion to someone when they take a clause ("X said that ...").
CLAIM_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "claim",
        "announce",
        "accuse",
        "add",
        "estimate",
        "suggest",
        "reveal",
        "warn",
        "note",
        "explain",
        "consider",
        "signal",
        "declare",
        "deny",
        "confirm",
        "state",
        "repeat",
        "reiterate",
        "point",
        "insist",
        "stress",
        "emphasize",
        "emphasise",
        "argue",
        "allege",
        "assert",
        "acknowledge",
        "admit",
        "write",
        "charge",
        "blame",
        "hold",
        "maintain",
        "contend",
        "predict",
        "disclose",
        "assess",
        "conclude",
        "believe",
        "think",
        "vow",
        "pledge",
        "threaten",
        "affirm",
        "underline",
        "recall",
        "underscore",
        "highlight",
        "clarify",
        "establish",
        "tweet",
        "post",
        "document",
        "pin",
        "identify",
        "dub",
        "brand",
        "label",
        "term",
        "call",
        "describe",
        "characterize",
        "characterise",
    }
)
# Nouns that carry a claim in a "that" clause ("repeated its statement that ...").
CLAIM_NOUNS = frozenset(
    {
        "statement",
        "claim",
        "announcement",
        "assertion",
        "allegation",
        "warning",
        "insistence",
        "accusation",
        "assessment",
        "belief",
        "report",
    }
)
# Verbs that introduce a direct quotation.
QUOTE_VERBS = REPORTING_VERBS | frozenset(
    {
        "reply",
        "respond",
        "ask",
        "answer",
        "continue",
        "conclude",
        "tweet",
        "post",
        "go",
        "write",
        "remark",
        "observe",
        "warn",
        "vow",
        "pledge",
        "threaten",
        "describe",
        "call",
        "urge",
        "demand",
        "tell",
        "announce",
        "release",
        "issue",
        "affirm",
        "underline",
        "recall",
        "underscore",
        "highlight",
        "emphasize",
        "emphasise",
        "stress",
    }
)
# Words that head a description of a person ("the US official", "a senior Iranian advisor").
PERSON_NOUNS = frozenset(
    {
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "advisor",
        "adviser",
        "advisors",
        "advisers",
        "minister",
        "commander",
        "general",
        "secretary",
        "president",
        "source",
        "sources",
        "diplomat",
        "diplomats",
        "chief",
        "envoy",
        "ambassador",
        "leader",
        "officer",
        "analyst",
        "expert",
        "correspondent",
        "aide",
        "lawmaker",
        "senator",
        "colonel",
        "representative",
        "director",
        "head",
        "member",
        "members",
        "activist",
        "activists",
        "witness",
        "witnesses",
        "eyewitness",
        "eyewitnesses",
        "resident",
        "residents",
        "student",
        "employee",
        "undersecretary",
        "spokespeople",
    }
)

# Verbs whose object, not a clause, is what is asserted ("denied any role", "confirmed the
# death toll", "announced plans to ...", "reported seeing jets", "documented no explosions").
OBJECT_CLAIM_VERBS = frozenset(
    {
        "announce",
        "confirm",
        "deny",
        "reiterate",
        "emphasize",
        "emphasise",
        "underscore",
        "stress",
        "highlight",
        "report",
        "document",
        "acknowledge",
        "admit",
        "reveal",
        "disclose",
        "estimate",
        "predict",
        "affirm",
        "allege",
        "threaten",
        "warn",
    }
)
# Of these, verbs whose object is whom they address: what is asserted follows it ("warned
# Washington of consequences", "threatened Iran with a decisive response").
ADDRESSEE_VERBS = frozenset({"warn", "threaten"})
# Objects that say only that something was said, not what ("released details", "issued a
# statement", "shared a photo"): no claim.
CONTENTLESS_OBJECTS = frozenset(
    {
        "detail",
        "information",
        "statement",
        "report",
        "news",
        "comment",
        "photo",
        "picture",
        "video",
        "footage",
        "image",
        "update",
        "briefing",
        "result",
        "name",
        "it",
        "this",
        "that",
        "them",
        "nothing",
        "anything",
    }
)
# "X claimed responsibility (credit) for ...", "X claimed the attack": a group claims an attack.
RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})
RESPONSIBILITY_VERBS = frozenset({"claim", "take", "assume", "bear"})
# Accusations: "X accused Y of Z", "X blamed Y for Z", "X blamed Z on Y", "Z was pinned on Y".
ACCUSATION_VERBS = frozenset({"accuse", "blame", "charge", "pin", "hold"})
# Naming an assertion: "X calls Y Z", "X dubbed it Z", "X brands Y as Z", "X identified Y as Z".
NAMING_VERBS = frozenset(
    {
        "call",
        "dub",
        "brand",
        "label",
        "term",
        "describe",
        "identify",
        "characterize",
        "characterise",
    }
)
# Agentless passives that attribute a belief to nobody in particular ("X is believed to have",
# "X are often suspected", "X is said to"); those that signal doubt are distanced.
PASSIVE_BELIEF_VERBS = frozenset(
    {"believe", "suspect", "think", "understand", "say", "allege", "rumour", "rumor", "claim"}
)
DOUBTING_PASSIVES = frozenset({"say", "allege", "rumour", "rumor", "claim"})
# Adverbs and adjectives that attribute a clause or a noun phrase to unnamed sources:
# "a drone was reportedly shot down", "militias with alleged ties to Iran".
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
HEARSAY_ADJECTIVES = frozenset({"alleged", "purported", "supposed"})
NOT_DISTANCED_HEARSAY = frozenset({"reportedly"})
# Words and phrases by which an author doubts what is attributed ("unconfirmed reports",
# "pinned, absent any evidence, on ...").
DOUBT_WORDS = frozenset(
    {"unconfirmed", "unverified", "unsubstantiated", "baseless", "unfounded", "uncorroborated"}
)
DOUBT_PHRASES = (
    r"\b(?:absent|without)\s+(?:any\s+)?(?:providing\s+|offering\s+|presenting\s+|giving\s+"
    r"|citing\s+)?(?:any\s+)?(?:evidence|proof)\b",
)
# Verbs by which evidence, not a speaker, points to something ("the preliminary accounts
# suggest ..."): inside a claim they are part of its content.
EVIDENTIAL_VERBS = frozenset({"suggest", "indicate", "show"})
# Heads of a description of an organisation ("the group said", "the Agency clarified", "the
# mission said") and what they can stand for: gazetteer types, "embassy" (an embassy or
# consulate), "named" (a capitalised organisation name), or "name:WORD" (a name with WORD).
ORGANISATION_NOUNS = {
    "group": ("militia", "armed_group"),
    "militia": ("militia", "armed_group"),
    "faction": ("militia", "armed_group"),
    "movement": ("militia", "armed_group"),
    "organisation": ("militia", "armed_group", "government_body"),
    "organization": ("militia", "armed_group", "government_body"),
    "agency": ("government_body",),
    "service": ("government_body",),
    "directorate": ("government_body",),
    "ministry": ("name:ministry",),
    "department": ("name:department",),
    "command": ("armed_force",),
    "coalition": ("armed_force",),
    "mission": ("embassy",),
    "embassy": ("embassy",),
    "consulate": ("embassy",),
}
# Words that head an organisation's own name ("the UK Ministry of Defence", "Iraq's Security
# Media Cell", "The Counter-Terrorism Service in the Kurdistan Region").
ORGANISATION_HEADS = frozenset(
    {
        "ministry",
        "department",
        "office",
        "embassy",
        "consulate",
        "command",
        "agency",
        "service",
        "council",
        "cell",
        "directorate",
        "committee",
        "commission",
        "authority",
        "bureau",
        "centre",
        "center",
    }
)

# Of those, the ones that count repetitions rather than a habit.
COUNT_WORDS = frozenset({"twice", "times"})
# Words in an event's clause that make it habitual rather than one event ("repeatedly attacked",
# "targeted five times this year").
HABITUAL_WORDS = frozenset(
    {
        "repeatedly",
        "frequently",
        "regularly",
        "routinely",
        "usually",
        "often",
        "increasingly",
        "constantly",
        "times",
        "twice",
    }
)
