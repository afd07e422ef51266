"""The build markers: HTML comments on a line of their own that the build replaces with a list
(content_checks/render.py), so a page still reads sensibly without the build.

    <!-- content: evidence-overview -->   a table of every page with `evidence:`, with its labels
    <!-- content: evidence-scale -->      the evidence scale and what each level means
    <!-- content: all-references -->      every source in data/references.yml
    <!-- content: clinic-review -->       whether the hosting clinic's clinician has reviewed the pages
"""

EVIDENCE_OVERVIEW_MARKER = "<!-- content: evidence-overview -->"
EVIDENCE_SCALE_MARKER = "<!-- content: evidence-scale -->"
ALL_REFERENCES_MARKER = "<!-- content: all-references -->"
CLINIC_REVIEW_MARKER = "<!-- content: clinic-review -->"
