"""The forbidden-claims check (content_checks/claims.py and data/forbidden-claims.yml): a claim fails
the build with its line, sentence and source; an allowed refutation passes for its own sentence only;
the evidence brief's claims are caught and honest statements are not."""

from __future__ import annotations

import pytest

from content_checks import claims
from tests.content_site import CLAIMS, DATA_PROBLEMS, PLAIN, REFERENCES, build_site, failure, page


def test_a_forbidden_claim_fails_the_build_naming_the_line_and_the_claim(tmp_path, caplog):
    body = PLAIN + "\nKetamine is a safe choice.\nIt has no side effects at all.\n"
    log = failure(tmp_path, caplog, {"index.md": page(body)})
    assert "index.md:11: forbidden claim 'no-side-effects'" in log
    assert '"no side effects" in the sentence "It has no side effects at all."' in log
    assert "(source: spravato-label)" in log
    assert "allow_claims:" in log  # the fix says how to allow a refuting sentence


def test_a_claim_in_the_title_description_heading_or_table_is_caught(tmp_path, caplog):
    body = PLAIN + "\n## Proven for PTSD\n\n| What | Claim |\n| --- | --- |\n| Ads | You qualify |\n"
    log = failure(tmp_path, caplog, {"index.md": page(body, description="Ketamine cures depression.")})
    assert "index.md:3: forbidden claim 'cures-depression'" in log
    assert "forbidden claim 'proven-for-ptsd'" in log
    assert "index.md:14: forbidden claim 'you-qualify'" in log


def test_an_allowed_refutation_passes_but_only_for_its_own_sentence(tmp_path, caplog):
    refuting = "No study shows that ketamine cures depression."
    allowed = page(PLAIN + "\n" + refuting + "\n", allow_claims=[{"claim": "cures-depression", "sentence": refuting}])
    site = build_site(tmp_path / "good", {"index.md": allowed})
    assert refuting in (site / "index.html").read_text(encoding="utf-8")

    also = page(
        PLAIN + "\n" + refuting + " Ketamine cures depression.\n",
        allow_claims=[{"claim": "cures-depression", "sentence": refuting}],
    )
    log = failure(tmp_path / "bad", caplog, {"index.md": also})
    assert 'the sentence "Ketamine cures depression."' in log
    assert f'the sentence "{refuting}"' not in log


def test_an_unused_or_malformed_allowance_fails(tmp_path, caplog):
    unused = page(allow_claims=[{"claim": "cures-depression", "sentence": "A sentence not on the page."}])
    wrong = page(allow_claims=["cures-depression"])
    log = failure(tmp_path, caplog, {"index.md": unused, "other.md": wrong})
    assert "index.md:6: an 'allow_claims' entry for 'cures-depression' is not used" in log
    assert "other.md:6: an 'allow_claims' entry is not valid" in log


BRIEF_CLAIMS = [  # the evidence brief's section 5, and the list
    "FDA-approved ketamine for depression.",
    "Ketamine is FDA approved for depression.",
    "Ketamine treatment is FDA-approved.",
    "Ketamine is non-addictive.",
    "It has no abuse potential.",
    "There are no side effects.",
    "It has minimal side effects.",
    "Ketamine is completely safe.",
    "Ketamine cures depression.",
    "The results are permanent.",
    "Get permanent results.",
    "Ketamine works for everyone.",
    "We see 70-90% success.",
    "It stops suicidal thoughts.",
    "Esketamine prevents suicide.",
    "At-home oral ketamine is as safe as in-clinic care.",
    "Ketamine is proven for PTSD.",
    "It is proven to treat OCD.",
    "It is proven for anxiety.",
    "It is a proven treatment for bipolar depression.",
    "It is proven for addiction.",
    "Ketamine is proven for fibromyalgia.",
    "Ketamine rewires your brain.",
    "It regrows the brain.",
    "Ketamine heals your brain.",
    "Esketamine is approved for teens.",
    "You can drive yourself home.",
    "You qualify for treatment.",
    "You are a good candidate.",
    "This site is HIPAA-compliant.",
    "We never share data.",
]
HONEST = [
    "Ketamine is FDA-approved only as an anesthetic.",
    "Ketamine is not approved for any mental health condition.",
    "Esketamine nasal spray is approved for adults with treatment-resistant depression.",
    "It is not approved for children.",
    "Do not drive yourself home.",
    "You cannot drive home.",
    "Do not drive until the next day, after a good night's sleep.",
    "This self-check cannot tell you whether you qualify.",
    "A few side effects are common.",
    "About 55 in 100 people responded to ketamine.",
    "This happened to 61 to 84 in 100 people.",
    "A large rise happened in 8-19% of people.",
    "Ketamine can be misused.",
    "Ask your provider which treatments have the best evidence for PTSD.",
    "Some ideas are about how brain cells connect and change.",
]


@pytest.mark.parametrize("sentence", BRIEF_CLAIMS)
def test_every_claim_in_the_brief_is_caught(sentence):
    assert [claim.id for claim in CLAIMS if claim.matches(sentence)], sentence


@pytest.mark.parametrize("sentence", HONEST)
def test_honest_statements_are_not_caught(sentence):
    assert not [claim.id for claim in CLAIMS if claim.matches(sentence)], sentence


def test_the_claims_list_is_valid_and_cites_known_sources():
    assert DATA_PROBLEMS == []
    assert len({claim.id for claim in CLAIMS}) == len(CLAIMS)
    assert all(claim.source in REFERENCES for claim in CLAIMS)


def test_a_broken_claims_list_is_reported_with_its_entry(tmp_path):
    bad = tmp_path / "forbidden-claims.yml"
    bad.write_text(
        "claims:\n  - id: broken\n    claim: x\n    reason: y\n    source: nowhere\n    patterns: ['(unclosed']\n",
        encoding="utf-8",
    )
    _, problems = claims.load(bad, REFERENCES)
    text = "\n".join(map(str, problems))
    assert "claim 'broken': 'source' is not valid" in text
    assert "claim 'broken': 'patterns' is not valid" in text
