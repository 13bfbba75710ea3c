"""Generic word lists the reader relies on: titles, words that are never names, reporting verbs.

They describe English news and transcript prose in general, not any one text;
extend them when a new kind of source shows a gap.
"""

from __future__ import annotations

#: Words of an office or a rank that may stand before a name ("Deputy Foreign Minister Sergey Ryabkov").
TITLE_WORDS = frozenset(
    """
    minister ministers foreign deputy prime president vice secretary general state spokeswoman spokesman
    spokesperson chancellor ambassador envoy special representative permanent chairman chairwoman chair
    head chief leader senator congressman congresswoman governor mayor king queen prince emperor pope
    director adviser advisor aide commissioner high press national security defence defense affairs
    first former then late acting incumbent mr mrs ms dr prof sir lord lady madam herr general colonel
    admiral commander official diplomat external interior finance economy trade justice sheikh
    premier speaker assistant executive presidential council advisor counsellor counselor attorney
    administrator administration chair chairperson coordinator representative congressman congresswoman
    congressmember delegate assemblyman assemblywoman councilman councilwoman councilmember surgeon
    admiral rear lieutenant lt captain sergeant major coach reverend father bishop cardinal rabbi imam
    pastor judge justice taoiseach emir amir crown gentleman second majority minority whip marshal officer
    superintendent dean ceo founder undersecretary under associate senior chief solicitor nominee federal
    military homeland chairman's commanding supreme member members sen rep gov amb lord mayor
    supervisor councillor alderman treasurer comptroller sheriff trustee regent doctor
    of the to for and at his her their its
    """.split()
)

#: Forms of address that mark the words after them as a person's name ("MR. SULLIVAN").
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame madam mme mlle herr frau hon".split())

#: What may follow a surname without being one ("JOSEPH R. BIDEN JR.").
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())

#: Numbers that tell anonymous speakers apart ("SENIOR ADMINISTRATION OFFICIAL TWO").
ORDINAL_WORDS = frozenset(
    "one two three four five six seven eight nine ten first second third fourth fifth".split()
)

#: Label words for the people who run an event and say nothing on the record.
HOST_WORDS = frozenset(
    "moderator moderators operator aide aides staff staffer announcer narrator emcee".split()
)

#: Label words for voices other than the document's speakers: reporters, the audience, a remark.
ANONYMOUS_VOICE_WORDS = frozenset(
    """
    q question questions journalist journalists reporter reporters interviewer correspondent audience
    remark participant participants attendee attendees voice voices crowd child children student
    students host presenter anchor questioner caller interpreter translator
    """.split()
)

#: Nouns that make a label an anonymous speaker when no name follows ("SENIOR DEFENSE OFFICIAL").
ROLE_NOUNS = frozenset(
    "official officials spokesperson spokesman spokeswoman representative diplomat source officer".split()
)

#: Adjectives and short names of countries and bodies that may open a title ("US President", "NATO chief").
ORIGIN_WORDS = frozenset(
    """
    russian russia's russia’s us u.s. usa american america's french france's german germany's british
    britain's uk u.k. ukrainian ukraine's chinese china's indian iranian israeli turkish belarusian
    polish italian japanese european eu nato un u.n. kremlin white house eu's nato's un's brazilian
    canadian finnish hungarian saudi syrian egyptian danish dutch swedish norwegian estonian latvian
    lithuanian georgian armenian azerbaijani kazakh serbian slovak czech romanian bulgarian greek
    spanish portuguese mexican venezuelan cuban korean north south vietnamese pakistani afghan african
    """.split()
)

#: Capitalised words that are never part of a person's name (places, bodies, calendar words).
NON_NAME_WORDS = frozenset(
    """
    united states kingdom union nations european western eastern house council ministry department office
    government federation republic party assembly parliament duma kremlin committee organisation
    organization bank agency news times post press foundation institute university initiative war treaty
    bulletin chronicle gazette tribune herald journal reflector insider newsline radio television magazine
    courier observer dispatch examiner sentinel inquirer star
    agreement conference summit forum security forces force army navy court commission centre center
    service corporation company group daily today channel street square sea ocean river island islands
    east west north south middle central global international national day week monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september october
    november december russia ukraine china america europe moscow washington kyiv kiev beijing london paris
    berlin brussels riyadh istanbul geneva minsk tehran delhi tokyo ankara warsaw africa asia crimea
    donbass donbas gaza israel iran india brazil turkey turkiye germany france britain japan korea syria
    iraq belarus poland finland canada mexico cuba venezuela vatican nato brics asean sco csto eaeu osce
    un eu usa uk tass ria rt bbc cnn reuters afp ap telegram twitter facebook youtube substack website
    the this that these those there here it its a an and or but if when while as at in on by for with
    from of to after before during since until about over under what why how who which yes no not all
    god christ mother father saint st republican democrat democrats republicans russians ukrainians
    americans europeans chinese west east soviet nazi nazis orthodox catholic muslim islamic christian
    question answer interview transcript excerpt excerpts statement remarks speech address comment
    comments report photo image video source note update read also like share reply subscribe follow
    related tags category categories posted published updated author editor title summary contents
    following meanwhile however moreover therefore although though because speaking according asked
    economic domestic policy strategic communications affairs
    aboard ahead amid among across against around upon via toward towards without within beyond despite
    including regarding near onto past per than through throughout outside inside alongside
    """.split()
)

#: Months, which are also surnames ("Theresa May", "Brian May") after a given name.
MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december".split()
)

#: Bodies a name can qualify ("Clinton Foundation", "South Carolina Democratic Party"): the words
#: before one of them in a run of capitals name the body, not a person.
INSTITUTION_WORDS = frozenset(
    """
    house council ministry department office government federation republic party assembly parliament
    duma committee organisation organization bank agency foundation institute university commission
    centre center service corporation company group campaign administration caucus association union
    court coalition alliance movement network
    """.split()
)

#: Lowercase particles inside names ("Ursula von der Leyen", "Lula da Silva").
NAME_PARTICLES = frozenset("von der de van den da di du la le del dos al bin ibn el".split())

#: Labels that look like a name but introduce boilerplate or metadata.
NON_SPEAKER_LABELS = frozenset(
    """
    photo photos image images picture credit credits source sources note notes update updates read also
    like share tags tag related comments comment subject date title summary excerpt excerpts editor
    editors watch video translation translated background context key points breaking news advertisement
    follow see more quote transcript tel phone email e-mail website web posted published updated by author
    authors caption file via listen reference references disclaimer warning attention important example
    examples result results conclusion introduction contents keywords topics categories filed
    machine original link links download print subscribe
    """.split()
)


def _forms(base: str) -> set[str]:
    """A regular English verb's reporting forms: says, said-like -ed, and the -ing used after a comma."""
    if base.endswith("e"):
        return {base, base + "s", base + "d"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied"}
    if base in _DOUBLING:
        return {base, base + "s", base + base[-1] + "ed"}
    if base.endswith("l") and not base.endswith("ll"):
        return {base, base + "s", base + "ed", base + "led"}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return {base, base + "es", base + "ed"}
    return {base, base + "s", base + "ed"}


#: Verbs whose last consonant doubles before -ed ("quipped", "admitted").
_DOUBLING = frozenset("admit regret quip snap rebut".split())

_REGULAR = """
    add state claim argue suggest imply insist stress emphasise emphasize underline underscore note warn
    reiterate highlight praise criticise criticize condemn accuse blame deny admit acknowledge assert declare
    announce explain reveal mention frame describe urge predict express confirm comment remark recall complain
    contend maintain observe propose promise threaten vow welcome dismiss reject hint signal lament concede
    allege caution compare characterise characterize label explicate indicate reply respond counter
    recount assure affirm object decry slam lambast denounce deplore echo insinuate
    opine point spell speak ask tweet joke quip wonder exclaim scoff testify continue
    congratulate thank wish reaffirm reassert appeal invite inform advise recommend instruct call
    bark snap shout yell scream cry demand retort muse sneer chide scold boast brag interject marvel
    gush plead proclaim mutter murmur whisper grumble fume rebut reason conclude
"""
_IRREGULAR = "said says say told tells tell wrote writes spoke speaks"

#: Verbs (all forms) that report speech when a person is their subject.
#: Verbs that report speech only with their particle (see PHRASAL_REPORTING).
_NEEDS_PARTICLE = "point points pointed spell spells spelled speak speaks spoke call calls called"
REPORTING_VERBS = frozenset(
    {f for base in _REGULAR.split() for f in _forms(base)} | set(_IRREGULAR.split())
) - set(_NEEDS_PARTICLE.split())

#: Verbs that report speech only with the particle after them ("pointed out", "spoke of").
PHRASAL_REPORTING = {
    "point": "out",
    "points": "out",
    "pointed": "out",
    "spell": "out",
    "spells": "out",
    "spelled": "out",
    "spelt": "out",
    "speak": "of|about",
    "speaks": "of|about",
    "spoke": "of|about",
    "went": "on",
    "goes": "on",
    "call": "for|on|upon",
    "calls": "for|on|upon",
    "called": "for|on|upon",
}

#: Participles that report speech after a comma (", arguing that ...").
REPORTING_PARTICIPLES = frozenset(
    """
    arguing saying suggesting claiming noting insisting warning stressing adding explaining asserting
    stating declaring emphasising emphasizing underlining recalling complaining accusing urging
    """.split()
)

#: Words that may sit between a subject and its reporting verb ("Lavrov has also repeatedly said").
VERB_MODIFIERS = frozenset(
    """
    has have had also again repeatedly recently explicitly further then once previously already reportedly
    publicly openly earlier later today yesterday just even himself herself not only separately
    similarly likewise specifically subsequently notably additionally more still
    will would can could may might must should
    tonight monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

#: Nouns for a speech that an introduction announces ("Lavrov's remarks which now follow:").
SPEECH_NOUNS = frozenset(
    """
    remarks speech address statement words opening closing lecture message transcript text
    greetings greeting toast keynote
    """.split()
)
