"""Spanish syllables and the Szigriszt-Pazos perspicuity index, for the Spanish pages (readability.py).

    P = 206.835 - 62.3 * (syllables / words) - (words / sentences)

The index is Szigriszt-Pazos's adaptation of Flesch's reading ease to Spanish (F. Szigriszt Pazos,
Sistemas predictivos de legibilidad del mensaje escrito: fórmula de perspicuidad, doctoral thesis,
1993). A higher score is easier. It is read on the INFLESZ scale, which Barrio-Cantalejo and
colleagues drew from 630 passages (three from each of 210 publications chosen at random: the general
press, school books and scientific journals) to fit how Spanish readers read (I.M. Barrio-Cantalejo
et al., Validación de la Escala INFLESZ para evaluar la legibilidad de los textos dirigidos a
pacientes, An Sist Sanit Navar 2008;31(2):135-152):

    0-40    muy difícil (very hard)
    40-55   algo difícil (somewhat hard)
    55-65   normal
    65-80   bastante fácil (quite easy)
    80-100  muy fácil (very easy)

Sources checked for these bands: the paper's abstract as SciELO publishes it
(scielo.isciii.es, pid S1137-66272008000300004: the general press for adults scored 60, scientific
journals 37) and the table of the scale at legible.es (A. Muñoz Fernández, "Escala Inflesz", which
cites the paper). Note that 55 is where "normal" begins; "bastante fácil" begins at 65.

The limits (readability.py): every Spanish page 55 or more, so that no page is "algo difícil" or
harder; the pages' median 65 or more, "bastante fácil", so that a typical page reads more easily
than the general press for adults (60 in the paper). (The English rule has the same shape: each
page grade 8 or lower, the median a grade easier.)

Syllables follow Spanish syllabification. Each group of vowels is one syllable or more:

- a, e, o (and á, é, ó) are strong; i, u, ü are weak, and so is y when no vowel follows it
  ("hoy", "buey", "y"), while before a vowel it is a consonant ("ayuda", "reyes");
- a weak vowel joins the strong vowel beside it, and two weak vowels join each other: a diphthong
  or a triphthong is one syllable ("cuidado" 3, "Uruguay" 3, "buey" 1);
- a written accent on a weak vowel (í, ú) makes it strong: the hiatus splits the group ("día" 2,
  "reúne" 3); two strong vowels are two syllables ("aéreo" 4, "leer" 2);
- the silent u of "gue", "gui", "que", "qui" needs no rule: as a weak vowel it joins the next one
  ("guerra" 2, "quiero" 2); the ü of "güe", "güi" is sounded and joins too ("pingüino" 3).

So a group counts its strong vowels, or one if it has none. An "h" between vowels is counted as a
consonant. Other words in a Spanish page (names, English titles: "Spravato", "off-label") are counted
by the same rules.

Numbers and abbreviations, as the English module treats them but in Spanish terms: a number of one
digit counts the syllables of its Spanish name ("dos" 1, "cuatro" 2); a longer number counts 2. An
abbreviation in capitals of 2 to 6 letters is read as a word when Spanish can pronounce it ("SIDA",
"TOC", "NICE") and letter by letter otherwise, each letter as its Spanish name is said ("FDA": efe-de-a,
4; "TCC": te-ce-ce, 3). It is unpronounceable when it has no vowel, starts with two consonants that
do not begin a Spanish syllable, ends with two consonants, or has three consonants together. A
hyphenated word counts each part.
"""

from __future__ import annotations

import re
import unicodedata

STRONG = frozenset("aeoáéóíúàèòìùâêôîû")  # an accented i or u is strong: it breaks the diphthong
WEAK = frozenset("iuüï")
VOWELS = STRONG | WEAK | {"y"}
# Syllables of each letter's Spanish name (RAE): a, be, ce, de, e, efe, ge, hache, ...
LETTER_NAMES = {
    **dict.fromkeys("abcdegikopqtuy", 1),  # a, be, ce, de, e, ge, i, ka, o, pe, cu, te, u, ye
    **dict.fromkeys("fjlmnñrsvxz", 2),  # efe, jota, ele, eme, ene, eñe, erre, ese, uve, equis, zeta
    "h": 2,  # hache
    "w": 3,  # uve doble
}
DIGIT_NAMES = {"0": 2, "1": 2, "2": 1, "3": 1, "4": 2, "5": 2, "6": 1, "7": 2, "8": 2, "9": 2}  # cero, uno, dos...
# Two consonants that can begin a Spanish syllable, and so an abbreviation read as a word.
ONSETS = frozenset({"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr", "ch", "ll", "rr"})
PERSPICUITY_BASE = 206.835
SYLLABLE_WEIGHT = 62.3


def perspicuity(words: int, sentences: int, syllables: int) -> float:
    """The Szigriszt-Pazos index (unrounded); the caller checks that words and sentences are not 0."""
    return PERSPICUITY_BASE - SYLLABLE_WEIGHT * syllables / words - words / sentences


def syllables_in(word: str) -> int:
    """The syllables of one word of Spanish text, as readability.WORDS_ES finds words."""
    word = unicodedata.normalize("NFC", word.replace("’", "'"))
    if "-" in word:
        return sum(syllables_in(part) for part in word.split("-") if part)
    if any(character.isdigit() for character in word):
        digits = re.sub(r"\D", "", word)
        return DIGIT_NAMES.get(digits, 2) if len(digits) == 1 else 2
    letters = "".join(character for character in word if character.isalpha())
    if not letters:
        return 1
    if letters.isupper() and 1 < len(letters) <= 6 and not _pronounceable(letters.lower()):
        return sum(LETTER_NAMES.get(_base(letter), 1) for letter in letters.lower())
    return _count(letters.lower())


def _count(word: str) -> int:
    count, group = 0, ""
    for index, character in enumerate(word):
        following = word[index + 1] if index + 1 < len(word) else ""
        if character in VOWELS and not (character == "y" and following in VOWELS):
            group += character
            continue
        count += _nuclei(group)
        group = ""
    count += _nuclei(group)
    return max(1, count)


def _nuclei(group: str) -> int:
    """Syllables in one group of vowels: its strong vowels, or one for weak vowels alone."""
    if not group:
        return 0
    return max(1, sum(character in STRONG for character in group))


def _pronounceable(letters: str) -> bool:
    plain = "".join(_base(letter) for letter in letters)
    consonant_runs = re.findall(r"[^aeiou]+", plain)
    if len(consonant_runs) == 1 and consonant_runs[0] == plain:
        return False  # no vowel: TCC, HHS
    start = re.match(r"[^aeiou]*", plain).group(0)
    end = re.search(r"[^aeiou]*$", plain).group(0)
    if len(start) > 2 or (len(start) == 2 and start not in ONSETS):
        return False  # FDA, FBI
    if len(end) > 1:
        return False  # ADN, TEPT, EMT
    return all(len(run) <= 2 for run in consonant_runs)


def _base(letter: str) -> str:
    """A letter without its accent ("á" -> "a"); "ñ" stays."""
    if letter == "ñ":
        return letter
    return unicodedata.normalize("NFD", letter)[0]
