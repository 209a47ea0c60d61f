"""The intake stage: the conversation with a consultant, in the terminal or over JSON lines.

One conversation (``conversation.py``) asks only what can still change the outcome; the terminal
(``terminal.py``, prompt-toolkit) and the JSON-lines protocol (``jsonl.py``) are two front ends to it.
"""
