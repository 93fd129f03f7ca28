"""LaTeX -> one line of Unicode math for the terminal: ``\\frac{\\alpha}{2} g`` -> ``(α/2)·g``.

Every formula the tool emits is LaTeX printed from a SymPy expression (or stated as ``Tex``);
the terminal shows the same formula as Unicode text and never a backslash command: known
commands become symbols, unknown ones their bare name. Sub- and superscripts use Unicode
script characters where every character has one, ``_word`` or ``_(…)`` otherwise. Matrices are
written as rows (``[a, b]ᵀ`` for a column) and long ones are elided in the middle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optiproof.rendering import round_decimals

SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "varrho": "ϱ",
    "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ",
    "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "emptyset": "∅",
    "top": "ᵀ", "intercal": "ᵀ", "star": "⋆", "ast": "*", "prime": "′", "circ": "∘",
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙",
    "oslash": "⊘", "otimes": "⊗", "oplus": "⊕", "sum": "Σ", "prod": "Π", "int": "∫",
    "langle": "⟨", "rangle": "⟩", "lVert": "‖", "rVert": "‖", "Vert": "‖", "|": "‖",
    "lvert": "|", "rvert": "|", "vert": "|", "mid": " | ", "lbrace": "{", "rbrace": "}",
    "{": "{", "}": "}", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋",
    "ldots": "…", "cdots": "⋯", "dots": "…", "vdots": "⋮", "ddots": "⋱",
    "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "land": "∧", "lor": "∨",
    "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "backslash": "∖", "setminus": "∖",
    "checkmark": "✓", "square": "□", "dagger": "†",
}
RELATIONS = {
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
    "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "implies": "⇒", "iff": "⇔", "Leftrightarrow": "⇔",
    "mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
    "cup": "∪", "cap": "∩", "ll": "≪", "gg": "≫", "perp": "⊥", "coloneqq": "≔",
    "succeq": "⪰", "preceq": "⪯", "succ": "≻", "prec": "≺", "lesssim": "≲", "gtrsim": "≳",
}
FUNCTIONS = ("arg", "max", "min", "sup", "inf", "lim", "log", "ln", "exp", "sin", "cos", "tan",
             "det", "dim", "ker", "deg", "gcd", "sgn", "Pr", "tanh", "limsup", "liminf")
SPACES = {",": " ", ";": " ", ":": " ", "!": "", " ": " ", "quad": "  ", "qquad": "   ",
          "thinspace": " ", "medspace": " ", "thickspace": " ", "negthinspace": "", "enspace": " "}
IGNORED = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
           "biggl", "biggr", "middle", "limits", "nolimits", "displaystyle", "textstyle",
           "scriptstyle", "nonumber", "notag", "mathstrut", "strut", "relax", "phantom",
           "hphantom", "vphantom", "tag", "label"}
TEXT_MODE = {"text", "textrm", "textit", "textbf", "texttt", "textsf", "mbox", "emph"}
MATH_STYLES = {"mathrm", "mathit", "mathbf", "mathsf", "mathtt", "boldsymbol", "bm",
               "operatorname", "mathnormal"}
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
           "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
           "vec": "\u20d7", "check": "\u030c", "breve": "\u0306"}
FRACTIONS = ("frac", "dfrac", "tfrac", "cfrac")

_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUWβγδθιφχ",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁᵂᵝᵞᵟᶿᶥᵠᵡ",
                strict=True))
_SUP.update({"−": "⁻", "ᵀ": "ᵀ", "*": "*", "⋆": "⋆", "′": "′", "∗": "*"})
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
                strict=True))
_SUB["−"] = "₋"
_STRUCK = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ", "1": "𝟙"}
_SCRIPT = {"L": "ℒ", "N": "𝒩", "O": "𝒪", "F": "ℱ", "D": "𝒟", "X": "𝒳", "Y": "𝒴", "S": "𝒮",
           "H": "ℋ", "B": "ℬ", "E": "ℰ", "M": "ℳ", "R": "ℛ", "I": "ℐ", "A": "𝒜", "C": "𝒞"}
_TOKEN = re.compile(r"\\(?:[A-Za-z]+\*?|.)|\d+(?:\.\d+)?|\s+|.", re.S)
MATRIX_ENVS = {"matrix", "bmatrix", "pmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix",
               "array"}
MATRIX_MAX_ROWS = 6
MATRIX_MAX_COLS = 6


@dataclass
class _Item:
    """A piece of a formula: its text and what it is (operand, operator, relation, ...)."""

    text: str
    kind: str = "atom"  # atom frac word op rel open close punct space post
    spaced: bool = False


class _Reader:
    """A recursive-descent reader over LaTeX tokens that writes Unicode items."""

    def __init__(self, latex: str):
        self.tokens = _TOKEN.findall(latex)
        self.i = 0
        self.spaced = False

    def peek(self) -> str | None:
        while self.i < len(self.tokens) and self.tokens[self.i].isspace():
            self.i += 1
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def next(self) -> str | None:
        start = self.i
        tok = self.peek()
        self.spaced = self.i > start
        if tok is not None:
            self.i += 1
        return tok

    def group_text(self) -> str:
        """The raw text of the next ``{...}`` group (or token), for environment names."""
        tok = self.next()
        if tok != "{":
            return tok or ""
        depth, out = 1, []
        while self.i < len(self.tokens):
            t = self.tokens[self.i]
            self.i += 1
            depth += (t == "{") - (t == "}")
            if depth == 0:
                break
            out.append(t)
        return "".join(out)

    def argument(self) -> list[_Item]:
        """The next argument: a ``{...}`` group or a single token's items."""
        tok = self.peek()
        if tok is None:
            return []
        if tok == "{":
            self.next()
            return self.items(until="}")
        return self.one()

    def optional(self) -> list[_Item] | None:
        """An optional ``[...]`` argument, if present."""
        if self.peek() != "[":
            return None
        self.next()
        return self.items(until="]")

    def items(self, until: str | None = None) -> list[_Item]:
        out: list[_Item] = []
        while True:
            tok = self.peek()
            if tok is None:
                return out
            if tok == until:
                self.next()
                return out
            if until is None and tok == "}":
                self.next()
                continue
            if tok in ("&", "\\\\", "\\cr") or tok == "\\end":
                return out
            out += self.one()

    def one(self) -> list[_Item]:
        tok = self.next()
        if tok is None:
            return []
        spaced = self.spaced
        items = self.token(tok)
        if items:
            items[0].spaced = spaced
        return items

    def token(self, tok: str) -> list[_Item]:
        if tok == "{":
            return [_Item(_joined(self.items(until="}")), "atom")]
        if tok in ("^", "_"):
            return [_script(_joined(self.argument()), tok == "^")]
        if tok.startswith("\\"):
            return self.command(tok[1:])
        if tok in "+-−":
            return [_Item("−" if tok in "-−" else "+", "op")]
        if tok == "/":
            return [_Item("/", "op")]
        if tok in "=<>":
            return [_Item(tok, "rel")]
        if tok in "([":
            return [_Item(tok, "open")]
        if tok in ")]":
            return [_Item(tok, "close")]
        if tok in ",;":
            return [_Item(tok, "punct")]
        if tok == "|":
            return [_Item("|", "atom")]
        if tok == "'":
            return [_Item("′", "atom")]
        if tok == "~":
            return [_Item(" ", "space")]
        return [_Item(tok, "atom")]

    def command(self, name: str) -> list[_Item]:
        if name.endswith("*"):
            name = name[:-1]
        if name in SPACES:
            return [_Item(SPACES[name], "space")] if SPACES[name] else []
        if name in ("left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big", "middle"):
            delim = self.next() or ""
            if name == "left" and delim in ("[", "(") and self.peek() == "\\begin":
                return self.bracketed_matrix()
            if delim == ".":
                return []
            text = _joined(self.command(delim[1:])) if delim.startswith("\\") else delim
            kind = "open" if name in ("left", "bigl", "Bigl") else (
                "close" if name in ("right", "bigr", "Bigr") else "atom")
            if text in ("‖", "|"):
                kind = "atom"
            return [_Item(text, kind)]
        if name in ("phantom", "hphantom", "vphantom", "tag", "label"):
            self.argument()
            return []
        if name in IGNORED:
            return []
        if name in FRACTIONS:
            top, bottom = _joined(self.argument()), _joined(self.argument())
            return [_Item(f"{_grouped(top)}/{_grouped(bottom)}", "frac")]
        if name == "binom":
            top, bottom = _joined(self.argument()), _joined(self.argument())
            return [_Item(f"C({top}, {bottom})", "atom")]
        if name == "sqrt":
            index = self.optional()
            body = _joined(self.argument())
            root = {"3": "∛", "4": "∜"}.get(_joined(index) if index else "", "√")
            if index and root == "√":
                root = _script(_joined(index), True).text + "√"
            return [_Item(root + (body if _is_atom(body) else f"({body})"), "atom")]
        if name in ACCENTS:
            body = _joined(self.argument())
            return [_Item(body + ACCENTS[name] if len(body) == 1 else f"{body}{ACCENTS[name]}",
                          "atom")]
        if name == "mathbb":
            body = _joined(self.argument())
            return [_Item("".join(_STRUCK.get(c, c) for c in body), "atom")]
        if name in ("mathcal", "mathscr"):
            body = _joined(self.argument())
            return [_Item("".join(_SCRIPT.get(c, c) for c in body), "atom")]
        if name in TEXT_MODE:
            text = re.sub(r"\\([A-Za-z]+|.)", lambda m: SYMBOLS.get(m.group(1), m.group(1)),
                          self.group_text()).replace("{", "").replace("}", "")
            return [_Item(text.strip(), "word")] if text.strip() else []
        if name in MATH_STYLES:
            raw = self.group_text()
            text = raw.strip() if "\\" not in raw else _joined(_Reader(raw).items())
            return [_Item(text, "word" if len(text) > 1 else "atom")]
        if name in ("underset", "overset", "stackrel"):
            mark, body = _joined(self.argument()), _joined(self.argument())
            return [_Item(body, "word"), _script(mark, name != "underset")]
        if name == "begin":
            return self.environment(self.group_text())
        if name in ("bmod", "pmod", "mod"):
            return [_Item("mod", "word")]
        if name in FUNCTIONS:
            return [_Item(name, "word")]
        if name in RELATIONS:
            return [_Item(RELATIONS[name], "rel")]
        if name in SYMBOLS:
            kind = "op" if name in ("cdot", "times", "pm", "mp", "div", "odot", "oslash",
                                    "otimes", "oplus") else "atom"
            if name in ("top", "intercal", "prime"):
                return [_Item(SYMBOLS[name], "post")]
            return [_Item(SYMBOLS[name], kind)]
        if name in ("langle", "lceil", "lfloor"):
            return [_Item(SYMBOLS[name], "open")]
        return [_Item(name, "word")]

    def bracketed_matrix(self) -> list[_Item]:
        """``\\left[ \\begin{matrix} ... \\end{matrix} \\right]``: the brackets are the matrix's."""
        self.next()
        out = self.environment(self.group_text())
        if self.peek() == "\\right":
            self.next()
            self.next()
        return out

    def environment(self, env: str) -> list[_Item]:
        if env == "array":
            self.group_text()
        rows: list[list[str]] = [[]]
        while True:
            cell = _joined(self.items())
            rows[-1].append(cell)
            tok = self.next()
            if tok is None:
                break
            if tok == "&":
                continue
            if tok in ("\\\\", "\\cr"):
                rows.append([])
                continue
            if tok == "\\end":
                self.group_text()
                break
        rows = [r for r in rows if any(c.strip() for c in r)]
        if env in MATRIX_ENVS:
            return [_Item(matrix_text(rows), "atom")]
        if env == "cases":
            return [_Item("{ " + "; ".join(_case(r) for r in rows) + " }", "atom")]
        return [_Item("; ".join(" ".join(c for c in r if c) for r in rows), "atom")]


def _case(row: list[str]) -> str:
    """One row of a ``cases`` block: ``value if condition``."""
    value, *conditions = [c for c in row if c] or [""]
    if not conditions:
        return value
    condition = " ".join(conditions)
    joint = " " if condition.split(" ", 1)[0] in ("if", "for", "when", "otherwise") else ", "
    return value + joint + condition


def _elide(items: list[str], limit: int, dots: str) -> list[str]:
    """At most ``limit`` entries: the first ones, ``dots``, and the last two."""
    if len(items) <= limit:
        return items
    return items[:limit - 3] + [dots] + items[-2:]


def matrix_text(rows: list[list[str]]) -> str:
    """Rows of cells as ``[a, b]ᵀ`` (a column), ``[a, b]`` (a row) or ``[[a, b], [c, d]]``."""
    if not rows:
        return "[]"
    if all(len(r) == 1 for r in rows) and len(rows) > 1:
        return "[" + ", ".join(_elide([r[0] for r in rows], MATRIX_MAX_ROWS, "…")) + "]ᵀ"
    shown = [_elide(r, MATRIX_MAX_COLS, "…") for r in rows]
    if len(rows) == 1:
        return "[" + ", ".join(shown[0]) + "]"
    lines = ["[" + ", ".join(r) + "]" for r in shown]
    return "[" + ", ".join(_elide(lines, MATRIX_MAX_ROWS, "⋮")) + "]"


def _script(text: str, sup: bool) -> _Item:
    """A sub- or superscript: Unicode script characters when every character has one."""
    table = _SUP if sup else _SUB
    compact = text.replace(" ", "")
    word = re.search(r"[A-Za-z0-9]{3,}", compact) and re.search(r"[A-Za-z]", compact)
    if compact and not word and all(c in table or (c == "," and not sup) for c in compact):
        return _Item("".join(table.get(c, c) for c in compact), "post")
    mark = "^" if sup else "_"
    plain = _is_atom(compact) or len(compact) <= 3 and not re.search(r"[−+=/]", compact[1:])
    return _Item(mark + (compact if plain else f"({text})"), "post")


_WORD = r"[\w.′⋆*\u0300-\u036f\u20d7ℝ𝔼∞]"
_TAIL = re.compile(r"(?:[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ᵀ₀-₉₊₋₍₎ₐ-ₜᵢ-ᵪ′⋆*]|_[\w*∞]+|\^[\w*]+|[ᴬ-ᵡ])*$")
_PAIRS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩"}


def _is_atom(text: str) -> bool:
    """True for text that needs no parentheses as an operand: a word or number, a bracketed
    group, a root of an atom, or a named function applied to a group (``sign(g)``, ``𝔼[mₜ]``);
    sub- and superscripts may follow."""
    text = text[:_TAIL.search(text).start()] if text else text
    if len(text) <= 1 or re.fullmatch(f"{_WORD}+", text):
        return True
    if text[0] == "√":
        return _is_atom(text[1:])
    head = re.match(r"[^\W\d_]+", text)
    rest = text[head.end():] if head else text
    return bool(rest) and rest[0] in "([{‖|⟨" and _one_group(rest)


def _one_group(text: str) -> bool:
    """True when ``text`` is one bracketed group: its first bracket closes at its end."""
    if text[0] in "‖|":
        return text.count(text[0]) == 2 and text.endswith(text[0])
    close, depth = _PAIRS[text[0]], 0
    for k, c in enumerate(text):
        depth += (c == text[0]) - (c == close)
        if depth == 0:
            return k == len(text) - 1
    return False


def _grouped(text: str) -> str:
    return text if _is_atom(text) else f"({text})"


def _joined(items: list[_Item]) -> str:
    """Items written as text: spaced operators and relations, ``·`` between two operands."""
    out: list[str] = []
    prev: _Item | None = None
    for k, item in enumerate(items):
        if item.kind == "space":
            if out and not out[-1].endswith(" "):
                out.append(" ")
            continue
        if item.kind == "post":
            out.append(item.text)
            continue
        text = item.text
        if item.kind == "frac" and _neighbours_are_operands(items, k):
            text = f"({text})"
        if item.kind == "op":
            unary = prev is None or prev.kind in ("op", "rel", "open", "punct")
            out.append(text if unary or text in "·/" else f" {text} ")
        elif item.kind == "rel":
            out.append(f" {text} ")
        elif item.kind == "punct":
            out.append(text + " ")
        else:
            if prev is not None and prev.kind in ("atom", "frac", "word", "close") \
                    and item.kind in ("atom", "frac", "word", "open") and out and out[-1] \
                    and not out[-1].endswith(" "):
                out.append(_glue(out[-1], prev, item))
            out.append(text)
        prev = item
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _neighbours_are_operands(items: list[_Item], k: int) -> bool:
    """True when a fraction is multiplied by a neighbour (so ``(a/b)·c`` needs brackets)."""
    def operand(j: int, step: int) -> bool:
        while 0 <= j < len(items) and items[j].kind in ("space", "post"):
            j += step
        return 0 <= j < len(items) and items[j].kind in ("atom", "frac", "word", "open"
                                                          if step > 0 else "close")

    return operand(k - 1, -1) or operand(k + 1, 1)


def _glue(before: str, prev: _Item, item: _Item) -> str:
    """What stands between two adjacent operands: nothing (written together in the source, or
    a bracket), a space (around a word such as ``sign``) or ``·`` (a spaced product)."""
    left, right = before[-1], item.text[:1]
    if item.kind == "open" or prev.kind == "word" and right in "([":
        return ""
    if item.kind == "word" or prev.kind == "word":
        return " "
    if not item.spaced:
        return ""
    if right.isdigit() and (left.isalnum() or left in ")]}⁰¹²³⁴⁵⁶⁷⁸⁹"):
        return "·"
    if left.isdigit() or right in "‖|(⟨[√" or left in "‖|)⟩]":
        return ""
    return "·"


def latex_to_unicode(latex: str) -> str:
    """One line of Unicode math for a LaTeX formula; no backslash command is left."""
    text = _joined(_Reader(round_decimals(latex)).items())
    return re.sub(r"\s+", " ", text).strip().replace("\\", "∖")
