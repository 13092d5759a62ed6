"""How journal texts and account names are made safe for each export format.

Descriptions come from hotel staff and may contain anything: hledger gets one line without
comment or tag separators, Beancount an escaped string literal, CSV the full text minus the
control characters it cannot carry and with spreadsheet formulas neutralized. Account names
are ASCII slugs of the chart's names, code first, so leaf names are unique and sort by code.
"""

from __future__ import annotations

import re
import unicodedata

from .ledger_model import Account

# Account kind -> (hledger root, hledger account type tag, Beancount root).
ACCOUNT_ROOTS: dict[str, tuple[str, str, str]] = {
    "asset": ("assets", "A", "Assets"),
    "liability": ("liabilities", "L", "Liabilities"),
    "equity": ("equity", "E", "Equity"),
    "revenue": ("revenues", "R", "Income"),
    "expense": ("expenses", "X", "Expenses"),
}

_ASCII_FALLBACKS = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O"})
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Beancount has no \u escape; U+2028/U+2029 become "\n" because tools that split the
# file with str.splitlines() would otherwise cut the string literal in two.
_BEANCOUNT_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\u2028": "\\n",
    "\u2029": "\\n",
}


# --- text helpers -----------------------------------------------------------------------------


def valid_unicode(text: str) -> str:
    """Replace lone surrogates, which cannot be written as UTF-8 at all."""
    return text.encode("utf-8", errors="replace").decode("utf-8")


def one_line(text: str) -> str:
    """Collapse all whitespace, line breaks and control characters into single spaces."""
    breaking = ("Cc", "Zl", "Zp")
    spaced = "".join(
        " " if unicodedata.category(char) in breaking else char for char in valid_unicode(text)
    )
    return " ".join(spaced.split())


def without_controls(text: str) -> str:
    """Keep line breaks and tabs (CSV quotes them) but drop other control characters."""
    return "".join(
        char
        for char in valid_unicode(text)
        if char in "\n\r\t" or unicodedata.category(char) != "Cc"
    )


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FALLBACKS))
    ascii_text = folded.encode("ascii", errors="ignore").decode("ascii")
    return re.findall(r"[A-Za-z0-9]+", ascii_text)


def hledger_account_name(account: Account) -> str:
    """``<root>:<code>-<slug>``, e.g. ``assets:1200-guest-ledger``."""
    slug = "-".join(word.lower() for word in _ascii_words(account.name))
    leaf = f"{account.code}-{slug}" if slug else account.code
    return f"{ACCOUNT_ROOTS[account.kind][0]}:{leaf}"


def beancount_account_name(account: Account) -> str:
    """``<Root>:<code>-<CamelName>``, e.g. ``Assets:1200-GuestLedger``."""
    camel = "".join(word[0].upper() + word[1:] for word in _ascii_words(account.name))
    leaf = f"{account.code}-{camel}" if camel else account.code
    return f"{ACCOUNT_ROOTS[account.kind][2]}:{leaf}"


def hledger_tag_value(text: str) -> str:
    # A tag value ends at a comma; a semicolon would start a new comment.
    return one_line(text).replace(",", "_").replace(";", "_")


def beancount_string(text: str) -> str:
    escaped = (
        _BEANCOUNT_ESCAPES.get(char, char)
        for char in valid_unicode(text)
        if char in _BEANCOUNT_ESCAPES or unicodedata.category(char) != "Cc"
    )
    return '"' + "".join(escaped) + '"'


def csv_text(text: str | None, neutralize_formulas: bool) -> str:
    if text is None:
        return ""
    cleaned = without_controls(text)
    if neutralize_formulas and cleaned.startswith(_FORMULA_PREFIXES):
        return "'" + cleaned
    return cleaned
