"""The asker's own attempts: values a post offers for what it asks, which are claims, not data.

A forum post often says what its writer got ("I got alpha = 4/121 but I'm not sure about
beta"). When the symbol so valued is one the text asks for (it appears in a request), the
clause is the asker's attempt: reading it as a given would answer the question with the
asker's guess. Such a clause is taken out of the text before the families read it, and listed
with what normalisation removed, so it is shown, never silently dropped.
"""

from __future__ import annotations

import re

from optiproof.core.text.match import sentences
from optiproof.reading.questions import _SYMBOL, is_request
from optiproof.reading.symbols import symbol_key

_VALUE = r"(?:\([^()]{1,40}\)|[^,;.?!(]|\.(?=\d)){1,60}?"
_ATTEMPT = re.compile(
    r"\b(?:I|we)(?:'ve| have)? (?:got|get|found|find|obtained|obtain|computed|calculated|derived|"
    r"think|believe|guess|suspect|reckon|ended up with|end up with|came up with|keep getting)"
    r"(?: that| it| as| is)? (?:[a-z' ]{0,30}?)(?P<sym>" + _SYMBOL + r") ?(?:=|≈) ?"
    + _VALUE + r"(?=,| but\b| and\b|;|\. |\?|!|\.?$)",
    re.I)
_MY = re.compile(r"\bmy (?:answer|result|guess|attempt|value|solution) (?:for|of) (?P<sym>"
                 + _SYMBOL + r") (?:is|was|=) " + _VALUE + r"(?=,| but\b|;|\. |\?|!|\.?$)", re.I)
_MY_THAT = re.compile(r"\bmy\s(?:(?:own|best|first)\s)?(?:answer|result|guess|hunch|attempt)\s(?:is|was|"
                      r"would\sbe)\sthat\s(?:the\s[a-z-]{2,20}(?:\s[a-z-]{2,20})?\s(?:is|was|would\sbe)\s)?"
                      r"(?P<sym>" + _SYMBOL + r") ?(?:=|≈) ?" + _VALUE
                      + r"(?=,| but\b|;|\. |\?|!|\.?$)", re.I)
""""My guess was that the threshold is λ = ‖g‖_2 = √109 ≈ 10.44 but ...": the asker's value for a
symbol, a claim when the text asks for that symbol (before or after the guess)."""

_MORE = re.compile(r"(?:,? and|,) (?:the |a |my )?(?:[A-Za-z][\w-]{0,15}|" + _SYMBOL + r")(?: ?(?:=|≈)| of| is)? ?"
                   r"-?\d{1,12}(?:\.\d{1,12})?(?:/\d{1,12})?(?![\w.])(?: for (?:part )?\(\w{1,3}\))?",
                   re.I)
"""A further value of the same attempt ("I got β = 0.6 and rate 0.36 for (3)"): the asker's
too, dropped with it."""
_GUESS = re.compile(r"\bmy (?:(?:own|best|first) )?(?:guess|hunch|attempt|answer|bet)(?: here)? (?:is|was|would be)"
                    r"(?: that)? (?:they(?:'re| are)(?: all| both)?|it(?:'s| is)(?: just)?) "
                    + _VALUE + r"(?=,| but\b|;|\. |\?|!|\.?$)", re.I)
""""my guess is they're all 1/‖g‖_2", "my hunch is that it's 0.5": the asker's value for what the
request before it asks (the pronoun is the asked quantity), so a claim whatever the symbol."""


_GUESS_FOR_PART = re.compile(
    r"\b(?:my|our) (?:own |best |first |initial )?(?:guess|hunch|answer|attempt|bet|intuition|"
    r"expectation|result) (?:for|to|on|in|of) (?:part |question |q(?:uestion)? ?|item |task )?"
    r"(?:\(\w{1,3}\)|\w{1,3}\)|\w{1,3}\b)\.?,? (?:is|was|would be|=)\b"
    r"(?:[^?\n]|\n(?![ \t]*\n)){1,400}?(?:\?|(?=\n[ \t]*\n)|$)", re.I)
"""'My guess for 3) is that without bias correction the first step is tiny, like 10x smaller
than lr … is that right?', 'My answer to (b) was 0.3 - correct?': the asker's value for a part
named by its label, with the doubt that closes it, up to its question mark or the paragraph's
end: a claim to check, never data."""

_FOR_PART = (r"(?: (?:for|on|at|to|of|in) (?:part |question |problem |exercise |task )?(?:Q|\()?\w{1,4}\)?"
             r"(?:(?:,| and| &) (?:Q|\()?\w{1,4}\)?){0,4})")
"""The part a paragraph of work is for: " for 1", " on (b)", " for Q1 and Q2", " at part 2"."""
_ATTEMPT_PARAGRAPH = re.compile(r"(?:(?<=\n)|^)[ \t]*(?:\*\*|__)?(?:my (?:attempt|attempts|work|working|answers|"
                                r"answer|numbers|results|reasoning|thinking|logic)(?: so far)?" + _FOR_PART
                                + r"?(?: so far)?|what i (?:got|have) so far) ?(?:\*\*|__)? ?:"
                                r"[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*", re.I)
"""A paragraph that opens with the asker's own work ("My attempt: 1) 2/100 = 0.02. 2) I computed
… Where am I going wrong?", "My attempt for 1: …", "**My working on (b):** …", "My reasoning: the
biggest coefficient is 9 so ..."), after a question: the asker's values, a claim to check, never
data (only the questions before it are asked)."""

_MY_COLON = re.compile(r"\bmy (?:own )?(?:attempt|answer|guess|try|solution|result|working)s?"
                       r"(?: so far)? ?: ?(?P<body>(?:[^.?!\n]|\.(?=\d)|\n(?![ \t]*\n))+[.!]?)", re.I)
""""My attempt: it's just GD so u* = -alpha*g/2 = (-0.5, 0.75, -1.5).": a sentence of the
asker's own work inside a paragraph (before or among the questions) that values a symbol the
text asks for: a claim to check, dropped whole with its values."""

_COMPUTED = re.compile(r"[\d)](?: ?[kKMGT]i?B| ?bytes)? ?[*×·x/+] ?[\d(][^=\n]{0,40}?= ?[~≈]?\d")
"""A computation carried out to a number ("2 * 500 MB * 64 = 64 GB"): the asker's working, so the
sentence of "My attempt: ..." holding it is a claim, not data."""

_VALUE_ASIDE = re.compile(r"\( ?(?:(?:I|we)(?:'ve| have|'m| am| are|'re)?(?: also)? (?:got|get|getting|found|obtained|tried|"
                          r"computed|calculated|ended up with|end up with|came up with|keep getting)|"
                          r"my (?:answer|result|attempt|guess|number|value) (?:is|was|=|:)) (?:that |about |"
                          r"around |roughly |approximately |something like )?(?:[~≈]?[-−]?\d[^()\n]{0,160}|"
                          r"(?=[^()\n]{0,160}\b(?:confus\w*|weird|wrong|not sure|unsure|seems?|makes? no "
                          r"sense|right\?|correct\?))[^()\n]{1,160})\)", re.I)
""""(I got 9.6 GB but that seems like it ignores the n-1 thing?)", "(I got something with a
nonzero second coordinate even though g_2 = 0, which is why I'm confused)": an aside after a
request that offers the asker's own result for it (a number, or a result with the asker's
doubt), with whatever follows; the asker's claim, not data and not a further question."""


_EXPECTED = re.compile(
    r"\b(?:I|we)(?:'d| had| would have)? (?:expected|assumed|was expecting|were expecting|"
    r"figured|guessed) (?:that )?(?:the |my |its |their |this |that )?(?P<what>[a-z][a-z -]{1,30}?) "
    r"(?:to be|would be|to equal|to come out as) (?P<value>(?:\[[^\[\]\n]{1,80}\]|\([^()\n]{1,80}\)|"
    r"[^,;?!(\[\n]|\.(?=\d)){1,80}?)(?=,| but\b|;|\.(?!\d)|\?|!|$)", re.I)
"""'I expected the update to be -lr * g = [-9e-5, 6e-3, -3e-8], which …': the value the asker
expected for what the text asks (its noun is in a request), a claim to check, not data."""


def drop_attempts(text: str, removed: list[str]) -> str:
    """``text`` without the clauses that offer the asker's own value for a symbol the text
    asks for; each dropped clause is added to ``removed``."""
    text = _drop_expected(text, removed)
    for m in list(_ATTEMPT_PARAGRAPH.finditer(text))[::-1]:   # "My attempt: 1) 2/100 = 0.02. …"
        if m.start() > 0 and re.search(r"\?|\b(?:what|which|how|find|compute|give)\b",
                                       text[:m.start()], re.I):
            removed.append(f"the asker's own attempt {' '.join(m.group(0).split())[:120]!r} (a "
                           "claim to check, not data)")
            text = text[:m.start()] + "\n" + text[m.end():]
    for m in list(_GUESS_FOR_PART.finditer(text))[::-1]:   # "My guess for 3) is that …"
        if re.search(r"\?|\b(?:what|which|how|find|compute|give)\b", text[:m.start()], re.I):
            removed.append(f"the asker's own attempt {' '.join(m.group(0).split())[:120]!r} (a "
                           "claim to check, not data)")
            text = text[:m.start()] + " " + text[m.end():]
    for m in list(_VALUE_ASIDE.finditer(text))[::-1]:
        if _after_a_request(text[:m.start()]):
            removed.append(f"the asker's own attempt {' '.join(m.group(0).split())!r} (a claim to "
                           "check, not data)")
            text = text[:m.start()] + " " + text[m.end():]
    if _MY_COLON.search(text):
        flat = " ".join(text.split())
        asked = " ".join(s for _, s in sentences(flat) if is_request(s))
        for m in list(_MY_COLON.finditer(text))[::-1]:
            valued = [v.group(1) for v in re.finditer("(" + _SYMBOL + r") ?(?:=|≈)",
                                                      m.group("body"))]
            if any(_asked(v, asked.replace(" ".join(m.group(0).split()), " ")) for v in valued) \
                    or _COMPUTED.search(m.group("body")):
                removed.append(f"the asker's own attempt {' '.join(m.group(0).split())!r} (a "
                               "claim to check, not data)")
                text = text[:m.start()] + " " + text[m.end():]
    if not _ATTEMPT.search(text) and not _MY.search(text) and not _GUESS.search(text) \
            and not _MY_THAT.search(text):
        return text
    flat = " ".join(text.split())
    asked = " ".join(s for _, s in sentences(flat) if is_request(s))
    out = text
    for m in [*_ATTEMPT.finditer(text), *_MY.finditer(text), *_MY_THAT.finditer(text)]:
        sym = m.group("sym")
        if not _asked(sym, asked.replace(" ".join(m.group(0).split()), " ")):
            continue
        said = m.group(0)
        more = _MORE.match(text, m.end())
        while more is not None and more.group(0):   # "I got β = 0.6 and rate 0.36 for (3)"
            said += more.group(0)
            more = _MORE.match(text, m.start() + len(said))
        aside = _whole_aside(text, m)   # "(I got u* = -g/2 but my friend says ...)": all of it
        said = aside if len(aside) > len(said) else said
        out = out.replace(said, " ", 1)
        removed.append(f"the asker's own attempt {' '.join(said.split())!r} (a claim to "
                       "check, not data)")
    for m in _GUESS.finditer(text):
        if not _after_a_request(text[:m.start()]):
            continue
        out = out.replace(m.group(0), " ", 1)
        removed.append(f"the asker's own attempt {' '.join(m.group(0).split())!r} (a claim to "
                       "check, not data)")
    return out


_ASIDE_REST = re.compile(r"[^()\n=]{0,100}(?=\))")


def _whole_aside(text: str, m: re.Match) -> str:
    """The attempt, and when it opens an aside in parentheses ("(I got u* = -g/2 but my friend
    says that's the l2 answer)"), the rest of that aside too: what others got is no more data
    than what the asker got (a rest with no '=' and no parenthesis, up to 100 characters)."""
    if not re.search(r"\( ?$", text[max(0, m.start() - 2):m.start()]) or \
            m.group(0).count("(") != m.group(0).count(")"):
        return m.group(0)   # not an aside's opening, or a parenthesis of its value left open
    rest = _ASIDE_REST.match(text, m.end())
    return m.group(0) + rest.group(0) if rest else m.group(0)


def _drop_expected(text: str, removed: list[str]) -> str:
    """``text`` without the values the asker says they expected for a quantity a request asks
    ('I expected the update to be …'), each added to ``removed``; only a value with a number,
    and only when the expected thing's noun is in a request."""
    found = [m for m in _EXPECTED.finditer(text) if re.search(r"\d", m.group("value"))]
    if not found:
        return text
    flat = " ".join(text.split())
    asked = " ".join(s for _, s in sentences(flat) if is_request(s))
    for m in found[::-1]:
        noun = m.group("what").split()[-1].lower()
        if len(noun) < 3 or not re.search(rf"\b{re.escape(noun)}s?\b",
                                          asked.replace(" ".join(m.group(0).split()), " "), re.I):
            continue
        removed.append(f"the asker's own expectation {' '.join(m.group(0).split())!r} (a claim "
                       "to check, not data)")
        text = text[:m.start()] + " " + text[m.end():]
    return text


def _asked(symbol: str, requests: str) -> bool:
    """True when ``symbol`` (in any notation) appears in the request sentences."""
    key = symbol_key(symbol)
    return any(symbol_key(m.group(0)) == key for m in re.finditer(_SYMBOL, requests))


def _after_a_request(before: str) -> bool:
    """True when the sentence before a guess asks something, a request or a question mark or
    "same question for ...": the guess answers it."""
    flat = " ".join(before.split())
    last = [s for _, s in sentences(flat)][-1:] if flat else []
    return bool(last) and (is_request(last[0]) or "?" in last[0]
                           or re.search(r"\bquestion\b", last[0], re.I) is not None)
