"""The present stage: every rendering of one result, in the consultant's words.

Statements and sentences from the rule file's labels, the explanation, the letter (besluit), the
Markdown and HTML documents, the iWmo 301 message and the compare report; none of them recomputes
a date, an amount or a product.
"""
