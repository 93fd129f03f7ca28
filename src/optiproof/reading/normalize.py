"""Normalisation: pasted problem text (Unicode, ASCII, LaTeX, Markdown, PDF garble) -> one form.

The canonical form every family reader matches against:

- Greek letters as Unicode (``α η θ β γ λ Δ ∇``), ``∞`` for infinity, ``‖`` for norm bars,
  ``≤ ≥ ∈ →`` for relations, ``^T`` for a transpose;
- sub/superscripts as ``_x`` and ``^x`` (``‖x‖_∞^2``), braces dropped;
- LaTeX matrices as nested brackets (``[[1, 2], [3, 4]]``), fractions as ``(a)/(b)``;
- no Markdown emphasis, no ``$`` delimiters, no PDF debris ("Print Image", underbrace labels,
  lone equation numbers), lines kept (parts are split on them).

Scripts and stacked fractions that a PDF copy set on lines of their own are read back into the
formula first (:mod:`optiproof.reading.pdflines`).

Every regular expression here is linear-time: quantifiers are bounded or run over a character
class that excludes the closing delimiter, so no input can make them backtrack quadratically.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from optiproof.core.errors import BadInput
from optiproof.core.limits import LIMITS
from optiproof.core.text.record import flatten
from optiproof.core.text.counts import NUMBER_WORDS
from optiproof.reading.pdflines import rejoin_scripts, rejoin_word_fraction

# -- decoding and limits ------------------------------------------------------------------


def decode_input(text: str | bytes) -> str:
    """Bytes or str -> str, refusing empty, binary, undecodable and oversized input (BadInput)."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > LIMITS.max_text_bytes:
            raise BadInput(f"the problem text is {len(text) // 1000} kB, over the limit of "
                           f"{LIMITS.max_text_bytes // 1000} kB", field="PROBLEM",
                           expected="a shorter problem text")
        if b"\x00" in text:
            raise BadInput("the input contains NUL bytes: it looks like binary data, not text",
                           field="PROBLEM", expected="UTF-8 problem text")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise BadInput(f"the input is not UTF-8 text (undecodable byte at offset "
                           f"{err.start})", field="PROBLEM",
                           expected="UTF-8 problem text") from None
    if not isinstance(text, str):
        raise BadInput(f"expected problem text, got {type(text).__name__}", field="PROBLEM")
    if len(text) > LIMITS.max_text_bytes or len(text.encode("utf-8", "replace")) > \
            LIMITS.max_text_bytes:
        raise BadInput(f"the problem text is over the limit of {LIMITS.max_text_bytes // 1000} "
                       "kB", field="PROBLEM", expected="a shorter problem text")
    if "\x00" in text:
        raise BadInput("the input contains NUL characters: it looks like binary data, not text",
                       field="PROBLEM", expected="UTF-8 problem text")
    if not text.strip():
        raise BadInput("the problem text is empty", field="PROBLEM",
                       expected="the text of a problem")
    controls = sum(1 for c in text[:4096] if unicodedata.category(c) == "Cc"
                   and c not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 20):
        raise BadInput("the input is mostly control characters: it looks like binary data",
                       field="PROBLEM", expected="UTF-8 problem text")
    if "\ufffd" in text[:4096] and text[:4096].count("\ufffd") > 16:
        raise BadInput("the input is full of replacement characters (undecodable bytes)",
                       field="PROBLEM", expected="UTF-8 problem text")
    return text


# -- character maps -----------------------------------------------------------------------

_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ᵀᵗⁱⁿᵏʲᵐ", "0123456789+-Ttinkjm",
                         strict=True))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋ₜᵢₙₖₚ", "0123456789+-tinkp", strict=True))

_CHAR_MAP = {
    "\u2212": "-", "\u2013": "-", "\u2010": "-", "\u2011": "-", "\u00ad": "",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00a0": " ", "\t": " ",
    "\u2225": "‖", "\u01c1": "‖", "\u2016": "‖", "\u2044": "/", "\u2215": "/",
    "\u2018": "'", "\u2019": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u22c5": "·", "\u2219": "·",
    "\u2264": "≤", "\u2265": "≥", "\u2190": "←", "\u2192": "→", "\u27f5": "←", "\u27f6": "→",
    "\u03d1": "θ", "\u03f5": "ε", "\u0251": "α", "\u221e": "∞", "\u2207": "∇",
    "\u2206": "Δ", "\u01eb": "ε", "\U0001d7ce": "0", "\U0001d7cf": "1",
}

_LATEX_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "eta": "η",
    "theta": "θ", "vartheta": "θ", "lambda": "λ", "mu": "μ", "sigma": "σ", "Sigma": "Σ",
    "epsilon": "ε", "varepsilon": "ε", "tau": "τ", "rho": "ρ", "nabla": "∇", "infty": "∞",
    "partial": "∂", "top": "^T", "intercal": "^T", "cdot": "·", "times": "×", "odot": "⊙", "oslash": "⊘", "le": "≤",
    "leq": "≤", "ge": "≥", "geq": "≥", "preceq": "⪯", "succeq": "⪰", "succ": "≻", "prec": "≺", "in": "∈", "to": "→",
    "rightarrow": "→", "mapsto": "→",
    "leftarrow": "←", "gets": "←", "approx": "≈", "ne": "≠", "neq": "≠", "equiv": "≡", "sum": "Σ",
    "ell": "l", "ldots": "...", "cdots": "...", "dots": "...", "prime": "'", "star": "*",
    "ast": "*", "mid": "|", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖",
    "lVert": "‖", "rVert": "‖", "langle": "⟨", "rangle": "⟩", "max": "max", "min": "min",
    "argmin": "argmin", "argmax": "argmax", "sup": "sup", "sqrt": "sqrt", "log": "log",
    "dagger": "†", "dag": "†", "quad": " ", "qquad": " ", "colon": ":", "sign": "sign", "operatorname*": "",
}
_LATEX_DROP = ("left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big", "bigg", "Bigg",
               "displaystyle", "textstyle", "limits", "nolimits", "label", "nonumber", "tag",
               "hline")
_LATEX_WRAPPERS = ("mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathsf", "mathtt",
                   "mathcal", "mathbb", "text", "textbf", "textit", "textrm", "texttt", "textsf", "textsc", "emph",
                   "operatorname", "mbox", "hat", "tilde", "bar", "vec", "widehat", "overline",
                   "section", "subsection", "subsubsection", "paragraph", "title", "underbrace")

_WORD_GREEK = {"alpha": "α", "eta": "η", "theta": "θ", "beta": "β", "gamma": "γ", "rho": "ρ",
               "kappa": "κ",
               "lambda": "λ", "Delta": "Δ", "nabla": "∇", "infty": "∞", "sigma": "σ",
               "epsilon": "ε", "mu": "μ", "tau": "τ", "Theta": "θ"}

# -- regular expressions (all bounded) -----------------------------------------------------

_LIST_TOKEN = re.compile(r"\\begin\{(enumerate|itemize|description)\}(\[[^\]\n]{0,60}\])?"
                         r"|\\end\{(?:enumerate|itemize|description)\}"
                         r"|\\item\b(?:\[([^\]\n]{0,20})\])?")
_PREAMBLE = re.compile(r"\\(?:documentclass|usepackage)(?:\[[^\]\n]{0,60}\])?\{[^}\n]{0,200}\}"
                       r"|\\(?:begin|end)\{document\}")
_ENV_TITLE = re.compile(r"\\begin\{(?:problem|exercise|question)\}(?:\[([^\]\n]{0,200})\])?")
_COMMAND_RUN = re.compile(r"(\\[A-Za-z]{1,20})(?=\\[A-Za-z])")
_MATRIX_ENV = re.compile(r"\\begin\{([bpvBV]?matrix|array)\}(\{[lcr|]{0,64}\})?")
_FRAC = re.compile(r"\\[dt]?frac\s{0,3}\{([^{}]{0,80})\}\s{0,3}\{([^{}]{0,80})\}")
_FRAC_DIGITS = re.compile(r"\\[dt]?frac(\d)(\d)")
_FRAC_TOKENS = re.compile(r"\\[dt]?frac\s{0,2}(\{[^{}]{0,80}\}|\\[A-Za-z]{2,12}|[0-9A-Za-z])\s{0,2}"
                          r"(\{[^{}]{0,80}\}|\\[A-Za-z]{2,12}|[0-9A-Za-z])")
r"""``\frac1\alpha``, ``\frac{1}\eta``, ``\frac1{2\eta}``: TeX's one-token arguments, unbraced."""
_WRAPPER = re.compile(r"\\(" + "|".join(_LATEX_WRAPPERS) + r")\*?\s{0,3}\{([^{}]{0,200})\}")
_SQRT = re.compile(r"\\sqrt\s{0,3}\{([^{}]{0,80})\}")
_COMMAND = re.compile(r"\\([A-Za-z]{1,20}\*?)")
_SPACING = re.compile(r"\\[,;:! ]")
_TIE = re.compile(r"(?<=[\w}.)$])~(?=[\w\\{$(])")
"""A LaTeX tie (``25~GB/s``, ``Fig.~2``, ``$25$~GB/s``): a space."""
_ESCAPED_BAR = re.compile(r"\\\|")
_MATH_DELIM = re.compile(r"\\[()\[\]]")
_PDF_ELL = re.compile(r"(?<![`\w])`(?=(?:1|2|∞|p|q)[ -]?(?:norms?|balls?|penalt|steps?|constraint|trust|"
                      r"regulari|geometry|case)\b)")
"""A PDF copy's ``\\ell`` printed as a backtick: "the `1 norm", "`∞-ball" (not Markdown code)."""
_MD_EMPH = re.compile(r"\*\*|__|`{1,3}")
_MD_ITALIC = re.compile(r"(?<![\w*^_\\])([*_])([A-Za-z][A-Za-z' -]{0,40}?[A-Za-z]|[A-Za-z])\1(?![\w*^(])")
"""Markdown italics around words ("*each* worker", "_sent_"): the words alone (not a product
a*b*c, a superscript star, or an index _i_)."""
_MD_HEADING = re.compile(r"^#{1,6} {0,3}", re.M)
_MD_ESCAPED = re.compile(r"(?<!\\)\\([*_])")
"""A Markdown (or LaTeX text-mode) escaped star or underscore ("M^\\*", "w\\_1"): the character
itself, a superscript star or an index."""
_SLASH_NORM = re.compile(r"(?<![:/])//([^/\n]{1,60})//")
_DOUBLE_BAR = re.compile(r"\|\|")
_WORD_DAGGER = re.compile(r"\^ ?\{?(?:dagger|dag)\}?(?![A-Za-z])")
"""``theta^dagger`` typed in ASCII: the dagger symbol."""
_SHORT_GREEK = {"lam": "λ", "lmbda": "λ", "lmbd": "λ"}
"""Names an ASCII writer shortens λ to ('lam = 1.5'); 'eps' the readers read as it is."""


def _short_greek(text: str, notes: list[str]) -> str:
    """``lam`` (λ shortened in ASCII) -> ``λ``, only in a text that sets the short name as a
    symbol somewhere ('lam = 1.5', 'lmbda=0.1'); the word elsewhere is left as written."""
    for short, letter in _SHORT_GREEK.items():
        if re.search(rf"(?<![\w\\]){short} ?=(?!=)", text):
            notes.append(f"read '{short}' as {letter} (a Greek letter written short in ASCII)")
            text = re.sub(rf"(?<![\w\\]){short}(?![\w(])", letter, text)
    return text


_WORD_GREEK_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(_WORD_GREEK) + r")(?![A-Za-z])")
_INF_INDEX = re.compile(r"(?<=[_lL∞\-\s])inf(?:inity|ty)?\b")
_GT_TRANSPOSE = re.compile(r"\b([gGaAxX])T(?=[ \t(Δθ])")
_PDF_GT_FORM = re.compile(r"(?<![\w^])([a-zθ]) ?> ?([A-Z])\1(?![\w])")
"""A PDF copy's quadratic form whose transpose sign came out as '>' ("x > Hx", "θ > Hθ"): the
same letter on both sides of the matrix, so xᵀHx (a comparison x > Hx is not written so)."""


def _pdf_gt_transpose(text: str) -> str:
    """``x > Hx − b > x`` of a PDF copy: ``x^T Hx − b^T x``, only where the form ``v > Mv``
    shows the variable v (a linear term's ``c > v`` of that same v then is ``c^T v``)."""
    letters = {m.group(1) for m in _PDF_GT_FORM.finditer(text)}
    if not letters:
        return text
    text = _PDF_GT_FORM.sub(lambda m: f"{m.group(1)}^T {m.group(2)}{m.group(1)}", text)
    alt = "|".join(map(re.escape, sorted(letters)))
    return re.sub(rf"(?<![\w^])([a-z]) ?> ?({alt})(?![\w])", r"\1^T \2", text)


_CARET_T = re.compile(r"\^\s{0,2}(?:\{\s{0,2}(?:T|\\top|⊤)\s{0,2}\}|(?:T|\\top|⊤)(?![A-Za-z]))")
_ALPHA_T = re.compile(r"(?<![A-Za-z])αt\b")
_A_SUB_T = re.compile(r"\ba_t\s{0,3}=\s{0,3}a\b")
_AT_POSITIVE = re.compile(r"\bat\s{0,2}>\s{0,2}0")
_ARGMIN_LINE = re.compile(r"\b(argmin|arg min|argmax|min|max)[ \t]{0,8}\n(?:[ \t]{0,8}\n)?[ \t]{0,8}"
                          r"([^\s]{1,8})[ \t]{0,8}\n")
_MAXI = re.compile(r"\bmax(i|j)\b")
_GARBLED_FRAC = re.compile(r"([+=])[ \t]{0,8}(\d{1,3})[ \t]{0,8}\n[ \t]{0,8}(\d{0,3}[ \t]{0,2}[αηλ])"
                           r"[ \t]{0,8}\n")
_NORM_PAIR = re.compile(r"‖([^‖\n]{1,60})‖")
_GARBLED_INDEX_PAIR = re.compile(r"[ \t]{0,4}\n?[ \t]{0,4}2[ \t]{0,4}\n?[ \t]{0,4}(∞|1|2|F|\*|p|RMS|op)"
                                 r"(?![\w.]\d)")
_GARBLED_INDEX_ONE = re.compile(r"[ \t]{0,4}(∞|F)(?!\w)")
_EQ_NUMBER_LINE = re.compile(r"^[ \t]{0,8}\(\d{1,3}\)[ \t]{0,8}[.,]?[ \t]{0,8}$", re.M)
_PAGE_NUMBER_LINE = re.compile(r"^[ \t]{20,160}\d{1,3}[ \t]{0,8}$", re.M)
_PAGE_FOOTER_LINE = re.compile(r"^[ \t]{20,160}\d{1,3}[ \t]{6,40}(?=[^\n]{0,80}[A-Za-z]{2})[^\n=?:]{2,80}$",
                               re.M)
"""A page footer a PDF copy keeps: the page number far to the right of the margin, then the
running header far apart from it ('      24          CS 7xx — Optimization for ML, Fall')."""
"""A lone number far to the right on its own line: a page number copied from a PDF."""
_DEBRIS_LINE = re.compile(r"^[ \t]{0,8}(?:\{z[ \t]{0,4}\}?|\}|\{|\||l|z|\|\{z\}|Print Image)"
                          r"[ \t]{0,8}$", re.M | re.I)
_PDF_INVERSE_WEIGHT = re.compile(r"(?<=\+ )([αηλγ])1 (?=k)")
"""``+ α1 kdk``: the inline fraction 1/α of a PDF, its denominator printed first."""
"""The last line of a page copied from a PDF: a page number alone, far to the right."""
_BRACES = re.compile(r"[{}]")
_SPACES = re.compile(r"[ \t\f\v]{2,}")
_BLANKS = re.compile(r"\n[ \t]{0,80}\n(?:[ \t]{0,80}\n){1,}")
_FIGURE_CAPTION = re.compile(r"(?:^|(?<=[.\n ]))(?:\d{1,2}\.[ \t]{0,4})?(?:Figure|Fig\.)[ \t]{0,4}"
                             r"\d{1,3}[:.][^\n]{0,400}"
                             r"(?:\n\n?[a-z][^\n]{0,200})?", re.M)
_ALGORITHM_LABEL = re.compile(r"^([ \t]{0,8}Algorithm)[ \t]{1,3}\d{1,2}(?=[ \t]{0,2}[:.]?[ \t]{1,3}[A-Z])",
                             re.M)
"""The label of an algorithm float a PDF copy keeps at a line's start ('Algorithm 1 Adam.'): its
number is no number of the problem."""
_SOURCE_LINE = re.compile(r"^[ \t]{0,8}Source:[^\n]{0,400}$", re.M)
_PLUS_MINUS_SPACING = re.compile(r"[ \t]{0,4}([=+])[ \t]{0,4}")


_GARBLED_HAT = re.compile(r"\u02c6([A-Za-z])")
_GARBLED_HAT_AFTER = re.compile(r"(?<![A-Za-z])([mvgθ])[ \t]{0,2}\n?[ \t]{0,2}\u02c6[ \t]?(?=\d|[tk]\b)")
"""A PDF copy's hat after its letter, before the index ('vˆ3', 'm⏎ˆ t': v̂_3, m̂_t)."""
_WIDE_HAT_B = re.compile(r"(?<![\w])([mv])b ?(t|\d)(?!\w|\.\d)")


def _wide_hat_as_b(text: str, notes: list[str]) -> str:
    """``mb t``, ``vb2``: the moments m̂_t, v̂_2 of a PDF copy that printed the wide hat over the
    letter as a 'b' after it. Read so only in a text that writes both moments that way (an 'mb'
    alone may be a unit)."""
    found = {m.group(1) for m in _WIDE_HAT_B.finditer(text)}
    if found != {"m", "v"}:
        return text
    notes.append("read 'mb t' and 'vb t' as m̂_t and v̂_t (a wide hat printed as 'b' by the PDF)")
    return _WIDE_HAT_B.sub(lambda m: f"{m.group(1)}\u0302_{m.group(2)}", text)


_GARBLED_DECAY_POWER = re.compile(r"(\b1 ?[-−] ?β)(\d{1,2}|t)([12])(?![\w.^_])")
"""A PDF copy's bias-correction factor with the power before the index ('1 − β31', '1 − βt2':
1 − β_1^3, 1 − β_2^t)."""
_HAT_COMMAND = re.compile(r"\\(?:wide)?hat(?:\s{1,3}|\s{0,3}\{\s{0,3})(?:\\(?:mathbf|boldsymbol|bm|mathrm|"
                          r"vec)\s{0,3}\{?\s{0,3})?([A-Za-z])\s{0,3}\}?\s{0,3}\}?")
"""\\hat m, \\hat{m}, \\hat{\\mathbf m}, \\hat{\\boldsymbol{m}}: m̂."""
_TILDE_COMMAND = re.compile(r"\\(?:wide)?tilde(?:\s{1,3}|\s{0,3}\{\s{0,3})(?:\\(?:mathbf|boldsymbol|bm|"
                            r"mathrm|vec)\s{0,3}\{?\s{0,3})?(\\[A-Za-z]{2,10}|[A-Za-z])\s{0,3}\}?\s{0,3}\}?")
"""\\tilde θ, \\tilde{\\boldsymbol\\theta}, \\tilde{w}: θ̃, w̃ (a symbol of its own, not θ)."""


def _tilde(m: re.Match) -> str:
    base = m.group(1)
    return _WORD_GREEK.get(base[1:], base[1:]) + "\u0303" if base.startswith("\\") else \
        base + "\u0303"


_SCRIPT_RUN = re.compile("[" + "".join(_SUPERSCRIPTS) + "]+|[" + "".join(_SUBSCRIPTS) + "]+")


def _script(m: re.Match) -> str:
    """A run of superscript (subscript) characters -> ``^`` (``_``) and the plain run:
    ``10⁻⁴`` -> ``10^-4``, ``θₜ₊₁`` -> ``θ_t+1``."""
    run = m.group(0)
    if run[0] in _SUPERSCRIPTS:
        return "^" + "".join(_SUPERSCRIPTS[c] for c in run)
    return "_" + "".join(_SUBSCRIPTS[c] for c in run)


@dataclass
class Normalized:
    """The canonical text, what normalisation removed, and the readings it chose where the text
    was garbled (``10−3`` read as 10^-3), all shown with the reading."""

    text: str
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _italic(m: re.Match) -> str:
    """The words of a Markdown italic; a one-letter one only between words ("for *n* workers",
    not the product "3 *x* 4"), and a one-letter one in underscores never."""
    word = m.group(2)
    if len(word) > 1:
        return word
    before = m.string[max(0, m.start() - 3):m.start()].rstrip()
    after = m.string[m.end():m.end() + 3].lstrip()
    if m.group(1) == "*" and not re.search(r"[\d)\]]$", before) and not re.match(r"[\d(\[]", after):
        return word
    return m.group(0)


_PDF_ELL = re.compile(r"(?<![\w`])`(?=(?:1|2|∞|p)[ -]?"
                      r"(?:norms?|ball|penalty|regulari[sz]\w{0,6}|step)\b)")
"""A backquote before 1, 2, ∞ or p naming a norm ('the `1 norm', 'the `∞-norm ball'): the glyph
ℓ of a PDF copy (TeX's \\ell), not Markdown code ('`p = 6.4e7`')."""
_GARBLED_UMLAUT = re.compile(r"(?<=[A-Za-z]) ?[¨\u0308] ?([aeiouyAEIOUY])(?=[a-z])")
"""A diaeresis a PDF copy put before its vowel ("H¨older"): the accented letter ("Hölder")."""
_SPACED_UMLAUT = re.compile(r"(?<=[A-Za-z])([aeiouyAEIOUY]) ?[¨\u0308] ?(?=[b-df-hj-np-tv-z])")
"""A spacing diaeresis (or a combining one set off by a space) a PDF copy put after its vowel
and before a consonant ("Ho¨lder", "Mo ̈bius"): the accented letter."""


_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


def normalize(raw: str) -> Normalized:
    """Raw pasted text -> canonical text (see the module docstring for the target form)."""
    removed: list[str] = []
    notes: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_RUN.sub("\n\n", text)   # one blank line separates as well as many
    text = rejoin_scripts(text, notes)
    text = rejoin_word_fraction(text, notes)
    text = _bracket_pieces(text)
    text = _stacked_rows(text, notes)
    text = _bracket_rows(text, notes)
    text = _paren_rows(text, notes)
    text = _bare_rows(text, notes)
    text = text.translate(_LIGATURES)   # 'ﬂoats' is 'floats' to every step below
    text = _lost_ligatures(text, notes)
    text = _flat_exponents(text, notes)
    text = _dropped_log_base(text, notes)
    text = _GARBLED_HAT_AFTER.sub("\\1\u0302", text)
    text = _wide_hat_as_b(text, notes)
    text = _GARBLED_HAT.sub("\\1\u0302", text)
    text = _GARBLED_DECAY_POWER.sub("\\1_\\3^\\2", text)
    text = _GARBLED_UMLAUT.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0308"), text)
    text = _SPACED_UMLAUT.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0308"), text)
    text = _PDF_ELL.sub("ℓ_", text)
    text = "".join(_CHAR_MAP.get(c, c) for c in text)
    text = _SCRIPT_RUN.sub(_script, text)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_CHAR_MAP.get(c, c) for c in text)
    text = _latex_to_plain(text)
    text = _PDF_ELL.sub("ℓ", text)
    text = _MD_EMPH.sub("", text)
    text = _MD_ITALIC.sub(_italic, text)
    text = _MD_ESCAPED.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _indexed_table(text, notes)
    text = _settings_table(text, notes)
    text = _numbered_references(text)
    text = _drop_debris(text, removed)
    text = _fix_pdf_garble(text)
    text = _fix_pdf_symbols(text, notes)
    text = _GARBLED_STAR_IN_NORM.sub(r"‖\1^*_\2‖", text)
    text = _SLASH_NORM.sub(lambda m: "‖" + m.group(1).strip() + "‖", text)
    text = _DOUBLE_BAR.sub("‖", text)
    text = _WORD_GREEK_RE.sub(lambda m: _WORD_GREEK[m.group(1)], text)
    text = _short_greek(text, notes)
    text = _WORD_DAGGER.sub("^†", text)
    text = _INF_INDEX.sub("∞", text)
    text = _pdf_gt_transpose(text)
    text = _CARET_T.sub("^T", text).replace("^^T", "^T")
    text = _GT_TRANSPOSE.sub(lambda m: m.group(1) + "^T", text)
    text = _fix_norm_indices(text)
    text = _euclidean_lone_two(text, notes)
    text = _STAR_AFTER_SYMBOL.sub("^*", text)
    text = _PDF_STAR_MARK.sub("^*", text)
    text = re.sub(r"‖_(\w{1,4}) ?→ (\w{1,4})", r"‖_\1→\2", text)
    text = text.replace("<=", "≤").replace(">=", "≥").replace("->", "→")
    text = _SPACES.sub(" ", text)
    text = _TUPLE_ASSIGNMENT.sub(_tuple_assignment, text)
    text = _SETTING_VERB.sub(lambda m: f"{m.group('verb')} {m.group('sym')} = ", text)
    text = _SPELLED_FRACTION.sub(_spelled_fraction, text)
    text = _HYPHENED_SCALE.sub(r"\1 \2-", text)
    text = _WORDED_VALUE.sub(_worded_value, text)
    text = _WORDED_ASSIGNMENT.sub(_worded_value, text)
    text = _SPELLED_POWER.sub(lambda m: _spelled_power(m, notes), text)
    text = _SPELLED_LARGE.sub(_spelled_large, text)
    text = _worded_entries(text, notes)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANKS.sub("\n\n", text)
    return Normalized(text.strip(), removed, notes)


_SETTING_VERB = re.compile(
    r"\b(?P<verb>(?:crank|raise|increase|bump|push|turn|lower|decrease|drop|reduce|change|set|"
    r"move)(?:s|ed|ing)?) (?P<sym>[αηλβγρμ](?:_\d)?)(?: (?:up|down|back|all the way))? to "
    r"(?=-?\d(?:\.\d{1,12})?(?:[eE]-?\d{1,3})?(?!\d|\.\d| ?(?:times|×|x\b|%|percent|of\b|[·*/^])))")
"""A parameter set by a verb ("crank α up to 0.1", "lower η to 0.01", "set β to 0.9"): written as
its assignment ("crank α = 0.1"), the form every reader reads a value from. A multiple or a share
of the old value ("raise η to 2 times its value", "to 10% of") is left as written."""
_HYPHENED_SCALE = re.compile(r"(\d(?:\.\d{1,6})?) ?-(thousand|million|billion|trillion)-(?=(?:parameters?|"
                             r"params?|weights?|entr(?:y|ies)|elements?)\b)", re.I)
"""A count compounded with its scale and noun ("a 1.2-billion-parameter model", "$1.3$-billion-
parameter" once the math is read): the scale set apart ("1.2 billion-parameter"), the form the
readers read a count from."""
_DENOMINATOR = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10, "hundredth": 100,
                "hundredths": 100, "thousandth": 1000, "thousandths": 1000}
_NUMERATOR = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "a": 1}
_SPELLED_FRACTION = re.compile(
    r"(?P<lead>(?:[=≈:]|\b(?:is|equals|of|to|at|be|as))\s+)(?P<num>" + "|".join(_NUMERATOR)
    + r"|\d{1,3}) (?P<den>" + "|".join(sorted(_DENOMINATOR, key=len, reverse=True))
    + r")(?![\w-])", re.I)
"""A fraction spelled out as a value ("η = seven hundredths", "a learning rate of one quarter",
"is three tenths"): written as the fraction ("η = 7/100"), which every reader reads. Only after
a word or sign that sets a value, so an ordinal ("a third worker") is left alone."""


def _spelled_fraction(m: re.Match) -> str:
    num = m.group("num").lower()
    count = _NUMERATOR.get(num) or int(num)
    return f"{m.group('lead')}{count}/{_DENOMINATOR[m.group('den').lower()]}"


_NUMBER_WORD = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
                "one half": "1/2", "a half": "1/2", "one tenth": "1/10", "a tenth": "1/10"}
_WORDED_VALUE = re.compile(
    r"(?<![\w^_])(?P<sym>[α-ωΑ-Ω](?:_\{?\w{1,3}\}?)?|[nNpPMdL](?:_\{?\w{1,3}\}?)?) (?:is )?"
    r"(?:equal to|equals|set to|fixed (?:at|to)|chosen (?:as|to be)|taken (?:as|to be)) "
    r"(?P<value>-?\d+(?:\.\d+)?(?:[eE]-?\d{1,3})?(?:/\d+)?(?![\d.,]?\d| ?(?:times|×|%|percent|"
    r"of\b|[·*^])|[A-Za-z])|" + "|".join(sorted(_NUMBER_WORD, key=len, reverse=True)) +
    r")(?![\w-])", re.I)
"""A parameter given a value in words ("with λ equal to two", "η set to 0.1", "α chosen as
0.5"): written as its assignment ("λ = 2"), the form every reader reads a value from. A
multiple or share ("equal to 2 times ...", "10% of") is left as written."""


_ENTRY_WORDS = {**{w: str(v) for w, v in NUMBER_WORDS.items() if v <= 20 and w != "hundred"},
                 "zero": "0", "seventeen": "17", "eighteen": "18", "nineteen": "19",
                 "one hundred": "100", "a hundred": "100", "one thousand": "1000",
                 "a thousand": "1000", "ten thousand": "10000", "one million": "1000000",
                 **{f"{t}{sep}{u}".strip(sep): str(10 * i + j)
                    for i, t in enumerate(("twenty", "thirty", "forty", "fifty", "sixty",
                                           "seventy", "eighty", "ninety"), 2)
                    for j, u in enumerate(("", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine"))
                    for sep in (" ", "-")}}
_ENTRY_LIST = re.compile(r"([(\[])([^()\[\]\n]{3,160})([)\]])")
_PLAIN_NUMBER = re.compile(r"[-−]?\d{1,12}(?:\.\d{1,12})?(?:/\d{1,12})?")


def _worded_entries(text: str, notes: list[str]) -> str:
    """A number word among the numeric entries of a list ("H = diag(1, one hundred)", "(2, ten,
    3)"): its digits, noted. Only in a list whose every entry is a number or a number word, with
    at least one in digits (a list of words alone is prose)."""
    def fix(m: re.Match) -> str:
        items = [x.strip() for x in m.group(2).split(",")]
        if len(items) < 2 or not any(_PLAIN_NUMBER.fullmatch(x) for x in items):
            return m.group(0)
        words = [x for x in items if not _PLAIN_NUMBER.fullmatch(x)]
        if not words or any(" ".join(x.lower().split()) not in _ENTRY_WORDS for x in words):
            return m.group(0)
        for x in words:
            notes.append(f"read '{x}' in \"{m.group(0)}\" as {_ENTRY_WORDS[' '.join(x.lower().split())]}")
        return m.group(1) + ", ".join(x if _PLAIN_NUMBER.fullmatch(x) else
                                      _ENTRY_WORDS[" ".join(x.lower().split())]
                                      for x in items) + m.group(3)
    return _ENTRY_LIST.sub(fix, text)


_WORDED_ASSIGNMENT = re.compile(
    r"(?<![\w^_])(?P<sym>[α-ωΑ-Ω](?:_\{?\w{1,3}\}?)?|[nNpPMdL](?:_\{?\w{1,3}\}?)?) ?= ?(?P<value>"
    + "|".join(sorted(_NUMBER_WORD, key=len, reverse=True)) + r")(?![\w-])", re.I)
"""A parameter assigned a number word ("Take λ = four", "n = eight"): its digits ("λ = 4")."""


def _worded_value(m: re.Match) -> str:
    value = m.group("value")
    return f"{m.group('sym')} = {_NUMBER_WORD.get(value.lower(), value)}"


_UNITS_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                "fifteen sixteen seventeen eighteen nineteen").split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SMALL_WORD = {**{w: i + 1 for i, w in enumerate(_UNITS_WORDS)},
               **{w: 10 * (i + 2) for i, w in enumerate(_TENS_WORDS)}, "a": 1}
_SPELLED_LARGE = re.compile(
    r"(?<![\w-])(?P<lead>(?:" + "|".join(_TENS_WORDS) + r")(?:[- ](?:" + "|".join(_UNITS_WORDS[:9])
    + r"))?|" + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True)) + r"|a)"
    r"(?P<hundred> hundred(?:(?: and)? (?P<rest>(?:" + "|".join(_TENS_WORDS) + r")(?:[- ](?:"
    + "|".join(_UNITS_WORDS[:9]) + r"))?|" + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
    + r")(?= (?:thousand|million|billion)\b))?)?(?P<scale> (?:thousand|million|billion))?(?![\w-])"
    r"(?=[- ](?!(?:in|of|to|times|and|or|than|per|by|for|at)\b)[A-Za-z])", re.I)
"""A large number spelled out before what it counts ("one hundred million parameters", "two
hundred fifty million parameters", "two billion weights", "a hundred thousand steps"): its digits with the scale word kept ("100
million"), the form every reader reads a count from. A small number word alone ("eight GPUs"),
and a number that counts nothing named ("a factor of one thousand", "one in a million"), are
left as written for the readers that read them in words."""


def _spelled_large(m: re.Match) -> str:
    if not (m.group("hundred") or m.group("scale")):
        return m.group(0)
    parts = re.split(r"[- ]", m.group("lead").lower())
    value = sum(_SMALL_WORD[w] for w in parts) * (100 if m.group("hundred") else 1) + sum(
        _SMALL_WORD[w] for w in re.split(r"[- ]", (m.group("rest") or "").lower()) if w)
    if (m.group("scale") or "").strip().lower() == "thousand":
        return str(value * 1000)   # "one thousand steps": 1000, read by every count reader
    return f"{value}{(m.group('scale') or '').lower()}"


_POWER_WORD = {w: i + 1 for i, w in enumerate(("one two three four five six seven eight nine ten "
                                                 "eleven twelve").split())}
_SPELLED_POWER = re.compile(
    r"(?<![\w.-])(?:(?P<mant>" + "|".join(_UNITS_WORDS[:9]) + r"|\d(?:\.\d{1,6})?) times )?"
    r"ten to the (?:power (?:of )?)?(?P<sign>minus |negative )?(?P<exp>"
    + "|".join(sorted(_POWER_WORD, key=len, reverse=True)) + r"|\d{1,2})(?:th)?(?![\w-])", re.I)
"""A power of ten spelled out ('three times ten to the minus four', 'ten to the minus eight',
'2.5 times ten to the power of six'): written as a number ('3e-4', '10^-8', '2.5e6'), noted."""


def _spelled_power(m: re.Match, notes: list[str]) -> str:
    exp = m.group("exp").lower()
    n = _POWER_WORD.get(exp) or int(exp)
    sign = "-" if m.group("sign") else ""
    mant = m.group("mant")
    if mant:
        digits = str(_SMALL_WORD[mant.lower()]) if mant.lower() in _SMALL_WORD else mant
        out = f"{digits}e{sign}{n}"
    else:
        out = f"10^{sign}{n}"
    notes.append(f"read '{m.group(0)}' as {out}")
    return out


_TUPLE_SYMBOL = r"[A-Za-zα-ωΑ-Ω](?:_\{?\w{1,4}\}?)?"
_TUPLE_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE]-?\d{1,3})?(?:/\d+)?"
_TUPLE_ASSIGNMENT = re.compile(
    rf"(?P<before>\b(?:in|within|interval|range)\s)?(?P<names>[\[(] ?{_TUPLE_SYMBOL}(?: ?, ?{_TUPLE_SYMBOL}){{1,4}} ?[\])])"
    rf" ?= ?[\[(] ?(?P<values>{_TUPLE_NUMBER}(?: ?, ?{_TUPLE_NUMBER}){{1,4}}) ?[\])]")
"""A tuple of scalar symbols set to a tuple of numbers ("[µ, L] = [0.5, 32]", "(α, β) =
(0.1, 0.9)", "(β_1, β_2) = (0.9, 0.999)"): one assignment per symbol. An interval keeps its
bracket ("contained in [µ, L] = [0.5, 32]": "[µ, L] (µ = 0.5, L = 32)"). The coordinates of one
vector ("(w_1, w_2) = (1, 0)", "(x, y) = (1, 2)") are left as written."""
_VECTOR_BASES = set("θwxyzduvgpqmsΔ∇")


def _tuple_assignment(m: re.Match) -> str:
    names = [n.strip() for n in m.group("names")[1:-1].split(",")]
    values = [v.strip() for v in m.group("values").split(",")]
    bases = [n.split("_")[0] for n in names]
    if len(names) != len(values) or len(set(names)) != len(names) or \
            any(b in _VECTOR_BASES for b in bases):
        return m.group(0)
    pairs = ", ".join(f"{n} = {v}" for n, v in zip(names, values, strict=True))
    if m.group("before"):
        return f"{m.group('before')}{m.group('names')} ({pairs})"
    return pairs


_PDF_STAR_MARK = re.compile(r"(?<=[αηγβρκμθ])(?: \?| ?\?(?= ,))(?= ?,| (?:are|is|was|and|for|in|of|with|at|"
                            r"to|that|which|the|from|as|on|[a-z]{3,}ing|(?:mini|maxi)mi[sz]es)\b)"
                            r"|(?<=[αηγβρκμθ]) ?\?(?= \.(?:\s|$)| \((?:so that|such that|i\.e\.|"
                            r"defined by|where|with)\b)"
                            r"|(?<=[αηγβρκμθ]) ?\?(?= \?(?:\s|$))"
                            r"|(?<=[αηγβρκμθ])\?(?= (?:from|that|which|[a-z]{3,}ing|(?:mini|maxi)mi[sz]es)\b)")
"""'the optimal step η ? and the rate', 'α? , β ?', 'the step η ? minimising ..': a PDF copy's
superscript star (η⋆) read as a question mark, spaced off the symbol and followed by the
sentence's next word (a function word or a verb form) or a comma; or followed by the sentence's
full stop ('the factor ρ? .'), by the question's own mark ('What is the minimiser θ? ?') or by
a parenthesis defining it ('ρ? (so that ...)'), where a question mark cannot end a question."""


_TABLE = re.compile(r"^(?P<head>[ \t]*\|[^\n|]*(?:\|[^\n|]*){1,8}\|)[ \t]*\n"
                    r"[ \t]*\|?(?:[ \t]*:?-{1,40}:?[ \t]*\|){2,9}[ \t]*\n"
                    r"(?P<rows>(?:[ \t]*\|[^\n]*\|[ \t]*(?:\n|$)){1,64})", re.M)
_INDEX_HEAD = re.compile(r"^(?:step|iteration|iter|update)?[ \t]*\(?[tkn]?\)?$", re.I)
_SYMBOL_HEAD = re.compile(r"(?:^|[ \t])(?P<base>[A-Za-zθ∇][\u0302]?)_\{?(?P<i>[tkn])\}?$")


def _indexed_table(text: str, notes: list[str]) -> str:
    """A Markdown table of values per step (header ``| step t | g_t |``, rows ``| 1 | (1, 0.5) |``)
    -> one line of indexed assignments ``g_1 = (1, 0.5), g_2 = ..``. Only a table whose first
    column is the step index (the rows' first cells 1, 2, .. or 0, 1, ..) and whose other headers
    are symbols indexed by it is rewritten; any other table stays as it is."""
    def cells(row: str) -> list[str]:
        return [c.strip() for c in row.strip().strip("|").split("|")]

    def rewrite(m: re.Match) -> str:
        heads = cells(m.group("head"))
        rows = [cells(row) for row in m.group("rows").strip("\n").split("\n")]
        symbols = [_SYMBOL_HEAD.search(h) for h in heads[1:]]
        start = 1 if rows[0][0] == "1" else 0
        if not (_INDEX_HEAD.match(heads[0]) and all(symbols) and
                all(len(r) == len(heads) and all(r) for r in rows) and
                [r[0] for r in rows] == [str(k) for k in range(start, start + len(rows))]):
            return m.group(0)
        assigned = [f"{s.group('base')}_{r[0]} = {r[k]}" for r in rows
                    for k, s in enumerate(symbols, 1)]
        notes.append(f"read the table '| {' | '.join(heads)} |' as {assigned[0]}, ..")
        return ", ".join(assigned) + ".\n"

    return _TABLE.sub(rewrite, text) if "|" in text else text


_NUMBERED_REFERENCE = re.compile(r"\b((?:answers?|results?|values?|steps?|updates?|iterates?) "
                                 r"(?:to|in|of|from) (?:part |question )?)(\d{1,2})\."
                                 r"(?= (?!(?:and|or) \d)[a-z]|[ ]?[?;:]|[ ]?,(?! ?\d))")
"""(a list of numbered parts, 'the answers to 1. and 2.', is bracketed by the reader's
:func:`~optiproof.reading.parts.bracket_references`)"""


def _numbered_references(text: str) -> str:
    """'would the answer to 3. change?' in a text whose parts are numbered '1.', '2.', ..: the
    part named with its label's full stop, written '(3)' as other part references are (the
    full stop would end the sentence)."""
    labels = set(re.findall(r"(?m)^[ \t]*(\d{1,2})\.[ \t]", text))

    def ref(m: re.Match) -> str:
        return f"{m.group(1)}({m.group(2)})" if m.group(2) in labels else m.group(0)

    return _NUMBERED_REFERENCE.sub(ref, text) if labels else text


_SETTING_VALUE = re.compile(r"-?(?:\d{1,12}(?:\.\d{1,12})?(?:[eE][-+]?\d{1,3})?|\.\d{1,12})"
                            r"(?: ?[×x*·] ?10\^ ?\{?-?\d{1,3}\}?)?|10\^ ?\{?-?\d{1,3}\}?|\d{1,6}/\d{1,6}")
_SETTING_NAME = re.compile(r"[^|=\n]{0,40}?(?<![\w^_])[A-Za-zα-ωΑ-Ω](?:_\{?\w{1,4}\}?|\d)?\^?[*⋆]?|"
                           r"[A-Za-z][A-Za-z_ -]{1,30}")


def _settings_table(text: str, notes: list[str]) -> str:
    """A Markdown table of two columns whose rows are a setting and its number (header
    ``| hyper-parameter | value |``, rows ``| learning rate η | 0.1 |``, ``| β_1 | 0.9 |``) -> one
    line of assignments ``learning rate η = 0.1, β_1 = 0.9.``. Only a table whose every row is a
    name (ending in a symbol, or words) and one number is rewritten; any other stays."""
    def cells(row: str) -> list[str]:
        return [c.strip() for c in row.strip().strip("|").split("|")]

    def pairs(row: list[str]) -> list[list[str]]:
        """'| β1, β2 | 0.9, 0.999 |': as many names as numbers, one row each."""
        if len(row) == 2 and "," in row[0] and "," in row[1]:
            names, values = [x.strip() for x in row[0].split(",")], \
                [x.strip() for x in row[1].split(",")]
            if len(names) == len(values) and all(names) and all(values):
                return [[n, v] for n, v in zip(names, values)]
        return [row]

    def rewrite(m: re.Match) -> str:
        heads = cells(m.group("head"))
        rows = [x for row in m.group("rows").strip("\n").split("\n") for x in pairs(cells(row))]
        if len(heads) != 2 or not all(len(r) == 2 and _SETTING_NAME.fullmatch(r[0]) and
                                      _SETTING_VALUE.fullmatch(r[1].replace(" ", ""))
                                      for r in rows):
            return m.group(0)
        assigned = [f"{r[0]} = {r[1]}" for r in rows]
        notes.append(f"read the table '| {' | '.join(heads)} |' as {', '.join(assigned)}")
        return ", ".join(assigned) + ".\n"

    return _TABLE.sub(rewrite, text) if "|" in text else text


_GARBLED_STAR_IN_NORM = re.compile(r"‖ ?([A-Za-zΔ])\?_?(\w{1,3}) ?‖")
"""A PDF copy's star turned into '?' inside a norm ('‖D?op‖' for ‖D*_op‖): never the end of a
question, which would cut the request in two."""


_STAR_AFTER_SYMBOL = re.compile(r"(?<=[A-Za-zα-ωΔΘ])(?:∗(?![\w∗])|\^?⋆(?![\w∗⋆,)]))")
"""The asterisk or star operator right after a symbol ('Δ∗', 'd⋆', 'x^⋆': a PDF or LaTeX copy of
Δ*) marks an optimum, as '^*' does; after a norm's subscript bar ('‖Δ‖_∗') it stays the
nuclear/dual norm. A star inside a point's coordinates ('(x⋆, y⋆)') is left as written.
"""


_FIRST_ROW = re.compile(r"^(?P<pre>[^\n]{0,80}?(?<![\w])[A-Za-z](?:_\w)? ?=[ \t]{0,6})(?P<cells>-?\d{1,6}"
                        r"(?:\.\d{1,6})?(?:[ \t]{1,6}-?\d{1,6}(?:\.\d{1,6})?){1,5})[ \t]*$")
_NEXT_ROW = re.compile(r"^(?P<indent>[ \t]*)(?P<cells>-?\d{1,6}(?:\.\d{1,6})?(?:[ \t]{1,6}-?\d{1,6}"
                       r"(?:\.\d{1,6})?){1,5})[ \t]*$")


def _stacked_rows(text: str, notes: list[str]) -> str:
    """A matrix a PDF copy printed as bare rows without brackets (``G = 1 2`` with ``2 1`` on
    the next line, its first number under the first number of the row above) -> one line
    ``G = [[1, 2], [2, 1]]``. Only rows of the same count of plain numbers, aligned to within
    two columns, after a one-letter name and '=', are rewritten."""
    if "=" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        first = _FIRST_ROW.match(lines[i])
        rows: list[list[str]] = []
        if first:
            column = first.start("cells")
            cells = first.group("cells").split()
            rows = [cells]
            j = i + 1
            while j < len(lines):
                nxt = _NEXT_ROW.match(lines[j])
                if nxt is None or len(nxt.group("cells").split()) != len(cells) or \
                        abs(len(nxt.group("indent")) - column) > 2:
                    break
                rows.append(nxt.group("cells").split())
                j += 1
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        matrix = "[" + ", ".join("[" + ", ".join(row) + "]" for row in rows) + "]"
        out.append(first.group("pre") + matrix)
        notes.append(f"PDF-garbled matrix read: rows stacked under \"{first.group(0).strip()}\" "
                     f"as {matrix}")
        i += len(rows)
    return "\n".join(out)


_NUM_CELLS = r"-?\d{1,6}(?:\.\d{1,6})?(?:(?:[ \t]{0,4},[ \t]{0,4}|[ \t]{1,8})-?\d{1,6}(?:\.\d{1,6})?){0,5}"
_CELL_SEP = re.compile(r"[ \t]*,[ \t]*|[ \t]+")
_OPEN_ROW = re.compile(r"^(?P<pre>[^\n\[\]]{0,80}?(?<![\w])[A-Za-z](?:_\w)? ?=[ \t]{0,6})\[[ \t]{0,4}"
                       rf"(?P<cells>{_NUM_CELLS})[ \t]*$")
_CONT_ROW = re.compile(rf"^(?P<indent>[ \t]*)(?P<cells>{_NUM_CELLS})[ \t]*(?P<close>\])?"
                       r"(?P<post>[ \t]{0,4}[.,;]?)[ \t]*$")
_ROW_GROUP = re.compile(rf"\[[ \t]{{0,4}}(?P<cells>{_NUM_CELLS})[ \t]{{0,4}}\]")
_NAMED_GROUP = re.compile(r"(?<![\w])[A-Za-z](?:_\w)? ?=[ \t]{0,6}$")
_GROUP_TAIL = re.compile(r"[ \t]{0,4}[.,;]?[ \t]*")


_BARE_ROW = re.compile(r"^[ \t]{0,8}(?P<cells>[-−]?\d{1,6}(?:\.\d{1,6})?(?:[ \t]{1,8}[-−]?\d{1,6}"
                       r"(?:\.\d{1,6})?){0,5})[ \t]*$")
_PAREN_CLOSE_PIECE = re.compile(r"^[ \t]{0,40}[!)][ \t]*$")


def _rewrite_blocks(text: str, notes: list[str] | None,
                    find: Callable[[list[str], int], tuple[str, int] | None], what: str) -> str:
    """Each block of lines ``find(lines, i)`` recognises at line i (its one-line form and the
    index after it) replaced by that line, with a note (when ``notes`` is given); other lines
    kept."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        got = find(lines, i)
        if got is None:
            out.append(lines[i])
            i += 1
            continue
        out.append(got[0])
        if notes is not None:
            notes.append(f"PDF-garbled matrix read: {what} under \"{lines[i].strip()}\" as "
                         f"{got[0].strip()}")
        i = got[1]
    return "\n".join(out)


def _paren_rows(text: str, notes: list[str]) -> str:
    """A parenthesised matrix a PDF copy broke into bare rows under its name, the opening
    parenthesis lost and the closing one left alone on the line after the rows as ``!`` (the
    glyph of a large parenthesis piece) or ``)``: ``A =`` / ``5 2`` / ``2 2`` / ``!`` -> one line
    ``A = [[5, 2], [2, 2]]``. Only two to six rows of the same count of plain numbers, right
    after a line ending in a one-letter name and '=', and closed by that lone piece, are
    rewritten."""
    if "=" not in text:
        return text
    return _rewrite_blocks(text, notes, _paren_block, "rows closed by a lone parenthesis piece")


def _paren_block(lines: list[str], start: int) -> tuple[str, int] | None:
    if not _NAMED_GROUP.search(lines[start]):
        return None
    rows: list[list[str]] = []
    j = start + 1
    while j < len(lines) and len(rows) < 6:
        m = _BARE_ROW.match(lines[j])
        cells = [c.replace("−", "-") for c in m.group("cells").split()] if m else []
        if not cells or rows and len(cells) != len(rows[0]):
            break
        rows.append(cells)
        j += 1
    if len(rows) < 2 or j >= len(lines) or not _PAREN_CLOSE_PIECE.match(lines[j]):
        return None
    return lines[start].rstrip() + " " + _matrix_text(rows), j + 1


def _bare_rows(text: str, notes: list[str]) -> str:
    """A matrix or vector a PDF copy printed as bare rows with its brackets lost, under a line
    ending in its name and '=' (a blank line may stand where each bracket was), the sentence
    going on after it: ``A =`` / ``2 1`` / ``1 1`` / ``, g =`` -> ``A = [[2, 1], [1, 1]]``;
    ``y =`` / ``2`` / ``3`` / ``.`` -> ``y = [2, 3]``. Only one to six rows of the same count of
    plain numbers are rewritten, and only when a blank line follows them (where the closing
    bracket was), or a line starting with ',', '.' or ';', or the text ends."""
    if "=" not in text:
        return text
    return _rewrite_blocks(text, notes, _bare_block, "bare rows")


def _bare_block(lines: list[str], start: int) -> tuple[str, int] | None:
    if not _NAMED_GROUP.search(lines[start]):
        return None
    j = start + 1
    if j < len(lines) and not lines[j].strip():
        j += 1
    rows: list[list[str]] = []
    while j < len(lines) and len(rows) < 7:
        m = _BARE_ROW.match(lines[j])
        cells = [c.replace("−", "-") for c in m.group("cells").split()] if m else []
        if not cells or rows and len(cells) != len(rows[0]):
            break
        rows.append(cells)
        j += 1
    if not rows or len(rows) > 6:
        return None
    blank = j < len(lines) and not lines[j].strip()
    end = j + 1 if blank else j
    if end < len(lines) and not blank and not re.match(r"[ \t]*[,.;]", lines[end]):
        return None   # 'A =' / '5 2' / '2 2' / 'and more': no sign where the brackets were
    if len(rows) == 1 and len(rows[0]) == 1:
        return None   # one number under 'x =': a value, not a vector
    return lines[start].rstrip() + " " + _matrix_text(rows), end


def _bracket_rows(text: str, notes: list[str]) -> str:
    """A matrix a PDF copy broke over lines with its brackets kept: ``G = [ 1 2`` above
    ``2 1 ]`` (one bracket around all rows), or ``H = [ 3 1 ]`` above ``[ 1 3 ]`` (each row in
    its own brackets, possibly beside another one, ``b = [ 1 ]`` above ``[ 1 ]``) -> one line
    ``G = [[1, 2], [2, 1]]``. Only rows of the same count of plain numbers whose first numbers
    (or brackets) stand in the same column (within two), after a one-letter name and '=', and
    lines holding nothing else, are rewritten; anything else is left as written."""
    if "[" not in text or "=" not in text:
        return text
    return _rewrite_blocks(text, notes, lambda lines, i: _one_bracket(lines, i) or
                           _row_brackets(lines, i), "rows broken over lines")


def _matrix_text(rows: list[list[str]]) -> str:
    if len(rows[0]) == 1:
        return "[" + ", ".join(r[0] for r in rows) + "]"
    return "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]"


def _one_bracket(lines: list[str], start: int) -> tuple[str, int] | None:
    """``G = [ 1 2`` / ``2 1 ] .``: one bracket opened on the first row, closed on the last."""
    first = _OPEN_ROW.match(lines[start])
    if first is None:
        return None
    column, cells = first.start("cells"), _CELL_SEP.split(first.group("cells").strip())
    rows, j = [cells], start + 1
    while j < len(lines) and j - start <= 16:
        nxt = _CONT_ROW.match(lines[j])
        if nxt is None or len(_CELL_SEP.split(nxt.group("cells").strip())) != len(cells) or \
                abs(len(nxt.group("indent").expandtabs(1)) - column) > 2:
            return None
        rows.append(_CELL_SEP.split(nxt.group("cells").strip()))
        j += 1
        if nxt.group("close"):
            return first.group("pre") + _matrix_text(rows) + nxt.group("post"), j
    return None


def _row_brackets(lines: list[str], start: int) -> tuple[str, int] | None:
    """``H = [ 3 1 ]   b = [ 1 ]`` / ``[ 1 3 ] ,   [ 1 ] .``: each row in its own brackets,
    the brackets of every row in the columns of the first row's."""
    groups = list(_ROW_GROUP.finditer(lines[start]))
    if not groups or any(_NAMED_GROUP.search(lines[start][:g.start()][-12:]) is None
                         for g in groups):
        return None
    rows: list[list[list[str]]] = [[_CELL_SEP.split(g.group("cells").strip())] for g in groups]
    tails = [""] * len(groups)
    j = start + 1
    while j < len(lines) and j - start <= 16:
        found = list(_ROW_GROUP.finditer(lines[j]))
        if len(found) != len(groups) or any(
                abs(f.start() - g.start()) > 2 or len(_CELL_SEP.split(f.group("cells").strip())) != len(r[0])
                for f, g, r in zip(found, groups, rows)):
            break
        rest, pos, ok = [], 0, True
        for f in found:
            if lines[j][pos:f.start()].strip(" \t,.;"):
                ok = False
            pos = f.end()
            tail = _GROUP_TAIL.match(lines[j], pos)
            rest.append(tail.group(0).strip())
            pos = tail.end()
        if not ok or lines[j][pos:].strip():
            break
        for r, f in zip(rows, found):
            r.append(_CELL_SEP.split(f.group("cells").strip()))
        tails = rest
        j += 1
    if j == start + 1:
        return None
    line, pos = lines[start], 0
    pieces = []
    for g, r, tail in zip(groups, rows, tails):
        pieces.append(line[pos:g.start()] + _matrix_text(r) + (" " + tail if tail else ""))
        pos = g.end()
    return "".join(pieces) + line[pos:], j


_PIECES = {"⎡": ("⎤", "top"), "⎢": ("⎥", "mid"), "⎣": ("⎦", "bottom"),
           "⎛": ("⎞", "top"), "⎜": ("⎟", "mid"), "⎝": ("⎠", "bottom")}
_PIECE_ROW = re.compile(r"^(?P<pre>[^⎡⎢⎣⎛⎜⎝⎤⎥⎦⎞⎟⎠]{0,60})(?P<open>[⎡⎢⎣⎛⎜⎝])"
                        r"(?P<cells>[-+\d.,/ \t]{1,200})(?P<close>[⎤⎥⎦⎞⎟⎠])"
                        r"(?P<post>[^⎡⎢⎣⎛⎜⎝⎤⎥⎦⎞⎟⎠]{0,60})$")
_CELL = re.compile(r"-?\d{1,12}(?:\.\d{1,12})?(?:/\d{1,12})?")


def _bracket_pieces(text: str) -> str:
    """A matrix drawn with bracket pieces over several lines (``⎡ 3 1 ⎤`` above ``A = ⎣ 1 3 ⎦``,
    as pretty-printers write it) -> one line ``A = [[3, 1], [1, 3]]``. Only a run from a top
    piece to a bottom piece, every row the same number of plain numbers, and at most one line
    carrying text before (the name) and after the brackets is rewritten; anything else is left
    as written."""
    if "⎡" not in text and "⎛" not in text:
        return text
    return _rewrite_blocks(text, None, _piece_block, "")


_PIECE_GROUP = re.compile(r"(?P<pre>[^⎡⎢⎣⎛⎜⎝⎤⎥⎦⎞⎟⎠]{0,60}?)(?P<open>[⎡⎢⎣⎛⎜⎝])"
                          r"(?P<cells>[-+\d.,/ \t]{1,200})(?P<close>[⎤⎥⎦⎞⎟⎠])")


def _side_by_side(lines: list[str], start: int) -> tuple[str, int] | None:
    """Several bracket-piece matrices drawn side by side (``X = ⎡1 0⎤ , y = ⎡2⎤`` above
    ``⎣0 1⎦ ⎣3⎦``) -> one line ``X = [[1, 0], [0, 1]] , y = [2, 3]``: every line has the same
    number of bracket groups, top to bottom, and only one line (the top one, or the middle one
    where a pretty-printer puts ``A =``) has text between them or after them."""
    groups, tails, i = [], [], start
    while i < len(lines) and i - start <= 64:
        found = list(_PIECE_GROUP.finditer(lines[i]))
        if len(found) < 2:
            return None
        end = found[-1].end()
        tails.append(lines[i][end:])
        groups.append(found)
        where = {_PIECES[g.group("open")][1] for g in found}
        if any(_PIECES[g.group("open")][0] != g.group("close") for g in found) or len(where) != 1:
            return None
        if (where == {"top"}) != (i == start):
            return None
        i += 1
        if where == {"bottom"}:
            break
    else:
        return None
    if len(groups) < 2 or len({len(g) for g in groups}) != 1:
        return None
    worded = [i for i, row in enumerate(groups) if any(g.group("pre").strip(" \t,") for g in row)]
    said = [i for i, t in enumerate(tails) if t.strip()]
    if len(set(worded + said)) > 1:
        return None     # words on several lines: not one row of named matrices
    line = (worded + said + [0])[0]
    names = groups[line]
    pieces = []
    for k in range(len(groups[0])):
        rows = [[c for c in re.split(r"[ \t,]{1,20}", row[k].group("cells").strip()) if c]
                for row in groups]
        if not all(rows) or not all(_CELL.fullmatch(c) for r in rows for c in r) or \
                len({len(r) for r in rows}) != 1:
            return None
        body = ("[" + ", ".join(r[0] for r in rows) + "]" if len(rows[0]) == 1 else
                "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]")
        pieces.append(names[k].group("pre") + body)
    return "".join(pieces) + tails[line], i


def _piece_block(lines: list[str], start: int) -> tuple[str, int] | None:
    """The one-line form of a bracket-piece matrix starting at ``lines[start]`` and the index
    after it, or None (several matrices side by side: :func:`_side_by_side`)."""
    if len(_PIECE_GROUP.findall(lines[start])) >= 2:
        return _side_by_side(lines, start)
    rows, pre, post = [], [], []
    i = start
    while i < len(lines) and i - start <= 64:
        m = _PIECE_ROW.match(lines[i].replace("\u2212", "-"))  # a Unicode minus in a cell
        if m is None:
            return None
        close, where = _PIECES[m.group("open")]
        if m.group("close") != close or (where == "top") != (i == start):
            return None
        cells = [c for c in re.split(r"[ \t,]{1,20}", m.group("cells").strip()) if c]
        if not cells or not all(_CELL.fullmatch(c) for c in cells):
            return None
        rows.append(cells)
        pre.append(m.group("pre").strip())
        post.append(m.group("post").strip())
        i += 1
        if where == "bottom":
            break
    else:
        return None
    if len(rows) < 2 or len({len(r) for r in rows}) != 1 or \
            sum(1 for p in pre if p) > 1 or sum(1 for p in post if p) > 1:
        return None
    body = ("[" + ", ".join(r[0] for r in rows) + "]" if len(rows[0]) == 1 else
            "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]")
    name = next((p for p in pre if p), "")
    tail = next((p for p in post if p), "")
    indent = lines[start][:len(lines[start]) - len(lines[start].lstrip())]
    return f"{indent}{name} {body} {tail}".rstrip().replace(f"{indent} ", indent, 1), i


# -- LaTeX ----------------------------------------------------------------------------------


_BARE_FONT = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathrm|mathit|mathcal|mathsf|mathtt)(?:\s{1,3}(?=[A-Za-z0-9])|"
                        r"\s{0,3}(?=\\[A-Za-z]))")
"""A font command without braces ('\\mathbf m_0 = \\mathbf 0', '\\boldsymbol\\theta'): the
symbol itself."""


_VERB = re.compile(r"\\verb\*?([|!+#])([^\n]{1,80}?)\1")
"""``\verb|lr|``: code written verbatim between two equal delimiters; the code is kept."""


_ESCAPED_SET = re.compile(r"(?<!\\)(\\(?:max|min|sup|inf)\b ?)?\\\{([^{}\n]{0,200}?)(?<!\\)\\\}")
"""Escaped braces: a set ``\\{0.5,\\ 2,\\ 18\\}`` is its elements, as plain braces are (the
step that drops grouping braces would leave the backslashes behind: ``\\0.5, 2, 18\\``);
``\\max\\{a, b\\}`` is ``max(a, b)``."""


def _escaped_set(m: re.Match) -> str:
    if m.group(1):
        return m.group(1).strip() + "(" + m.group(2).strip() + ")"
    return m.group(2).strip()


def _latex_to_plain(text: str) -> str:
    """LaTeX math -> canonical plain text (matrices, fractions, commands, delimiters)."""
    if "\\" not in text and "$" not in text:
        return _BRACES_TIDY(text)
    text = _PREAMBLE.sub("", text)
    text = _VERB.sub(lambda m: m.group(2), text)
    text = _ENV_TITLE.sub(lambda m: "\n" + (m.group(1) or "") + "\n", text)
    text = _latex_lists(text)
    text = _COMMAND_RUN.sub(r"\1 ", text)
    text = _BARE_FONT.sub("", text)
    text = _TIE.sub(" ", text)   # before the dollars go: "$25$~GB/s"
    text = text.replace("$$", " ").replace("$", " ")
    text = _MATH_DELIM.sub(" ", text)
    text = _latex_matrices(text)
    text = _ESCAPED_BAR.sub("‖", text)
    text = _SPACING.sub(" ", text)
    text = _TIE.sub(" ", text)
    for _ in range(3):
        new = _HAT_COMMAND.sub("\\1\u0302", text)
        new = _TILDE_COMMAND.sub(_tilde, new)
        new = _WRAPPER.sub(lambda m: m.group(2), new)
        new = _FRAC.sub(_frac, new)
        new = _FRAC_DIGITS.sub(r"(\1)/(\2)", new)
        new = _FRAC_TOKENS.sub(_frac, new)
        new = _SQRT.sub(lambda m: "sqrt(" + m.group(1) + ")", new)
        if new == text:
            break
        text = new
    text = _ESCAPED_SET.sub(_escaped_set, text)
    text = text.replace("\\\\", "\n")
    text = _COMMAND.sub(_command, text)
    text = text.replace("&", " ")
    return _BRACES_TIDY(text)


def _list_label(style: str, n: int) -> str:
    """The marker of item ``n`` (0-based) of a list whose ``[...]`` option is ``style``."""
    if "i)" in style or "roman" in style:
        romans = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
        return f"({romans[n]})" if n < len(romans) else f"{n + 1}."
    if "a)" in style or "alph" in style:
        return f"({chr(ord('a') + n)})" if n < 26 else f"{n + 1}."
    return f"{n + 1}."


def _latex_lists(text: str) -> str:
    """``enumerate``/``itemize`` environments -> one line per item with its marker: ``(a)``,
    ``1.`` or ``-`` (``\\item[(b)]`` keeps its own label)."""
    if "\\item" not in text:
        return text
    out, pos = [], 0
    stack: list[list] = []
    for m in _LIST_TOKEN.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if token.startswith("\\begin"):
            stack.append([m.group(1), m.group(2) or "", 0])
            out.append("\n")
        elif token.startswith("\\end"):
            if stack:
                stack.pop()
            out.append("\n")
        elif m.group(3) is not None:
            out.append("\n" + m.group(3).strip() + " ")
        elif stack and stack[-1][0] == "enumerate":
            out.append("\n" + _list_label(stack[-1][1], stack[-1][2]) + " ")
            stack[-1][2] += 1
        else:
            out.append("\n- ")
    out.append(text[pos:])
    return "".join(out)


def _BRACES_TIDY(text: str) -> str:  # noqa: N802 - reads as a step name
    """Drop grouping braces: ``_{\\infty}`` -> ``_∞``, ``^{2}`` -> ``^2``."""
    return _BRACES.sub("", text)


def _frac(m: re.Match) -> str:
    """``\\frac{a}{b}`` -> ``(a)/(b)`` (or ``a/b`` for single tokens)."""
    a, b = m.group(1).strip().strip("{}"), m.group(2).strip().strip("{}")
    if re.fullmatch(r"[\w.\\]{1,20}", a) and re.fullmatch(r"[\w.\\]{1,20}", b):
        return f"({a}/{b})"
    return f"(({a})/({b}))"


def _command(m: re.Match) -> str:
    """One LaTeX command -> its canonical symbol, or its bare name when unknown."""
    name = m.group(1)
    if name in _LATEX_SYMBOLS:
        out = _LATEX_SYMBOLS[name]
        return out if not out.isalpha() or len(out) == 1 else out + " "
    if name in _LATEX_DROP:
        return ""
    if name.startswith(("begin", "end")):
        return " "
    return name


def _latex_matrices(text: str) -> str:
    """``\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}`` -> ``[[1, 2], [3, 4]]``."""
    out, pos = [], 0
    for _ in range(200):
        m = _MATRIX_ENV.search(text, pos)
        if not m:
            break
        end_tag = "\\end{" + m.group(1) + "}"
        end = text.find(end_tag, m.end(), m.end() + 20_000)
        if end < 0:
            break
        body = text[m.end():end]
        rows = [r for r in (row.strip() for row in body.split("\\\\")) if r]
        cells = [[c.strip() for c in row.replace("\\hline", "").split("&")] for row in rows]
        if cells and all(len(r) == 1 for r in cells) and len(cells) > 1:
            rendered = "[" + ", ".join(r[0] for r in cells) + "]"
        elif len(cells) == 1:
            rendered = "[" + ", ".join(cells[0]) + "]"
        else:
            rendered = "[" + ", ".join("[" + ", ".join(r) + "]" for r in cells) + "]"
        out.append(text[pos:m.start()])
        out.append(" " + rendered + " ")
        pos = end + len(end_tag)
    out.append(text[pos:])
    return "".join(out)


# -- PDF garble -----------------------------------------------------------------------------


def _drop_debris(text: str, removed: list[str]) -> str:
    """Drop PDF debris: "Print Image", underbrace pieces and labels, lone equation numbers,
    figure captions."""
    lines = text.split("\n")
    keep: list[str] = []
    debris = [bool(_DEBRIS_LINE.match(line)) for line in lines]
    for i, line in enumerate(lines):
        stripped = line.strip()
        if debris[i]:
            if stripped:
                removed.append(f"debris line {stripped!r}")
            continue
        nxt = next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j].strip()), None)
        if (nxt is not None and debris[nxt] and lines[nxt].strip().lower() != "print image"
                and 0 < len(stripped.split()) <= 3 and stripped[-1:] in "|!"
                and not any(c.isdigit() for c in stripped)):
            removed.append(f"underbrace label {stripped!r}")
            continue
        keep.append(line)
    keep = _drop_page_numbers(keep, removed)
    keep = _drop_last_footer(keep, removed)
    keep = _drop_first_header(keep, removed)
    text = "\n".join(keep)
    text = _EQ_NUMBER_LINE.sub("", text)

    def page(m: re.Match) -> str:
        removed.append(f"page number {m.group(0).strip()!r}")
        return ""

    text = _PAGE_NUMBER_LINE.sub(page, text)
    text = _PAGE_FOOTER_LINE.sub(page, text)

    def caption(m: re.Match) -> str:
        removed.append(f"figure caption {m.group(0).strip()[:60]!r}")
        return ""

    text = _FIGURE_CAPTION.sub(caption, text)

    def float_label(m: re.Match) -> str:
        removed.append(f"float label {m.group(0).strip()!r}")
        return m.group(1)

    text = _ALGORITHM_LABEL.sub(float_label, text)
    return _SOURCE_LINE.sub(caption, text)


_PAGE_LINE = re.compile(r"^[ \t]{0,200}(?:[-–—][ \t]{0,2})?(?:page[ \t]{1,2})?(\d{1,3})(?:[ \t]{0,2}"
                        r"(?:/|of)[ \t]{0,2}\d{1,3}|[–-]\d{1,3})?(?:[ \t]{0,2}[-–—])?[ \t]{0,8}$", re.I)
"""A page number alone on its line ("12", "- 3 -", "Page 2", "2/5", "7–12": page 12 of
lecture 7)."""
_SECTION = r"(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?[ \t]{1,3})?"
_TITLE_WORD = r"(?:[A-Za-z'&:,-]{1,30}|\d{1,2}(?:\.\d{1,2}){0,2}\.)"
_RUNNING_LINE = re.compile(rf"^[ \t]{{0,8}}{_SECTION}[A-Z][A-Za-z'&:,-]{{0,30}}(?:[ \t]{_TITLE_WORD}){{1,8}}"
                           rf"[ \t]{{7,}}\d{{1,3}}[ \t]{{0,8}}$|^[ \t]{{0,8}}\d{{1,3}}[ \t]{{7,}}{_SECTION}"
                           rf"[A-Z][A-Za-z'&:,-]{{0,30}}(?:[ \t]{_TITLE_WORD}){{1,8}}[ \t]{{0,8}}$")
"""A running footer or header of PDF copy: a title of a few capitalised words, maybe with its
section number ("9.3. COST MODELS", "CHAPTER 9. DISTRIBUTED TRAINING"), and the page number,
far apart ("Optimization for Machine Learning          47")."""
_CHAPTER_LINE = re.compile(r"^[ \t]{0,8}(?:\d{1,4}[ \t]{1,40})?(?:CHAPTER|SECTION|LECTURE)[ \t]\d{1,2}\.?"
                           r"(?:[ \t]{1,3}[A-Z][A-Z'&:,-]{0,30}){1,8}(?:[ \t]{1,40}\d{1,4})?[ \t]{0,8}$")
"""A running header of PDF copy in capitals, its page number maybe one space apart ("194 CHAPTER
9. MOMENTUM", "CHAPTER 9. MOMENTUM 195")."""
_COPYRIGHT_LINE = re.compile(r"^[ \t]{0,8}(?:©|\(c\)|c)[ \t]{0,2}(?:19|20)\d{2}\b[^\n\d=]{0,60}?[ \t]{7,}"
                             r"(?:page[ \t]{1,2})?\d{1,3}[ \t]{0,8}$", re.I)
"""A copyright footer of PDF copy, its © often read as a plain c, then the page number far
apart ("c 2024 — draft, do not distribute          Page 23"): its year is no number of the
problem."""
_SENTENCE_END_LINE = re.compile(r"[.?!:)]\s*$|^\s*$")
_NEW_BLOCK = re.compile(r"^\s*(?:\(?[a-hA-H1-9]\)|\(?(?:i|ii|iii|iv|v)\)|[A-Z§#]|"
                        r"[1-9]\d?(?:\.\d{1,2}){1,2}\.? [A-Z])")


def _drop_page_numbers(lines: list[str], removed: list[str]) -> list[str]:
    """Lone page numbers of PDF copy ("12", "- 3 -", "Page 2", "2/5"): a line holding only one,
    where a page could end — the text's last line, or between a finished sentence (or a blank
    line) and the start of a new block (a capital, a heading, a part label)."""
    out = []
    for i, line in enumerate(lines):
        if _PAGE_LINE.match(line) or _RUNNING_LINE.match(line) or _COPYRIGHT_LINE.match(line) or \
                _CHAPTER_LINE.match(line):
            before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            after = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            last = after is None
            first = not before
            boundary = bool(_SENTENCE_END_LINE.search(before) or _is_header(lines, before)) and (
                after is None or bool(_NEW_BLOCK.match(after)))
            if (last and not first) or boundary:
                what = "page number" if _PAGE_LINE.match(line) else "running footer"
                removed.append(f"{what} {line.strip()!r}")
                continue
        out.append(line)
    return out


def _is_header(lines: list[str], line: str) -> bool:
    """True when ``line`` is the text's first line and a running header: it names a problem set,
    sheet, chapter, lecture, notes, course or page, and holds no '=' or '?' ("CS 7xx
    Optimization for Deep Learning          Problem Set 2", a page number on the next line)."""
    first = next((x for x in lines if x.strip()), "")
    return bool(line.strip()) and line is first and "=" not in line and "?" not in line and \
        bool(_FOOTER_WORDS.search(line))


_FOOTER_WORDS = re.compile(r"\b(?:chapter|lecture|notes|sheet|problem set|homework|course|page)\b",
                           re.I)
_FOOTER_NUMBER = re.compile(r"^[ \t]*\d{1,3}[ \t]|[ \t]\d{1,3}[ \t]*$|\bpage[ \t]{1,2}\d{1,3}\b",
                            re.I)
_PART_START = re.compile(r"^[ \t]*(?:\(?[a-h]\)|\(?[ivx]{1,4}\)|\d{1,2}\.[ \t])")


_HEADER_PAGE = re.compile(r"[ \t]{7,}\d{1,3}[ \t]*$")
"""The page number a running header ends with, far to the right of its title."""


def _drop_first_header(lines: list[str], removed: list[str]) -> list[str]:
    """The running header a PDF copy leaves as the text's first line: a title that names a
    problem set, sheet, chapter, lecture, notes, course or page, then the page number far to the
    right ('Deep Learning Systems — Problem Set 5          5'); a line with '=' or '?', or
    opening a part, stays, and so does a text of one line."""
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not any(line.strip() for line in lines[first + 1:]):
        return lines
    return _drop_running(lines, first, _HEADER_PAGE, "running header", removed)


def _drop_last_footer(lines: list[str], removed: list[str]) -> list[str]:
    """The running footer or header a PDF copy leaves as the text's last line: a page number at
    one end (or 'page N') beside a title that names a chapter, lecture, notes, sheet or page
    ('194 CHAPTER 9. MOMENTUM', 'Page 4 of 6   Deep Learning — Exercise sheet 5', 'Lecture Notes
    — Optimisation for Machine Learning 37'); a line with '=' or '?', or opening a part, stays."""
    last = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].strip()), None)
    if last is None or last == 0:
        return lines
    return _drop_running(lines, last, _FOOTER_NUMBER, "running footer", removed)


def _drop_running(lines: list[str], k: int, number: re.Pattern, what: str,
                  removed: list[str]) -> list[str]:
    """``lines`` without line ``k`` when it is a running title with its page number (``number``
    finds it) and no '=', '?' or part label; the dropped line is reported as ``what``."""
    line = lines[k]
    if len(line.strip()) > 140 or "=" in line or "?" in line or _PART_START.match(line) or \
            not _FOOTER_WORDS.search(line) or not number.search(line):
        return lines
    removed.append(f"{what} {line.strip()!r}")
    return lines[:k] + lines[k + 1:]


_HYPHENATED = re.compile(r"(?<![\w-])([a-z]{2,40})-[ \t]{0,8}\n[ \t]{0,8}([a-z]{2,40})\b")
"""A word a PDF hyphenated at the end of a line ("effec-\ntive"): joined."""


_DROPPED_INDEX = re.compile(r"(?<![\w])([θw])[ \t]*\n[ \t]*(\d|[kt](?: ?[-+] ?1)?)(?= ?=)")
"""An iterate whose subscript a PDF copy dropped onto the next line ("θ\\n0 = (0, 0)",
"θ\\nk+1 = θk − η∇f"): the indexed iterate (θ_0, θ_{k+1}), when the next line starts with the
index and the assignment sign."""
_SPACED_NEXT_INDEX = re.compile(r"(?<![\w^_])([θwx]) ([kt] ?[-+] ?1)(?= ?=(?!=))")
"""An iterate whose subscript a PDF copy set one space apart on the line ("x k+1 = xk − η∇f
(xk )"): the next iterate x_{k+1} of the update, when the assignment sign follows."""
_GT_AFTER_TUPLE = re.compile(r"(?<=\d|\w)\)>(?=[ \t]*(?:[,.;]|$))", re.M)
"""A transpose printed as '>' after a tuple ("θ0 = (0, 0)> ,"): a comparison sign never ends a
clause, so it is the transpose."""


_PDF_PENCIL_EPSILON = re.compile(r"(?<![\w\u2700-\u27bf])\u270f(?![\w\u2700-\u27bf])")
"""'✏' (U+270F, a pencil): the glyph a copied PDF shows for the script epsilon \\varepsilon of
some fonts ('(for simplicity) ✏ = 0'); read as ε where it stands alone."""


def _fix_pdf_garble(text: str) -> str:
    """PDF-copy repairs: ``argmin\\nΔθ\\n`` -> ``argmin_Δθ``, ``+ 1\\nα\\n`` -> ``+ (1/α)``,
    ``αt`` -> ``α_t``, ``maxi`` -> ``max_i``, ``a_t = a`` -> ``α_t = α`` (α misread as a),
    ``effec-\ntive`` -> ``effective``, an index dropped onto the next line (``θ\\n0 =`` ->
    ``θ_0 =``) or set apart on the line (``x k+1 =`` -> ``x_{k+1} =``), a transpose printed
    '>' after a tuple (``(0, 0)> ,`` -> ``(0, 0)^T ,``), the pencil glyph a PDF font gives
    for the script epsilon (``✏ = 0`` -> ``ε = 0``)."""
    text = _PDF_PENCIL_EPSILON.sub("ε", text)
    text = _ARGMIN_LINE.sub(lambda m: f"{m.group(1)}_{m.group(2)} ", text)
    text = _GARBLED_FRAC.sub(lambda m: f"{m.group(1)} ({m.group(2)}/{m.group(3).strip()}) ",
                             text)
    text = _ALPHA_T.sub("α_t", text)
    text = _MAXI.sub(lambda m: "max_" + m.group(1), text)
    text = _HYPHENATED.sub(r"\1\2", text)
    text = _DROPPED_INDEX.sub(lambda m: f"{m.group(1)}_{m.group(2)}" if len(m.group(2)) == 1
                              else f"{m.group(1)}_{{{m.group(2).replace(' ', '')}}}", text)
    text = _SPACED_NEXT_INDEX.sub(lambda m: f"{m.group(1)}_{{{m.group(2).replace(' ', '')}}}", text)
    text = _GT_AFTER_TUPLE.sub(")^T", text)
    if "α" in text or "alpha" in text or "\\alpha" in text:
        text = _A_SUB_T.sub("α_t = α", text)
        text = _AT_POSITIVE.sub("α_t > 0", text)
    return text


_FLAT_EXPONENT = re.compile(r"(?<![\w.^])(\d{1,3}(?:\.\d{1,6})?)(e|×10|× 10|x10|\*10)"
                            r"([\u2212\u2013-])(\d{1,3})(?!\d|\.\d|\s?[-+×*/]\s?\d)")
_SPACED_EXPONENT = re.compile(r"(?<![\w.^])10 ([\u2212-])(\d{1,2})(?!\d|\.\d)(?! ?[-+×*/=] ?\d)")
_FLAT_POWER = re.compile(r"(×[ \t]?10)(\d{1,2})(?!\d|\.\d)|(?<![\w.^])([1-9](?:\.\d{1,6})?[ \t]?·[ \t]?10)"
                         r"([3-9]|1\d)(?!\d|\.\d)")
"""``4 × 108`` and ``4 · 108`` (a one-digit mantissa times 10 with its exponent flattened)."""
_WRAPPED_POWER = re.compile(r"(?<![\w.^])([1-9](?:\.\d{1,6})?[ \t]?[×·][ \t]?10)[ \t]*\n[ \t]*(\d{1,2})"
                            r"(?=[ \t]+[A-Za-z(])")
"""``5 × 10`` ending a line and ``6 parameters`` starting the next: the exponent a PDF copy
set on the line below its base (a superscript line-wrapped)."""

_SPACED_POWER = re.compile(r"(?<![\w.^/] )(?<![\w.^])10 ([2-9]|1\d)(?= (?:(?:single|double|half|"
                           r"full|mixed)(?:-\s*| )?precision |fp\d\d |float\d\d |bf16 )?(?:parameters|params|bytes|bits|floats|"
                           r"values|elements|entries|weights|coordinates|numbers|scalars|"
                           r"gradients?|FLOPs?|tokens|samples)\b)")
"""``p = 10 7 parameters``, ``1 GB = 10 9 bytes``, ``d = 10 6 single-precision floats``: ten and a
one- or two-digit exponent a PDF copy set on the line, before the unit counted or its precision
(no other number reads "10 7 bytes")."""

_XOR_POWER = re.compile(r"((?:⊕|\\oplus|\b(?i:xor)) ?)2 ([a-z])(?![\w^(])")
"""``i ⊕ 2 k``: the XOR partner i ⊕ 2^k of a butterfly round, its exponent set on the line by a
PDF copy (an offset of 2·k would not be a partner's bit)."""

_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl"}
"""The letter ligatures a PDF copy keeps ('ﬂoats', 'traﬃc')."""
_LOST_LIGATURE = {
    r"de ne(s|d)?": "define", r"de nition(s)?": "definition", r"nd(s|ing)?": "find",
    r"rst(ly)?": "first", r"signi cant(ly)?": "significant", r"speci c(ally)?": "specific",
    r"speci ed": "specified", r"satis es": "satisfies", r"satis ed": "satisfied",
    r"coe cient(s)?": "coefficient", r"e ective(ly)?": "effective", r"di erent(ly)?": "different",
    r"di erence(s)?": "difference", r"di erentiable": "differentiable", r"in nity": "infinity",
    r"in nite(ly)?": "infinite", r"nite(ly)?": "finite", r"xed": "fixed",
    r"su cient(ly)?": "sufficient", r"modi ed": "modified", r"simpli es": "simplifies",
    r"simpli ed": "simplified", r"veri es": "verifies", r"veri ed": "verified",
    r"classi cation": "classification", r"oat(s|ing)?": "float", r"identi es": "identifies",
    r"identi ed": "identified", r"con dence": "confidence", r"e cient(ly)?": "efficient",
}
_LOST_LIGATURE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(
    f"(?P<w{i}>{k})" for i, k in enumerate(_LOST_LIGATURE)) + r")(?![\w-])")
"""Words a PDF copy printed with a ligature it then lost ('de ne', 'nd the minimiser',
'signi cant digits'): read as the word. Only fragments that are no word of their own."""


def _lost_ligatures(text: str, notes: list[str]) -> str:
    """``text`` with the words that lost their fi/ff/fl/ffi ligature restored, with a note."""
    keys = list(_LOST_LIGATURE)
    fixed: list[str] = []

    def word(m: re.Match) -> str:
        k = next(i for i in range(len(keys)) if m.group(f"w{i}") is not None)
        base = _LOST_LIGATURE[keys[k]]
        tail = re.fullmatch(keys[k], m.group(0)).group(1) if "(" in keys[k] else None
        fixed.append(m.group(0))
        return base + (tail or "")

    out = _LOST_LIGATURE_RE.sub(word, text)
    if fixed:
        notes.append("words that lost a PDF ligature read whole: " + ", ".join(
            repr(w) for w in dict.fromkeys(fixed)))
    return out

_FLAT_HESSIAN = re.compile(r"∇ ?2(?= ?[fFLJgh](?![\w]| ?\(\d))")
"""``∇ 2 f`` (``∇2f``): the Hessian ∇²f, its exponent set on the line by a PDF copy."""


_BROKEN_POWER = re.compile(r"(?<![\w.^])(\d{1,4}(?:\.\d{1,6})? ?[×x·*] ?10)"
                           r"[ \t]*\n[ \t]*(\d{1,2})"
                           r"(?=[ \t]+[a-z]|[ \t]*\n?[ \t]*[,.;)](?!\d))")
"""``5 × 10`` ending a line and ``6 parameters`` starting the next: a PDF copy set the exponent of
5 × 10⁶ below its base; read as 5 × 10^6 when a number times 10 ends the line and the next
line starts with one or two digits and a word or punctuation."""


def _flat_exponents(text: str, notes: list[str]) -> str:
    """Exponents flattened by PDF copy, read with a note: ``10−3`` and ``1e−8`` (a dash where
    a superscript minus was) and ``10 -3`` are 10^-3, ``4 × 108`` is 4 × 10^8, ``5 × 10`` at a
    line's end with ``6 parameters`` on the next is 5 × 10^6."""

    def exponent(m: re.Match) -> str:
        mant, base, exp = m.group(1), m.group(2), m.group(4)
        out = f"{mant}e-{exp}" if base == "e" else f"{mant}×10^-{exp}"
        notes.append(f"read '{m.group(0)}' as {out} (an exponent flattened onto the line)")
        return out

    def ten(m: re.Match) -> str:
        notes.append(f"read '{m.group(0)}' as 10^-{m.group(2)} (an exponent flattened onto the "
                     "line)")
        return f"10^-{m.group(2)}"

    def power(m: re.Match) -> str:
        base, exp = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        notes.append(f"read '{m.group(0)}' as {base}^{exp} (an exponent flattened onto the line)")
        return f"{base}^{exp}"

    text = _WRAPPED_POWER.sub(power, text)

    def broken(m: re.Match) -> str:
        notes.append(f"read '{m.group(1)}' over '{m.group(2)}' as {m.group(1)}^{m.group(2)} (an "
                     "exponent the PDF copy moved to the next line)")
        return f"{m.group(1)}^{m.group(2)}"

    text = _BROKEN_POWER.sub(broken, text)
    text = re.sub(r"(?<![\w.^])10([\u2212\u2013])(\d{1,2})(?!\d|\.\d)", ten, text)
    text = _FLAT_EXPONENT.sub(exponent, text)
    text = _SPACED_EXPONENT.sub(ten, text)

    def spaced(m: re.Match) -> str:
        notes.append(f"read '{m.group(0)}' as 10^{m.group(1)} (an exponent flattened onto the "
                     "line, before the unit it counts)")
        return f"10^{m.group(1)}"

    text = _SPACED_POWER.sub(spaced, text)

    def xor_power(m: re.Match) -> str:
        notes.append(f"read '{m.group(0)}' as {m.group(1)}2^{m.group(2)} (the partner's offset "
                     "2^k, its exponent flattened onto the line)")
        return f"{m.group(1)}2^{m.group(2)}"

    text = _XOR_POWER.sub(xor_power, text)
    if _FLAT_HESSIAN.search(text):
        notes.append("read '∇ 2' before a function as ∇^2, its Hessian (an exponent flattened "
                     "onto the line)")
        text = _FLAT_HESSIAN.sub("∇^2", text)
    return _FLAT_POWER.sub(power, text)


_DROPPED_LOG_BASE = re.compile(r"\blog[ \t]*\n[ \t]*(2|10)[ \t]+(?=[a-zA-Z]\b|\(\w)")
"""``log`` at a line's end and its base ``2`` starting the next line: a subscript a PDF copy
moved below ("in log\n2 n rounds" is log_2 n)."""


def _dropped_log_base(text: str, notes: list[str]) -> str:
    """``log\n2 n`` (a logarithm's base moved to the next line by PDF copy) -> ``log_2 n``,
    noted."""

    def base(m: re.Match) -> str:
        notes.append(f"read 'log' over '{m.group(1)}' as log_{m.group(1)} (a subscript moved to "
                     "the next line)")
        return f"log_{m.group(1)} "

    return _DROPPED_LOG_BASE.sub(base, text)


_GARBLE_SIGNS = re.compile(r"(?<![A-Za-z])k ?· ?k(?![A-Za-z])|(?<![A-Za-z])k[ΔδθgdxwuvG∆]k"
                           r"|\bh[gG], ?[dΔ∆]i\b|\bh[A-Z], ?[A-Z][⋆∗*?]? ?i\b|(?<=[θgbx])>(?=[A-Za-zθΔ∆])"
                           r"|(?<![A-Za-z])k[A-Za-zθ∆Δ∇][^\sk]{0,5} ?[-−] ?[^\sk]{1,6}k(?:\d|∞|_[\d∞])"
                           r"|(?<![A-Za-z])k[θxw]\w{0,3} ?[-−]\s?[θxw]\? ?k(?![a-z])"
                           r"|(?<![A-Za-z])k\([^()k\n]{1,12}\) ?[-−] ?\([^()k\n]{1,12}\) ?k(?![a-z])"
                           r"|(?<![A-Za-zα-ω])k[A-Za-zθΔ∆]_[\w∞]{1,3}(?:\^\*)?k(?![a-z])"
                           r"|(?<![A-Za-zα-ω])k[θxw]k k(?![a-z])|(?<![A-Za-zα-ω])k\([^()\n]{1,24}\) ?k(?![a-z])"
                           r"|(?<![A-Za-zα-ω])k[θwxβ][ \t]*\n[ \t]*(?:∞|[A-Za-z0-9]{1,6})[ \t]*\n[ \t]*k"
                           r"[ \t]*\n[ \t]*(?:\d|∞)(?![\w])")
"""The signature of a PDF copy's garbled symbols: 'k·k', 'kdk' (norm bars as 'k'), 'hg, di' (an
inner product), 'g>Δ' (a transpose), 'kw_∞k' (a subscripted symbol in bars), 'kθt − θ? k' and 'k(xt, yt) − (x⋆, y⋆)k' (the norm of
the distance to a starred point)."""
_PDF_NORM = re.compile(r"(?<![A-Za-zα-ω])k(?=[^\sk+=])((?:[^k\n=]|(?<=[-−+])\n|(?<=[-−+] )\n){1,30}?)(?<=\S) ?"
                       r"k(?![a-z])")
"""A norm 'kθt − θ? k' whose bars a PDF copy printed as 'k'; the line may break after an
operator inside it. No norm holds '=' or opens with '+': 'x k+1 = xk' is an iterate's index k."""
_PDF_BROKEN_SUBSCRIPT_NORM = re.compile(r"(?<![A-Za-zα-ω])k([θwxβ])[ \t]*\n[ \t]*([A-Za-z0-9]{1,6})k"
                                        r"(?=\d|∞|[^\w]|$)")
"""'kw' then 'GDk2' on the next line: the norm ‖w_GD‖_2 of a PDF copy whose subscript fell onto the
next line, its bars printed 'k'."""
_PDF_STARRED_NORM = re.compile(r"(?<![A-Za-zα-ω])k([udxθwΔ])[ \t]*\n[ \t]*[∗⋆][ \t]*\n[ \t]*"
                               r"(∞|1|2|F|[a-z]{1,4})[ \t]*\n[ \t]*k(?![a-z])")
"""'ku', '∗', '∞', 'k' on four lines: the norm ‖u^*_∞‖ of a PDF copy that put the star and the
subscript of the optimum on lines of their own, its bars printed 'k'."""
_PDF_STACKED_NORM = re.compile(r"(?<![A-Za-zα-ω])k([θwxβ])[ \t]*\n[ \t]*(∞|[A-Za-z0-9]{1,6})[ \t]*\n[ \t]*k"
                               r"[ \t]*\n[ \t]*(\d|∞)(?![\w])")
"""'kw', '∞', 'k', '2' on four lines: the norm ‖w_∞‖_2 of a PDF copy that set the subscript, the
closing bar (printed 'k') and the norm's index each on a line of its own."""
_PDF_BROKEN_SUBSCRIPT = re.compile(r"(?<![\w‖])([θwx])[ \t]*\n[ \t]*(\d{1,2}|[A-Z]{1,4}|[a-z]{3,6})"
                                   r"(?=[ \t]*(?:=|,|\.(?!\d)|:|;|\)|\band\b|$))")
"""'the limit w' then 'GD and ...' on the next line: the symbol w_GD of a PDF copy whose
subscript fell onto the next line (a number, a capital tag or a short word ending the clause)."""
_PDF_ITERATE_NORM = re.compile(r"(?<![A-Za-zα-ω])k([θxw])k k(?![a-z])")
"""'kθk k': the norm of the iterate θ_k, its subscript k and closing bar both printed 'k'."""
_PDF_ITERATE_DISTANCE = re.compile(r"(?<![A-Za-zα-ω])k([θxw])k ?([-−]) ?\1(?:∗|\?|⋆|\^\*) ?k(?![a-z])")
"""'kxk − x∗k2': the distance of the iterate x_k to the starred point, the subscript k and the
closing bar both printed 'k'."""
_PDF_POINT_NORM = re.compile(r"(?<![A-Za-zα-ω])k(\([^()\n]{1,24}\)) ?k(?![a-z])")
"""'k(xk , yk )k': the norm of a point written as a pair, whose entries may hold a subscript k."""
_PDF_INNER = re.compile(r"(?<![A-Za-z])h([^,\n⟨⟩]{1,12}), ?([^\n,⟨⟩]{1,12}?) ?i(?![A-Za-z])")
_PDF_HALF = re.compile(r"= ?1 ?\n? ?2 (?=[‖θxwΘ]|\((?:[θxwa]|X ?[θwβ])\b)")
_STACKED_HALF = re.compile(r"= ?\n? ?1 ?\n ?2 ?\n? ?(?=[‖θxwΘ])")
"""``=`` then ``1`` and ``2`` each alone on a line (the line after ``=`` or on it), then the
operand: a stacked ½ of a PDF copy whose scripts stayed inline."""
_PDF_TRANSPOSE = re.compile(r"(?<=[)\w∆Δθ])>(?=[\s,.;:)∆Δθ(]|$)|(?<=[)\w])⊤")

_PDF_INNER_TRANSPOSE = re.compile(r"(?<![\w^])([a-zθ])>([a-zθ])(?![\w(])")
"""'x>w' between two one-letter vectors (xᵀw, its ᵀ flattened to '>'), in a PDF copy."""
_PDF_FORM_TRANSPOSE = re.compile(r"(?<![\w])([θxwzuvy])>([A-Z])\1(?![\w])")
"""``θ>Hθ`` (the quadratic form θᵀHθ with its ᵀ flattened to '>')."""


def _pdf_half(text: str, notes: list[str], pattern: re.Pattern) -> str:
    """``= 1`` over ``2 θ...`` (a fraction ½ flattened by a PDF) -> ``= (1/2) θ...``, noted."""
    if not pattern.search(text):
        return text
    notes.append("read '1' over '2' (a fraction flattened by the PDF) as 1/2")
    return pattern.sub("= (1/2) ", text)


_SPACED_FORM_TRANSPOSE = re.compile(r"(?<![\w])([θxwzuv])> ?([A-Z]) ?\1(?![\w])")
_FORM_HALF = re.compile(r"\b(form(?: of)?|(?-i:as)) (?P<digits>12|21) (?=[θxwzuv]\^T ?[A-Z] ?[θxwzuv](?![\w]))")
"""'the form 12 θᵀHθ', 'write f as 21 θᵀHθ': a stacked ½ in front of a quadratic form that a
PDF copy flattened onto the line (its digits in either order)."""


def _pdf_quadratic_form(text: str, notes: list[str]) -> str:
    """A quadratic form whose ᵀ a PDF copy printed as '>' (``z> Hz``, the same vector on both
    sides of a capital matrix) -> ``z^T H z``; then "the form 12 zᵀHz" or "write f as 21 zᵀHz"
    (½ flattened to 12 or 21 in front of such a form) -> "the form 1/2 zᵀHz". Both noted."""
    if _SPACED_FORM_TRANSPOSE.search(text):
        notes.append("read '>' between a vector and a matrix times the same vector as a "
                     "transpose (a PDF-garbled quadratic form)")
        text = _SPACED_FORM_TRANSPOSE.sub(r"\1^T \2\1", text)
    if _FORM_HALF.search(text):
        notes.append(f"read '{_FORM_HALF.search(text).group('digits')}' in front of a quadratic "
                     "form as 1/2 (a fraction flattened by the PDF)")
        text = _FORM_HALF.sub(r"\1 1/2 ", text)
    return text


_OPEN_NORM_SENTENCE = re.compile(r"\bnorm ‖ ?· ?‖(?![_^\w])[^.?!]{0,300}")
"""The rest of a sentence that leaves the norm open ("with respect to a norm k · k solves min g>d
+ 1 α kdk2"): a '2' after its bars is the square, no choice of norm — also on the next line
after a norm of a variable ("kuk" then "2"), not after the open norm ‖·‖ itself."""
_OPEN_NORM_SQUARE = re.compile(r"‖([^‖\n]{1,30})‖(?: ?|(?<!‖·‖)[ \t]*\n[ \t]*)2"
                               r"(?![\w.]|[ \t]*\n[ \t]*(?:∞|1|2|∗|F)[ \t]*\n)")


_PDF_SPACE_DIMENSION = re.compile(r"(?:∈ ?(R|ℝ)[ \t]*\n?[ \t]*(\d{1,2})(?=[ \t]*(?:\n|[,.;:)]|$))|"
                                  r"(?:∈|\bon|\bin) ?(R|ℝ)[ \t]*\n[ \t]*(\d{1,2})(?= [a-z]))")
"""``u ∈ R`` then ``3`` (on the next line or after a space): the space R^3 whose exponent a PDF
copy flattened."""
_PDF_STAR_BELOW = re.compile(r"(?<=[\s(][udDΔθwx])[ \t]*\n[ \t]*\?(?=[ \t]*(?:\n|=|,|\.(?!\d)|$|and\b|from\b|of\b|in\b))")
"""``u`` then ``?`` alone on the next line: the star of the optimum u* a PDF copy printed as '?'
below its letter."""
_OPEN_NORM_INDEX_BELOW = re.compile(r"(?:(?<== )|(?<=\bof )|(?<=\bis )|(?<=\bnorm ))‖·‖[ \t]*\n[ \t]*(2|1|∞|F|∗)"
                                    r"(?=[ \t]*(?:\n|[,.;:)]|$)| is\b)")
"""``‖·‖ = ‖·‖`` then ``2`` (or ``∞``) alone on the next line: a PDF copy's index of the norm
named, dropped below the bars (a bare norm ‖·‖ is not squared)."""


def _fix_pdf_symbols(text: str, notes: list[str]) -> str:
    """In text copied from a typeset PDF: ``kdk`` -> ``‖d‖``, ``hg, di`` -> ``⟨g, d⟩``,
    ``g>`` -> ``g^T`` (only when the text shows the garble's signature ``k·k``/``kdk``/``hg, di``)."""
    text = _PDF_FACTOR_POWER_LINE.sub(lambda m: _flat_factor(m, notes), text)
    if not _GARBLE_SIGNS.search(text):
        text = _pdf_quadratic_form(text, notes)
        return _pdf_half(text.replace("⊤", "^T"), notes, _STACKED_HALF)
    notes.append("PDF-garbled symbols read: 'k·k' as norm bars, 'hg, di' as an inner product, "
                 "'>' after a symbol as a transpose")
    text = _PDF_INNER.sub(lambda m: f"⟨{m.group(1).strip()}, {m.group(2).strip()}⟩", text)
    text = re.sub(r"(?<=[θxw])\?(?=\s?[k‖)]|k| ?:?= ?[A-Za-z(])", "^*", text)   # θ? = X†y
    text = _PDF_INVERSE_WEIGHT.sub(lambda m: f"(1/{m.group(1)}) ", text)
    text = re.sub(r"(?<=[k⟨(\s,‖>][duDΔ])\?(?=\s?(?:[k‖)=,.⟩]|[a-z])|(?:RMS|∞|F|op)k)", "^*", text)
    # (also after the transpose's '>': "the value of g>u? ." is gᵀu*)
    text = re.sub(r"(?<![A-Za-z])k ?· ?k(?![a-z])", "‖·‖", text)
    text = _OPEN_NORM_INDEX_BELOW.sub(r"‖·‖_\1", text)
    text = _PDF_SPACE_DIMENSION.sub(lambda m: f"∈ {m.group(1) or m.group(3)}^{m.group(2) or m.group(4)}"
                                    if m.group(1) else m.group(0).split(m.group(3))[0] +
                                    f"{m.group(3)}^{m.group(4)}", text)
    text = _PDF_STAR_BELOW.sub("^*", text)
    text = _PDF_ITERATE_DISTANCE.sub("‖\\1_\ue000 \\2 \\1^*‖", text)
    text = _PDF_STARRED_NORM.sub(r"‖\1^*_\2‖", text)
    text = _PDF_STACKED_NORM.sub(r"‖\1_\2‖_\3", text)
    text = _PDF_BROKEN_SUBSCRIPT_NORM.sub(r"‖\1_\2‖", text)
    text = _PDF_BROKEN_SUBSCRIPT.sub(r"\1_\2", text)
    text = _PDF_ITERATE_NORM.sub("‖\\1_\ue000‖", text)   # its k kept from the bars read next
    text = _PDF_POINT_NORM.sub(lambda m: "‖" + " ".join(m.group(1).split()) + "‖", text)
    text = _PDF_NORM.sub(lambda m: "‖" + " ".join(m.group(1).split()) + "‖", text)
    text = text.replace("\ue000", "k")
    text = _OPEN_NORM_SENTENCE.sub(lambda m: _OPEN_NORM_SQUARE.sub(r"‖\1‖^2", m.group(0)), text)
    text = re.sub(r"‖([^‖\n]{1,30})‖ ?(2)(2|∞|1|∗)(?![\w.])", r"‖\1‖_\3^\2", text)
    # "kdk2" then the subscript alone on the next line: the square, and the index dropped below
    text = re.sub(r"‖([^‖\n]{1,30})‖ ?2[ \t]*\n[ \t]*(∞|1|2|∗|F)[ \t]*(?=\n|\()", r"‖\1‖_\2^2", text)
    # the same with a letter the text names a norm by elsewhere ("kdkP = √(d>P d)", then "kdk2" / "P")
    for letter in dict.fromkeys(re.findall(r"‖[^‖\n]{1,30}‖_?([A-Z])(?![A-Za-z])", text)):
        text = re.sub(rf"‖([^‖\n]{{1,30}})‖ ?2[ \t]*\n[ \t]*{letter}[ \t]*(?=\n)", rf"‖\1‖_{letter}^2",
                      text)
    text = re.sub(r"‖([^‖\n]{1,30})‖(\d|∞|∗|F)(?![\w]|\.\d)", r"‖\1‖_\2", text)
    text = re.sub(r"‖([^‖\n]{1,30})‖(RMS|op|nuc|tr|max)(?![A-Za-z])", r"‖\1‖_\2", text)
    for v in dict.fromkeys(m.group(1) for m in _PDF_FORM_TRANSPOSE.finditer(text)):
        text = re.sub(rf"(?<![\w])([a-z])>{v}(?![\w])", rf"\1^T{v}", text)  # its b>θ
    text = _PDF_FORM_TRANSPOSE.sub(r"\1^T\2\1", text)
    text = _PDF_FACTOR_POWER.sub(lambda m: _flat_factor(m, notes), text)
    text = _PDF_TRANSPOSE.sub("^T", _pdf_half(text, notes, _PDF_HALF))
    text = _PDF_INNER_TRANSPOSE.sub(r"\1^T \2", text)
    return _pdf_quadratic_form(text, notes)


_PDF_FACTOR_POWER = re.compile(r"\b(a factor(?:\sof)?|by(?:\sa factor(?:\sof)?)?)\s10([2-9])(?![\d.,]?\d)")
"""``by a factor 103`` in PDF copy: the factor 10³, its exponent flattened onto the line."""
_PDF_FACTOR_POWER_LINE = re.compile(r"\b(a factor(?:\sof)?|by(?:\sa factor(?:\sof)?)?)\s10[ \t]*\n[ \t]*"
                                    r"([2-9]|1[0-9])(?=[ \t]*\n?[ \t]*(?:[,;?)]|\.(?!\d)))")
"""``by a factor of 10`` then ``6`` alone on the next line before the comma: a PDF copy's 10⁶,
its superscript put on a line of its own (a sign of the copy even without other garbles)."""


def _flat_factor(m: re.Match, notes: list[str]) -> str:
    exp = m.group(2)
    notes.append(f"read '{' '.join(m.group(0).split())}' as {m.group(1)} 10^{exp} (a power of "
                 "ten whose exponent the PDF flattened onto the line)")
    return f"{m.group(1)} 10^{exp}"


def _fix_norm_indices(text: str) -> str:
    """After ``‖x‖``, a PDF writes superscript and subscript as loose tokens: ``‖x‖ 2∞`` is
    ``‖x‖_∞^2`` and ``‖x‖ 2\\n2`` is ``‖x‖_2^2``. A lone ``2`` stays as is (ambiguous)."""
    out, pos = [], 0
    for m in _NORM_PAIR.finditer(text):
        if m.start() < pos:
            continue
        out.append(text[pos:m.end()])
        pos = m.end()
        nxt = text[pos:pos + 1]
        if nxt in ("_", "^"):
            continue
        pair = _GARBLED_INDEX_PAIR.match(text, pos)
        if pair:
            out.append(f"_{pair.group(1)}^2")
            pos = pair.end()
            continue
        one = _GARBLED_INDEX_ONE.match(text, pos)
        if one:
            out.append(f"_{one.group(1)}")
            pos = one.end()
            continue
        letter = _GARBLED_MATRIX_INDEX.match(text, pos)
        if letter and letter.group(1) and re.match(r"[ \t]*\n", text[letter.end():]):
            letter = None   # '‖d‖2P' ending a line: a stacked fraction's row, read as a whole later
        if letter and re.search(rf"(?<![\w]){letter.group(2)} ?= ?(?:\[ ?\[|diag ?\()", text):
            out.append(f"_{letter.group(2)}" + ("^2" if letter.group(1) else ""))
            pos = letter.end()
    out.append(text[pos:])
    return "".join(out)


_LONE_TWO = re.compile(r"‖([^‖\n]{1,30})‖ 2(?![\w^_‖]|\.\d)")
_SENTENCE_EDGE = re.compile(r"[.?!](?!\d)")


def _euclidean_lone_two(text: str, notes: list[str]) -> str:
    """``‖u‖ 2`` (a 2 a PDF copy set apart from the bars: the 2-norm or the square) in a
    sentence that says 'Euclidean length' or 'Euclidean norm' and nothing squared: the Euclidean
    norm ``‖u‖_2``. Elsewhere the 2 is left as written."""
    if "‖ 2" not in text or "euclidean" not in text.lower():
        return text

    def sentence(pos: int) -> str:
        starts = [m.end() for m in _SENTENCE_EDGE.finditer(text, 0, pos)]
        end = _SENTENCE_EDGE.search(text, pos)
        return text[starts[-1] if starts else 0:end.start() if end else len(text)]

    def two(m: re.Match) -> str:
        said = sentence(m.start()).lower()
        if re.search(r"\beuclidean (?:length|norm)s?\b", said) and "squar" not in said:
            notes.append(f"read '{m.group(0)}' as ‖{m.group(1)}‖_2 (a Euclidean length)")
            return f"‖{m.group(1)}‖_2"
        return m.group(0)

    return _LONE_TWO.sub(two, text)


_GARBLED_MATRIX_INDEX = re.compile(r"(2)?([A-Z])(?![\w(])")
"""``‖d‖P``, ``‖d‖2P``: the index of a norm weighted by a matrix the text defines (``P = [[2,
1], [1, 2]]``, ``P = diag(4, 1, 9)``), glued to the bars by a PDF, with the square before it: ``‖d‖_P``, ``‖d‖_P^2``.
A letter no matrix is assigned to is left as written."""
