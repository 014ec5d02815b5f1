#!/usr/bin/env python3
"""Derive Dyad's Phoenix actor tables from the PETRARCH-2 / Phoenix actor dictionaries.

Reads, from the folder given as the only argument (default ``../shared/reference/petrarch2``
relative to the repository root), the MIT-licensed dictionaries of the openeventdata/petrarch2
repository (commit 676801cd9cb2924bbbad09f86d15c9323e7097bf)::

    Phoenix.Countries.actors.txt       named persons with dated CAMEO codes (and places, institutions)
    Phoenix.International.actors.txt   IGOs, NGOs, companies and their officials
    Phoenix.MilNonState.actors.txt     armed non-state groups (and some of their members)
    LICENSE                            the MIT licence, copied into each output file

and writes, into ``src/dyad/extract/actors/data/``::

    phoenix_persons.tsv   name  code  start  end    (one row per name variant and code period)
    phoenix_orgs.tsv      name  code  kind          (kind: igo | ngo | armed)

The project never reads the dictionaries at run time, only these committed files.
Re-derive with::

    .venv/bin/python tools/derive_phoenix_actors.py [../shared/reference/petrarch2]

Reading the dictionaries (as PETRARCH-2's ``read_actor_dictionary`` does)
--------------------------------------------------------------------------
* A record is a primary phrase, its ``+synonym`` lines and its tab-indented ``[CODE dates]``
  restrictions.  As in PETRARCH, a primary phrase that follows a record with no code yet joins
  that record (so un-``+``-ed alias lines before the codes are aliases, not new actors).
* ``[CODE >D]`` applies from D, ``[CODE <D]`` until D, ``[CODE D1-D2]`` from D1 to D2, all
  inclusive; ``[CODE]`` (or a code on the primary line) is the default used when no dated
  restriction applies.  Dates are YYYYMMDD, or YYMMDD with YY <= 30 read as 20YY, else 19YY;
  dates PETRARCH rejects (impossible days, end before start) are skipped and counted.  A
  bracket on a primary line that holds dates (``KHOO_BOON_HUI_ [IGO >081010]``, which
  PETRARCH would take whole as a code) is read as a date restriction.
* Overlapping restrictions are resolved as PETRARCH does -- the first one listed that covers a
  day wins, else the default -- except that an office (any role but ELI) beats an ELI or bare
  country code covering the same day: the source writes hand-overs as ``[AFGELI 320101-331108]
  [AFGGOV 331108-730717]``, and the office starts on the hand-over day.  Each record's time
  line is cut where any restriction starts or ends, each piece gets the code PETRARCH would
  give, codes are mapped to Dyad's form (below) and adjacent pieces with the same Dyad code
  are merged.  Pieces with no code (no restriction covers them, no default) are not written.
* A name given by several records gets the union of their periods per code, so the rows of
  one name and code never overlap; a name with two codes at one date is ambiguous (two
  persons share it, or two records disagree).  An empty start or end is open on that side.

Person codes (Dyad form: ISO 3166-1 alpha-3 country + optional Dyad sector)
------------------------------------------------------------------------------
Country: the first three letters; CAMEO's non-ISO codes are mapped to the state that continues
them (USR, SUN -> RUS; YUG, FRY, SCG -> SRB; DDR -> DEU; TMP -> TLS; SRP (Republika Srpska)
-> BIH; KRJ (Serbian Krajina) -> HRV; IMY (Isle of Man) -> IMN; ZAR -> COD; ROM -> ROU) and
the result is checked with pycountry.  Codes without an ISO country (KSV Kosovo, KNT
fictional, IGO..., IMG...) are dropped with a count.  A dependent territory written after the
country (GBRVGBELI, USAPRIGOV, DNKFROELI, IDNTMPOPP) gives the territory (VGB, PRI, FRO, TLS).

Sector, from the first CAMEO role code after the country:

    GOV         -> GOV, except GOVMIL -> MIL, GOVLEG -> LEG, GOVJUD -> JUD, GOVCOP -> COP
                   (defence ministers, legislators, judiciary and interior/police heads, as
                   Dyad's hand table codes a defence minister MIL and a speaker LEG); every
                   other GOV specialisation (GOVBUS, GOVMED, GOVEDU, GOVLAB, GOVREF, GOVSPY,
                   ...) is a minister or official -> GOV
    SPY         -> GOV (state intelligence services; Dyad has no intelligence sector)
    MIL COP LEG JUD OPP MED BUS LAB REF CVL DIP -> themselves
    REB INS SEP UAF -> REB (rebels, insurgents, separatists, unaligned armed groups)
    EDU HLH REL HRI ENV AGR DEV NGO -> CVL (civil society outside the state)
    ELI         -> country only: CAMEO's "elites" are people out of office (former
                   officials, notables); Dyad knows their country but no sector
    anything else (UNR, OCC, AUT, PTY, CRM, IGO, religions, ...) -> country only

Persons table filters
---------------------
Kept: records of persons.  Dropped (counted): records whose primary line carries its own
code (countries, regions, cities), records whose codes never name a role (places, states),
records and aliases with institution words (GOVERNMENT, REGIME, MINISTRY, PARTY, ARMY, ...),
names with digits, names of one token shorter than 4 letters ("XI", "LI" would match too much)
or that is a common first name ("Abdullah", "Hassan": a word opening at least three
CountryInfo person names), and exact duplicate or overlapping rows of one name and code.
Records that do not come from CountryInfo (a few hundred hand-added entries mixing persons,
institutions and armed groups) keep only names that look like a person's: no institution
word, two or more words besides titles with one word of a CountryInfo person name or two to
four plain words with no country word or demonym, and one-word surnames of those.  Names keep
the titles the dictionary writes ("President Putin", "Senator John McCain").

Names are written in normal case with spaces: words are capitalised; the particles al-, el-,
bin, bint, ibn, ul, ud, de, da, di, do, dos, das, del, della, der, den, du, des, van, von, y
and the joining words of, the, and, for stay lower case (not as the first word, except al-/el-);
Mc and O'/D' capitalise the next letter; initials, a final Roman numeral (John Paul II) and
US, UN, CIA, ... stay upper case; text in parentheses is cut ("(acting").  Organisation names
follow the same rules and keep their acronyms upper case (IAEA, UNHCR, ECOWAS, (ALF)).

Organisation codes
------------------
IGOs: the organisation's own short code, spelt as Dyad's ``actor_aliases.json`` "orgs" keys
where Dyad has the organisation (UNO -> UN, NAT -> NATO, EEC -> EU, WBK -> WB, OPC -> OPEC,
AFU/OAU -> AU, IAE -> IAEA, HCR -> UNHCR, KID -> UNICEF, ITP -> INTERPOL, WAS -> ECOWAS,
SCE -> OSCE, GOE -> G8, ...), else its usual acronym (SAARC, EFTA, CEMAC, ...), else the
Phoenix three-letter code for it.  A UN body Phoenix codes only as a UN sector (IGOUNODEV,
IGOUNOBUS) gets UN; an IGO Phoenix does not single out (IGO, IGOLAM, IGOAFR) gets IGO.
NGOs: the NGO's own code where Phoenix singles it out (AMN, HRW, MSF, ICRC, FIDH, ICG, OXFAM,
...); a national NGO (NGOUSAHRI, NGOPALHRI) gets its country + CVL (USACVL, PSECVL); any
other NGO gets NGO.  Companies (MNC...) and other codes are not written.
Armed groups: a group with a home country gets country + REB (GRCREB, PSEREB for
PSEREBHMS Hamas), as in Dyad's ``armed_groups.tsv``; an IMG (transnational) code with a
country in it also gets that country (IMGMUSRUSCNY -> RUSREB, IMGJPN -> JPNREB); a
transnational group Phoenix singles out gets its own code (ALQ al-Qaeda, ISIS, JI Jemaah
Islamiyah; Abu Sayyaf ASF -> PHLREB as in armed_groups.tsv).  Groups coded only by region
(MEAREB, INTREB, WEUREB, SASREB, KKLREB, ...) have no country Dyad can use and are dropped
with a count.
Persons listed in the International and MilNonState files (officials of IGOs, members of
armed groups) are not written to the organisation table: records with dated codes, records
from the IGO rulers list, and names that look like a person's (no organisation or country word,
two to five words, and a personal title, initials or a first word that opens at least three
CountryInfo person names).  Persons Phoenix lists as aliases of an armed group (leaders under
al-Shabaab) are dropped the same way; a few slip through.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "reference" / "petrarch2"
OUT_DIR = REPO / "src" / "dyad" / "extract" / "actors" / "data"
SOURCE_REPO = "openeventdata/petrarch2"
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
COMMAND = ".venv/bin/python tools/derive_phoenix_actors.py ../shared/reference/petrarch2"

# ----------------------------------------------------------------------------- codes

#: CAMEO country codes that are not ISO 3166-1 alpha-3 -> the ISO code of the continuing state.
CAMEO_COUNTRY = {
    "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "FRY": "SRB", "SCG": "SRB", "DDR": "DEU",
    "TMP": "TLS", "SRP": "BIH", "KRJ": "HRV", "IMY": "IMN", "ZAR": "COD", "ROM": "ROU",
    "ANG": "AGO", "PAL": "PSE",
}
#: CAMEO role codes (anything that may follow a country and is not itself a country there).
#: AUT (autonomous) and MUS (Muslim) are also ISO codes (Austria, Mauritius): in first place a
#: triple is always read as a country, after it as a role.
ROLE_CODES = frozenset(
    "GOV MIL DIP LEG JUD MED BUS OPP REB CVL COP REF LAB SPY ELI EDU HLH NGO IGO REL CRM AGR "
    "ENV INS SEP UAF MOD RAD DEV HRI MNC PTY UNR OCC AUT MUS CHR JEW HIN BUD SIK CTH PRO ORT "
    "SHI SUN ITH MOS KID IMG".split()
)
SAME_SECTOR = {s: s for s in "MIL COP LEG JUD OPP MED BUS LAB REF CVL DIP".split()}
SECTOR_OF_ROLE = {
    **SAME_SECTOR, "GOV": "GOV", "SPY": "GOV",
    "REB": "REB", "INS": "REB", "SEP": "REB", "UAF": "REB",
    **{r: "CVL" for r in "EDU HLH REL HRI ENV AGR DEV NGO".split()},
    "ELI": None,
}
#: GOV followed by one of these takes that sector (defence minister -> MIL, ...).
GOV_BRANCHES = {"MIL": "MIL", "LEG": "LEG", "JUD": "JUD", "COP": "COP"}


def is_iso(code: str) -> bool:
    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


def iso_country(triple: str) -> str | None:
    """An ISO alpha-3 code for a CAMEO country triple, or None."""
    triple = CAMEO_COUNTRY.get(triple, triple)
    return triple if is_iso(triple) else None


def triples(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


#: Role codes that say something about a state or territory, not a person.
STATUS_CODES = frozenset({"UNR", "OCC", "AUT"})


def person_role(code: str) -> bool:
    """The code names a role a person can have (not just a country, territory or status)."""
    return any(p in ROLE_CODES and p not in STATUS_CODES for p in triples(code)[1:])


def person_code(code: str) -> tuple[str | None, str]:
    """A Phoenix person code -> (Dyad code or None, why). ``why`` names the mapping used."""
    parts = triples(code)
    if not parts or len(parts[0]) != 3:
        return None, "malformed code"
    country = iso_country(parts[0])
    if country is None:
        return None, f"no ISO country ({parts[0]})"
    rest = parts[1:]
    if rest and rest[0] not in ROLE_CODES and iso_country(rest[0]):
        country, rest = iso_country(rest[0]), rest[1:]          # dependent territory
    if not rest:
        return country, "country"
    first = rest[0]
    if first == "GOV" and len(rest) > 1 and rest[1] in GOV_BRANCHES:
        return country + GOV_BRANCHES[rest[1]], f"GOV{rest[1]}"
    if first in SECTOR_OF_ROLE:
        sector = SECTOR_OF_ROLE[first]
        return (country + sector if sector else country), first
    return country, f"other role {first} -> country"


# IGO: Phoenix's own three-letter code for an organisation -> Dyad's key (actor_aliases.json
# "orgs") or the organisation's usual acronym.
IGO_KEYS = {
    "UNO": "UN", "NAT": "NATO", "EEC": "EU", "WBK": "WB", "OPC": "OPEC", "ASN": "ASEAN",
    "AFU": "AU", "OAU": "AU", "ARL": "ARL", "GCC": "GCC", "OIC": "OIC", "IAE": "IAEA",
    "WHO": "WHO", "ILO": "ILO", "HCR": "UNHCR", "WFP": "WFP", "KID": "UNICEF", "FAO": "FAO",
    "ICJ": "ICJ", "ICC": "ICC", "ITP": "INTERPOL", "SCE": "OSCE", "COE": "COE",
    "WAS": "ECOWAS", "SAD": "SADC", "IAD": "IGAD", "CIS": "CIS", "EBR": "EBRD", "ADB": "ADB",
    "GOE": "G8", "GOS": "G7", "IMF": "IMF", "WTO": "WTO", "OAS": "OAS", "CRB": "CARICOM",
    "SAA": "SAARC", "HCH": "OHCHR", "EFT": "EFTA", "AMU": "AMU", "CWN": "COMMONWEALTH",
    "SOT": "SEATO", "BIS": "BIS", "IPU": "IPU", "EAC": "EAC", "CEM": "CEMAC", "ECA": "ECCAS",
    "AFB": "AFDB", "IDB": "ISDB", "APE": "OAPEC", "NON": "NAM", "GSS": "G77", "DVE": "D8",
    "CSS": "CENSAD", "AIE": "IEA", "WCT": "ICTY", "BCA": "BEAC", "CES": "COMESA",
    "NEP": "NEPAD", "WAM": "UEMOA", "WAD": "BOAD", "ABD": "BADEA", "AMF": "AMF",
    "ACC": "ACC", "AEU": "CAEU", "IAC": "IACO", "ICO": "ICCO", "IGC": "IGC", "CPA": "COPAL",
    "CPC": "ACPC", "ATD": "PTA", "SCN": "NORDIC",
}
NGO_KEYS = {
    "AMN": "AMN", "HRW": "HRW", "MSF": "MSF", "IRC": "ICRC", "FID": "FIDH", "ICG": "ICG",
    "IHF": "IHF", "XFM": "OXFAM", "WEF": "WEF", "JUR": "ICJURISTS",
}
#: Transnational armed groups Phoenix singles out (IMG... codes).
ARMED_KEYS = {"ALQ": "ALQ", "ISI": "ISIS", "JMA": "JI", "ASF": "PHLREB"}


def igo_code(code: str) -> str:
    parts = triples(code)[1:]                    # after IGO
    own = [p for p in parts if p in IGO_KEYS and p != "UNO"]
    if own:
        return IGO_KEYS[own[-1]]
    if "UNO" in parts:
        return "UN"
    return "IGO"


def ngo_code(code: str) -> str:
    parts = triples(code)[1:]                    # after NGO
    own = [p for p in parts if p in NGO_KEYS]
    if own:
        return NGO_KEYS[own[-1]]
    for p in parts:
        if (p not in ROLE_CODES or p == "AUT") and iso_country(p):   # AUT: Austria here
            return iso_country(p) + "CVL"
    return "NGO"


def armed_code(code: str) -> tuple[str | None, str]:
    parts = triples(code)
    if not parts:
        return None, "no code"
    home = iso_country(parts[0])          # first triple: a country (AUT Austria), IMG or a region
    if home:
        return home + "REB", "country"
    if parts[0] == "IMG":
        for p in parts[1:]:
            if p not in ROLE_CODES and iso_country(p):
                return iso_country(p) + "REB", "IMG with country"
        for p in parts[1:]:
            if p in ARMED_KEYS:
                return ARMED_KEYS[p], "IMG group"
        return None, "IMG without country or group"
    return None, f"region only ({parts[0]})"


# ----------------------------------------------------------------------------- dictionary

class DateError(ValueError):
    pass


def petrarch_date(text: str) -> date:
    """PETRARCH's ``dstr_to_ordate``: YYYYMMDD (first 8 characters) or YYMMDD (YY <= 30 -> 20YY)."""
    try:
        if len(text) > 7:
            y, m, d = int(text[:4]), int(text[4:6]), int(text[6:8])
        else:
            y, m, d = int(text[:2]), int(text[2:4]), int(text[4:6])
            y += 2000 if y <= 30 else 1900
        return date(y, m, d)
    except ValueError as exc:
        raise DateError(text) from exc


@dataclass
class Restriction:
    code: str
    start: date | None = None      # None: open
    end: date | None = None
    default: bool = False

    def covers(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass
class Record:
    line: int
    names: list[str] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    primary_code: bool = False     # a primary line carried its own [code]


def parse_restriction(inner: str, stats: Counter) -> Restriction | None:
    """``IRNGOV >20130815`` (the text inside the brackets) -> Restriction."""
    code, _, rest = inner.strip().partition(" ")
    code, rest = code.strip(), rest.strip()
    if not code:
        return None
    try:
        if "<" in rest or ">" in rest:
            digits = re.search(r"\d+", rest)
            if not digits:
                raise DateError(rest)
            day = petrarch_date(digits.group())
            if rest.lstrip()[0] == "<":
                return Restriction(code, end=day)
            return Restriction(code, start=day)
        if "-" in rest:
            a, _, b = rest.partition("-")
            start, end = petrarch_date(a.strip()), petrarch_date(b.strip())
            if end < start:
                stats["restrictions skipped: end before start"] += 1
                return None
            return Restriction(code, start=start, end=end)
    except DateError:
        stats["restrictions skipped: unreadable date"] += 1
        return None
    return Restriction(code, default=True)


def read_lines(path: Path):
    for raw in path.read_bytes().splitlines():
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield raw.decode("cp1252", errors="replace")


def split_comment(text: str) -> tuple[str, str]:
    for mark in ("#", ";"):
        if mark in text:
            head, _, tail = text.partition(mark)
            return head, tail.strip()
    return text, ""


def read_dictionary(path: Path, stats: Counter) -> list[Record]:
    records: list[Record] = []
    cur: Record | None = None
    for lineno, line in enumerate(read_lines(path), 1):
        if "---STOP---" in line:
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in "\t " and line.lstrip().startswith("["):      # date restriction
            if cur is None:
                continue
            body, comment = line.split("#", 1) if "#" in line else (line, "")
            if comment:
                cur.comments.append(comment.strip())
            inner = body[body.index("[") + 1:].partition("]")[0]
            r = parse_restriction(inner, stats)
            if r:
                cur.restrictions.append(r)
            continue
        if line[0] in "\t ":                                        # indented name line
            line = line.strip()
        if line.startswith("+"):                                    # synonym
            if cur is None:
                continue
            name, comment = split_comment(line[1:])
            name = name.partition("[")[0]
            if comment:
                cur.comments.append(comment)
            cur.names.append(name.strip())
            continue
        # primary phrase: starts a new record unless the current one has no code yet
        body, comment = (line.split("#", 1) + [""])[:2] if "#" in line else (line, "")
        if cur is None or cur.restrictions:
            cur = Record(lineno)
            records.append(cur)
        if comment:
            cur.comments.append(comment.strip())
        name = body.partition("[")[0].partition(";")[0]
        cur.names.append(name.strip())
        brackets = re.findall(r"\[([^\]]*)\]", body)
        for inner in brackets:
            r = parse_restriction(inner, stats)
            if r:
                cur.restrictions.append(r)
                cur.primary_code = True
    return records


def office(code: str) -> bool:
    """The Phoenix code names a role other than ELI (out of office)."""
    rest = [p for p in triples(code)[1:] if p in ROLE_CODES]
    return bool(rest) and rest[0] != "ELI"


def timeline(restrictions: list[Restriction]) -> list[tuple[date | None, date | None, str]]:
    """PETRARCH's code for every stretch of time: first covering dated restriction, else the
    first default.  Returns (start, end, phoenix code) pieces in time order; None = open."""
    dated = [r for r in restrictions if not r.default]
    default = next((r.code for r in restrictions if r.default), None)
    cuts = sorted({r.start for r in dated if r.start} | {r.end + timedelta(days=1) for r in dated if r.end})
    bounds = [None, *cuts, None]
    pieces = []
    for lo, hi in zip(bounds, bounds[1:]):
        end = hi - timedelta(days=1) if hi else None
        probe = lo if lo else (cuts[0] - timedelta(days=1) if cuts else date(2000, 1, 1))
        covering = [r for r in dated if r.covers(probe)]
        # an office beats an out-of-office (ELI) or bare-country code on the same day (the
        # hand-over day both list); otherwise the first listed wins, as in PETRARCH
        covering.sort(key=lambda r: not office(r.code))
        code = covering[0].code if covering else default
        if code:
            pieces.append((lo, end, code))
    return pieces


def merge(pieces):
    out = []
    for start, end, code in pieces:
        if out and out[-1][2] == code and out[-1][1] is not None and start is not None \
                and out[-1][1] + timedelta(days=1) == start:
            out[-1] = (out[-1][0], end, code)
        else:
            out.append((start, end, code))
    return out


# ----------------------------------------------------------------------------- names

PARTICLES = frozenset(
    "al el bin bint binti ibn ul ud de da di do dos das del della der den du des van von y".split()
)
HYPHEN_PARTICLES = frozenset({"al", "el", "ul", "ad", "as", "ash", "at", "az", "ar", "an", "ath"})
ROMAN = re.compile(r"^(II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI)$")
#: Joining words written lower case inside a name ("President of the Russian Federation").
NAME_SMALL_WORDS = frozenset("of the and for".split())
SMALL_WORDS = frozenset("of the and for in on to at by de la du des da del di y en et".split())


#: Abbreviations kept upper case inside person names ("US President Barack Obama").
NAME_ACRONYMS = frozenset("US U.S. UK U.K. UN U.N. EU CIA FBI NATO PLO IAEA IMF".split())


def cap_word(word: str, last: bool = False) -> str:
    """One word (no hyphens) in normal case: first letter upper, the rest lower."""
    if not word:
        return word
    if last and ROMAN.match(word):                               # John Paul II (not Xi Jinping)
        return word
    if word.upper() in NAME_ACRONYMS:
        return word.upper()
    if re.fullmatch(r"(?:[A-Za-z]\.)+", word):                  # initials: A. / J.R.
        return word.upper()
    low = word.lower()
    if low in ("jr.", "jr", "sr.", "sr"):
        return low[:1].upper() + low[1:]
    if low.startswith("mc") and len(low) > 2 and low[2].isalpha():
        return "Mc" + low[2].upper() + low[3:]
    m = re.match(r"^([od])['’](\w)(.*)$", low)
    if m:
        return m.group(1).upper() + "'" + m.group(2).upper() + m.group(3)
    k = next((i for i, ch in enumerate(word) if ch.isalpha()), None)
    if k is None:
        return word
    # keep the source's capital (it may not survive lower(): "İ"), lower the rest
    return word[:k] + word[k].upper() + word[k + 1:].lower()


def normal_case(raw: str, acronyms: frozenset[str] = frozenset(), org: bool = False) -> str:
    """``MOHAMMAD_JAVAD_ZARIF_`` -> ``Mohammad Javad Zarif``; ``BASHAR_AL-ASSAD`` -> ``Bashar al-Assad``."""
    words = [w for w in re.split(r"[\s_]+", raw.strip(" _")) if w]
    out = []
    for i, word in enumerate(words):
        if org and (word.strip("().,") in acronyms or re.fullmatch(r"\([A-Z0-9.\-]+\)", word)
                    or re.fullmatch(r"[B-DF-HJ-NP-TV-XZ/&]{2,}", word)):       # WB, DHKP/C
            out.append(word)
            continue
        pieces = word.split("-")
        done = []
        for j, piece in enumerate(pieces):
            low = piece.lower()
            if j < len(pieces) - 1 and low in HYPHEN_PARTICLES:
                done.append(low)                              # al-Assad, el-Sisi
            elif len(pieces) == 1 and i > 0 and (low in PARTICLES or low in NAME_SMALL_WORDS):
                done.append(low)                              # bin, de, van, of (not first)
            elif org and i > 0 and len(pieces) == 1 and low in SMALL_WORDS:
                done.append(low)
            else:
                done.append(cap_word(piece, last=(i == len(words) - 1 and j == len(pieces) - 1)))
        out.append("-".join(done))
    if org and out and out[0] == "The":
        out[0] = "the"
    return " ".join(out)


NON_PERSON = re.compile(
    r"(?:^|_)(?:GOVERNMENTS?|REGIMES?|ADMINISTRATION|MINISTRY|MINISTRIES|PARTY|ARMY|ARMED|"
    r"FORCES|COUNCIL|AUTHORITY|COMMITTEE|AGENCY|DEPARTMENT|SERVICES?|OFFICE|BANK|UNIVERSITY|"
    r"FRONT|MOVEMENT|BRIGADES?|BATTALION|PARLIAMENT|SENATE|POLICE|COURT|CABINET|EMBASSY|"
    r"ORGANI[SZ]ATION|ASSOCIATION|UNION|LEAGUE|COMMISSION|INSTITUTE|FOUNDATION|CORPORATION|"
    r"COMPANY|GROUP|NETWORK|ALLIANCE|COALITION|COUNTRIES|PEOPLE|CITIZENS|TROOPS|SOLDIERS|"
    r"MILITIAS?|REBELS|FIGHTERS|ISLAMIC_STATE|REPUBLIC|KINGDOM|PROVINCE|CITY|ISLANDS?|"
    r"ASSEMBLY|CONGRESS|SECURITY|INTELLIGENCE|NEWS|AGENCY|TIMES|RADIO|TELEVISION|MAGAZINE|"
    r"SCHOOL|CENTER|CENTRE|HOSPITAL|MISSION|DELEGATION|OFFICIALS)(?:_|$|')"
)
ORG_WORDS = re.compile(
    r"(?:^|[_\s-])(?:ARMY|FRONT|GROUPS?|MOVEMENT|ORGANI[SZ]ATION|BRIGADES?|BATTALION|PARTY|FORCES?|"
    r"LIBERATION|COMMANDOS?|CELLS?|FACTION|COUNCIL|UNION|LEAGUE|ISLAMI\w*|JIHAD|MUJAHID\w*|"
    r"MUJAHED\w*|LASHKAR|LASKAR|HARKAT|HARAKAT|HARAKUT|JEMAAH|JAMAAH|COMPANY|FEDERATION|"
    r"QAEDA|QAIDA|QAI'DAH|AUM|ALEPH|JKLF|NETWORK|TIGERS|COMMITTEE|ASSOCIATION|INSTITUTE|"
    r"FOUNDATION|COMMISSION|BANK|FUND|AGENCY|PROGRAMM?E?|CENTER|CENTRE|SOCIETY|ALLIANCE|"
    r"COALITION|COMMUNITY|CONFERENCE|ASSEMBLY|PARLIAMENT|OFFICE|TRIBUNAL|COURT|SECRETARIAT|"
    r"NATIONS|INTERNATIONAL|WORLD|GLOBAL|CLUB|PROJECT|TRUST|NETWORK|WATCH|INITIATIVE|"
    r"PARTNERSHIP|CAMPAIGN|SERVICES?|RELIEF|MISSION|CROSS|CRESCENT|BROTHERHOOD|GUARD|ARMED|"
    r"RESISTANCE|REVOLUTIONARY|STATE|KHALQ|SHABAAB|TALIBAN|HAMAS|FATAH|SOLIDARITY|WORLDWIDE|"
    r"CATHOLIC|KAPPA)(?:$|[_\s'-])"
)


def one_token_too_short(name: str) -> bool:
    words = name.split()
    return len(words) == 1 and len(re.sub(r"[^A-Za-z]", "", words[0])) < 4


# ----------------------------------------------------------------------------- persons

TITLE_WORDS = frozenset(
    "PRESIDENT PRIME MINISTER FOREIGN ACTING DEFENSE DEFENCE SECRETARY GENERAL GEN. SENATOR MR "
    "MR. MRS MRS. MS DR DR. CHANCELLOR KING QUEEN PRINCE PRINCESS SHEIKH SHAIKH EMIR AYATOLLAH "
    "HOJATOLISLAM FORMER VICE DEPUTY SPEAKER CHIEF AL EL BIN IBN DE DA DI DEL VAN VON THE OF US "
    "U.S. JR. SIR LORD COLONEL COL. MAJOR LT. CAPTAIN ADMIRAL MARSHAL FIELD AMBASSADOR GOVERNOR "
    "MAYOR JUSTICE JUDGE SULTAN CROWN LEADER COMMANDER INTERIOR FINANCE TO AND FOR".split()
)


def words_of(raw: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", raw.upper().strip(" _")) if w]


#: Institution words only checked in records outside CountryInfo (they may be surnames).
MORE_NON_PERSON = re.compile(
    r"(?:^|_)(?:SABHA|RIFLES|PALACE|HOUSE|SOVIET|DECLARATION|JAYSH|JAISH|JABHAT|KATAEB|KATIBAT|"
    r"AHRAR|LIWA|GHURABA|RESERVE|TEAM|TANK|WING|YARD|BET|RIOT|GUARDS?|CORPS|HEADQUARTERS|"
    r"DIRECTORATE|BUREAU|POLITBURO|PRESIDIUM|SECRETARIAT|TASK|STATES|NATIONALITIES|FORCE|DUMA|"
    r"STAFF|CHIEFS|ENFORCEMENT|CUSTOMS|PROTECTION|FEDERATION|SCIENTISTS|OBSERVATORY|RIGHTS|"
    r"QAEDA|QAIDA|REPRESENTATIVE|VICE-PRESIDENT|NATIONS|AFFAIRS|FEDERAL|KURDISTAN|MERGA|"
    r"POLITBYURO|SOVYET|LIWAA?|SARAYAT|JUND|POINT|COMMAND|PATROL)(?:_|$)"
)
#: Words of country names and demonyms: a name made of these and titles is a role phrase
#: ("US Secretary of State", "Kosovar Prime Minister"), not a person.
GEO_WORDS = frozenset(
    w for c in pycountry.countries
    for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""))
    for w in re.split(r"[\s,()]+", n.upper()) if len(w) > 2
) | frozenset(
    "US U.S. UN U.N. AMERICAN BRITISH RUSSIAN SOVIET KOSOVAR KOSOVA KOSOVO ALBANIAN GERMAN "
    "SYRIAN ISRAELI IRANIAN CHINESE FRENCH IRAQI AFGHAN PALESTINIAN KURDISH ARAB ISLAMIC ROYAL "
    "NATIONAL JOINT STATE PLA AIR NAVY NAVAL UNITED SECURITY TRADE".split()
)


def name_words(records: list[Record]) -> frozenset[str]:
    """The words of the primary person names of the CountryInfo-derived records of the
    Countries dictionary, titles and country words aside: MOHAMMAD, JAVAD, ZARIF, JINPING, ..."""
    words: set[str] = set()
    for rec in records:
        if rec.primary_code or not any("countryinfo" in c.lower() for c in rec.comments):
            continue
        if not NON_PERSON.search(rec.names[0].upper()):
            words.update(w for w in words_of(rec.names[0])
                         if w not in TITLE_WORDS and w not in GEO_WORDS and w.isalpha())
    return frozenset(words)


def given_names(records: list[Record]) -> frozenset[str]:
    """First words of CountryInfo person names seen at least 3 times (MOHAMMAD, JOHN, ABDEL):
    a name in the International or MilNonState file opening with one is a person's."""
    counts: Counter = Counter()
    for rec in records:
        if rec.primary_code or not any("countryinfo" in c.lower() for c in rec.comments):
            continue
        first = [w for w in words_of(rec.names[0]) if w not in TITLE_WORDS]
        if len(first) > 1:
            counts[first[0]] += 1
    return frozenset(w for w, n in counts.items() if n >= 3 and len(w) >= 3 and w.isalpha())


def person_names(rec: Record, tagged: bool, known: frozenset[str], given: frozenset[str],
                 stats: Counter) -> list[str]:
    """The names of a person record worth writing, in normal case.  A record that does not
    come from CountryInfo (institutions, armed groups and persons are mixed there) keeps only
    names of two or more words (titles aside) with a word of a CountryInfo person name in them,
    or, failing that, of two to four plain words none of them a country word or demonym; and
    one-word names (titles aside) that are the last word of one of those."""
    kept: list[str] = []
    candidates = []
    for raw in rec.names:
        if NON_PERSON.search(raw.upper()) or (not tagged and MORE_NON_PERSON.search(raw.upper())):
            stats["persons: names dropped, institution words"] += 1
            continue
        if re.search(r"\d", raw):
            stats["persons: names dropped, digits"] += 1
            continue
        candidates.append(raw)
    if not tagged:
        core = {r: [w for w in words_of(r) if w not in TITLE_WORDS] for r in candidates}

        def person_like(r: str) -> bool:
            words = core[r]
            if len(words) < 2 or ORG_WORDS.search(r.upper()) or MORE_NON_PERSON.search(r.upper()):
                return False
            if known & set(words):
                return True
            return len(words) <= 4 and not GEO_WORDS & set(words) and all(
                re.fullmatch(r"[A-Z][A-Z'.\-]+", w) for w in words)

        multi = [r for r in candidates if person_like(r)]
        surnames = {core[r][-1] for r in multi}
        ok = [r for r in candidates if r in multi or (len(core[r]) == 1 and core[r][0] in surnames)]
        dropped = len(candidates) - len(ok)
        stats["persons: names dropped, not a person's (records outside CountryInfo)"] += dropped
        candidates = ok
    for raw in candidates:
        name = normal_case(re.sub(r"\s*[(\[].*$", "", raw).replace("`", "'"))
        if not name or "\ufffd" in name or re.search(r"[\x00-\x1f]", name):
            stats["persons: names dropped, unreadable"] += 1
            continue
        if one_token_too_short(name):
            stats["persons: names dropped, one token under 4 letters"] += 1
            continue
        if " " not in name and words_of(name)[0] in given:
            stats["persons: names dropped, one token that is a common first name"] += 1
            continue
        kept.append(name)
    return kept


def derive_persons(records: list[Record], known: frozenset[str], given: frozenset[str],
                   stats: Counter) -> list[tuple[str, str, str, str]]:
    by_name: dict[str, list[tuple[date | None, date | None, str]]] = {}
    for rec in records:
        if not rec.names:
            continue
        tagged = any("countryinfo" in c.lower() for c in rec.comments)
        if rec.primary_code:
            stats["persons: records skipped, code on the primary line (countries, places)"] += 1
            continue
        if not rec.restrictions:
            stats["persons: records skipped, no code"] += 1
            continue
        if not any(person_role(r.code) for r in rec.restrictions):
            stats["persons: records skipped, country codes only (places, states)"] += 1
            continue
        names = person_names(rec, tagged, known, given, stats)
        if not names:
            stats["persons: records skipped, no person name"] += 1
            continue
        pieces = []
        for start, end, code in timeline(rec.restrictions):
            dyad, why = person_code(code)
            stats[f"person codes: {why}"] += 1
            if dyad is None:
                stats["persons: periods dropped, no ISO country"] += 1
                continue
            pieces.append((start, end, dyad))
        pieces = merge(pieces)
        if not pieces:
            stats["persons: records skipped, no usable period"] += 1
            continue
        stats["persons: records kept"] += 1
        for name in names:
            by_name.setdefault(name, []).extend(pieces)
    rows: list[tuple[str, str, str, str]] = []
    for name, pieces in by_name.items():
        merged = merge_same_code(pieces)
        stats["persons: rows dropped, duplicates or overlaps of the same code"] += len(pieces) - len(merged)
        for start, end, code in merged:
            rows.append((name, code, start.isoformat() if start else "", end.isoformat() if end else ""))
    return rows


def merge_same_code(pieces):
    """Union the periods of each code (a name may come from several records), in time order."""
    lo_key = lambda d: d or date.min      # noqa: E731 - open start sorts first
    out = []
    for code in dict.fromkeys(c for _, _, c in pieces):
        spans = sorted(((a, b) for a, b, c in pieces if c == code), key=lambda ab: lo_key(ab[0]))
        cur = None
        for a, b in spans:
            if cur and (cur[1] is None or a is None or a <= cur[1] + timedelta(days=1)):
                cur = (cur[0], None if (cur[1] is None or b is None) else max(cur[1], b))
            else:
                if cur:
                    out.append((cur[0], cur[1], code))
                cur = (a, b)
        out.append((cur[0], cur[1], code))
    out.sort(key=lambda p: (lo_key(p[0]), p[2]))
    return out


# ----------------------------------------------------------------------------- organisations

PERSON_TITLES = frozenset("MR MR. MRS MRS. MS DR DR. SHEIKH LADY BARONESS SIR LORD".split())


def looks_like_person(raw: str, given: frozenset[str]) -> bool:
    """A name in the International or MilNonState file that is a person's: no organisation
    or country word, two to five words, and a personal title, initials or a first word that
    opens CountryInfo person names (MOHAMMAD, JOHN, ...)."""
    up = raw.upper().strip(" _")
    if ORG_WORDS.search(up) or MORE_NON_PERSON.search(up):
        return False
    words = words_of(raw)
    if not 2 <= len(words) <= 5 or GEO_WORDS & set(words):
        return False
    if words[0] in PERSON_TITLES or re.fullmatch(r"[A-Z]|(?:[A-Z]\.)+", words[0]):   # R.K. PACHAURI
        return True
    return words[0] in given


def org_acronyms(records: list[Record]) -> frozenset[str]:
    """Words to keep upper case in organisation names: parenthesised ones ("(ALF)"), one-word
    names of up to 5 letters ("IAEA", "UNHCR") and longer one-word names whose letters are
    the initials of another name of the same record ("ECOWAS")."""
    out: set[str] = set()
    for rec in records:
        multi = [words_of(n) for n in rec.names if len(words_of(n)) > 1]
        for raw in rec.names:
            out.update(re.findall(r"\(([A-Z][A-Z0-9.\-]+)\)", raw))
            words = words_of(raw)
            if len(words) != 1 or not re.fullmatch(r"[A-Z][A-Z0-9&.]{1,9}", words[0]):
                continue
            letters = words[0].replace(".", "")
            if len(letters) <= 5 or any(is_subsequence(letters, "".join(w[0] for w in m)) for m in multi):
                out.add(words[0])
    return frozenset(out)


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def derive_orgs(international: list[Record], milnonstate: list[Record], given: frozenset[str],
                stats: Counter) -> list[tuple[str, str, str]]:
    acronyms_f = org_acronyms(international + milnonstate)
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()

    def emit(rec: Record, code: str, kind: str, person_check: bool) -> None:
        for raw in rec.names:
            if not raw.strip(" _"):
                continue
            if person_check and looks_like_person(raw, given):
                stats[f"orgs ({kind}): names dropped, look like a person"] += 1
                continue
            name = normal_case(raw, acronyms_f, org=True)
            if "\ufffd" in name or re.search(r"[\x00-\x1f]", name) or len(re.sub(r"[^A-Za-z]", "", name)) < 2:
                stats[f"orgs ({kind}): names dropped, unreadable or too short"] += 1
                continue
            row = (name, code, kind)
            if row in seen:
                stats[f"orgs ({kind}): rows dropped, exact duplicates"] += 1
                continue
            seen.add(row)
            rows.append(row)

    for rec in international:
        if not rec.restrictions or not rec.names:
            stats["orgs: International records skipped, no code"] += 1
            continue
        codes = [r.code for r in rec.restrictions]
        head = codes[0][:3]
        rulers = any("igorulers" in c.lower() for c in rec.comments)
        if rulers or any(not r.default for r in rec.restrictions):
            stats["orgs: International records skipped, persons (dated codes / IGO rulers)"] += 1
            continue
        if head == "IGO":
            kind, code = "igo", igo_code(codes[0])
        elif head == "NGO":
            kind, code = "ngo", ngo_code(codes[0])
        elif head == "MNC":
            stats["orgs: International records skipped, companies (MNC)"] += 1
            continue
        else:
            stats[f"orgs: International records skipped, other code ({head})"] += 1
            continue
        if all(looks_like_person(n, given) for n in rec.names if n.strip(" _")):
            stats[f"orgs ({kind}): records skipped, persons"] += 1
            continue
        stats[f"orgs ({kind}): records kept"] += 1
        emit(rec, code, kind, person_check=True)

    for rec in milnonstate:
        if not rec.restrictions or not rec.names:
            stats["orgs: MilNonState records skipped, no code"] += 1
            continue
        code, why = armed_code(rec.restrictions[0].code)
        if code is None:
            stats[f"orgs (armed): records dropped, {why.split(' (')[0]}"] += 1
            continue
        primary = rec.names[0]
        # the TOPS list names organisations; the KEDS list at the end ("NAME__") mixes members in
        keds = primary.rstrip().endswith("__")
        if keds and (not ORG_WORDS.search(primary.upper()) or looks_like_person(primary, given)):
            stats["orgs (armed): records skipped, persons (group members)"] += 1
            continue
        stats["orgs (armed): records kept"] += 1
        emit(rec, code, "armed", person_check=True)
    return rows


# ----------------------------------------------------------------------------- output

def licence_lines(source: Path) -> list[str]:
    text = (source / "LICENSE").read_text(encoding="utf-8").rstrip("\n")
    return [("# " + line).rstrip() for line in text.splitlines()]


def header(first: str, files: str, source: Path, notes: list[str], columns: str) -> list[str]:
    return [
        first,
        f"# Derived from {files} of github.com/{SOURCE_REPO} at commit {SOURCE_COMMIT}",
        f"# (PETRARCH-2 / Phoenix actor dictionaries). Re-derive: {COMMAND}",
        "# Code and name conventions: see the docstring of tools/derive_phoenix_actors.py.",
        *notes,
        "# The source dictionaries carry this licence:",
        "#",
        *licence_lines(source),
        "#",
        columns,
    ]


def write(path: Path, head: list[str], rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in head:
            f.write(line + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(DEFAULT_SOURCE),
                        help="folder with the Phoenix dictionaries and LICENSE "
                             "(default: ../shared/reference/petrarch2 from the repository root)")
    parser.add_argument("--out", default=str(OUT_DIR), help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    source, out = Path(args.source), Path(args.out)
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt", "LICENSE"):
        if not (source / name).is_file():
            print(f"missing {source / name}", file=sys.stderr)
            return 2

    stats: Counter = Counter()
    countries = read_dictionary(source / "Phoenix.Countries.actors.txt", stats)
    international = read_dictionary(source / "Phoenix.International.actors.txt", stats)
    milnonstate = read_dictionary(source / "Phoenix.MilNonState.actors.txt", stats)

    given = given_names(countries)
    known = name_words(countries)
    persons = derive_persons(countries, known, given, stats)
    orgs = derive_orgs(international, milnonstate, given, stats)

    write(out / "phoenix_persons.tsv", header(
        "# Persons with dated codes derived from Phoenix.Countries.actors.txt; read by "
        "dyad.extract.actors.roles, behind office_holders.tsv",
        "Phoenix.Countries.actors.txt", source,
        ["# code: ISO 3166-1 alpha-3 + optional Dyad sector; start/end: ISO dates, inclusive,",
         "# empty = open. One row per name variant and period; periods of one name and code do",
         "# not overlap; a name with two codes at one date is ambiguous (two persons share it)."],
        "#name\tcode\tstart\tend"), persons)
    write(out / "phoenix_orgs.tsv", header(
        "# International and non-governmental organisations and armed non-state groups derived "
        "from Phoenix; read by dyad.extract.actors.gazetteer, behind actor_aliases.json and armed_groups.tsv",
        "Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt", source,
        ["# code: the organisation's own short code (NATO, UN, ICRC), COUNTRY+CVL for a national",
         "# NGO, COUNTRY+REB for an armed group with a home country; kind: igo | ngo | armed."],
        "#name\tcode\tkind"), orgs)

    print(f"records read: Countries {len(countries)}, International {len(international)}, "
          f"MilNonState {len(milnonstate)}")
    for key in sorted(stats):
        print(f"  {key}: {stats[key]}")
    names = {r[0] for r in persons}
    print(f"phoenix_persons.tsv: {len(persons)} rows, {len(names)} distinct names, "
          f"{len({r[1] for r in persons})} distinct codes")
    kinds = Counter(r[2] for r in orgs)
    print(f"phoenix_orgs.tsv: {len(orgs)} rows ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
