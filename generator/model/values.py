"""Typed values converted from the group file's text, each refusing bad input in Danish."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_TRUE = {"ja", "j", "true", "sand", "yes"}
_FALSE = {"nej", "n", "false", "falsk", "no"}
FIRST_YEAR, LAST_YEAR = 2000, 2099


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("netvaerk", message)


def _require_text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        kind = "en liste" if isinstance(value, list) else "en samling af felter"
        raise _fail(f"skal være en tekst, men er {kind}")
    if value is None:
        raise _fail("mangler en værdi")
    return str(value)


def text(value: Any) -> str:
    """Free text on one or more lines, trimmed, never empty."""
    cleaned = " ".join(_require_text(value).split())
    if not cleaned:
        raise _fail("må ikke være tom")
    return cleaned


def name(value: Any) -> str:
    """A name that may become a title or a navigation entry: no markup characters."""
    cleaned = text(value)
    if "<" in cleaned or ">" in cleaned:
        raise _fail("må ikke indeholde < eller >")
    if len(cleaned) > 120:
        raise _fail("er for lang (højst 120 tegn)")
    return cleaned


def date(value: Any) -> dt.date:
    raw = _require_text(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise _fail(f"'{raw}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2027-01-12")
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise _fail(f"datoen {raw} findes ikke i kalenderen") from None
    # Clock arithmetic past 9999-12-31 overflows; no group meets that far off anyway.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _fail(f"datoen {raw} ligger uden for årene {FIRST_YEAR}–{LAST_YEAR}; tjek årstallet")
    return day


def time(value: Any) -> dt.time:
    raw = _require_text(value).strip()
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", raw)
    if not match:
        raise _fail(f"'{raw}' er ikke et klokkeslæt; skriv det som TT:MM, fx 18:00")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise _fail(f"klokkeslættet {raw} findes ikke")
    return dt.time(hour, minute)


def minutes(value: Any) -> int:
    raw = _require_text(value).strip()
    if not re.fullmatch(r"\d{1,3}", raw):
        raise _fail(f"'{raw}' er ikke et antal minutter; skriv et helt tal, fx 20")
    number = int(raw)
    if number > 300:
        raise _fail(f"{number} minutter er for langt til ét punkt (højst 300)")
    return number


def boolean(value: Any) -> bool:
    raw = _require_text(value).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise _fail(f"'{raw}' skal være ja eller nej")


def phone(value: Any) -> str:
    raw = " ".join(_require_text(value).split())
    digits = raw.removeprefix("+45").replace(" ", "")
    if raw.startswith("+") and not raw.startswith("+45"):
        digits = raw[1:].replace(" ", "")
    if not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise _fail(f"'{raw}' er ikke et telefonnummer; skriv fx 20 30 40 50")
    return raw


def email(value: Any) -> str:
    raw = _require_text(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", raw):
        raise _fail(f"'{raw}' er ikke en e-mailadresse; skriv fx navn@example.dk")
    return raw


def https_url(value: Any) -> str:
    raw = _require_text(value).strip()
    if not re.fullmatch(r"https://[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+(:\d{1,5})?(/[A-Za-z0-9\-._~/%]*)?", raw):
        raise _fail(f"'{raw}' er ikke en gyldig adresse; den skal starte med https://, fx https://mingruppe.github.io/")
    return raw if raw.endswith("/") else raw + "/"


def one_or_more(value: Any) -> Any:
    """Accept a single value where a list is expected."""
    return value if isinstance(value, list) else [value]


def _schema(kind: str | list[str], description: str, **extra: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": kind, "description": description, **extra})


Text = Annotated[str, BeforeValidator(text), _schema("string", "Tekst")]
Name = Annotated[str, BeforeValidator(name), _schema("string", "Et navn (uden < og >)", pattern="^[^<>]+$")]
Date = Annotated[dt.date, BeforeValidator(date), _schema("string", "Dato som ÅÅÅÅ-MM-DD", format="date")]
Time = Annotated[dt.time, BeforeValidator(time), _schema("string", "Klokkeslæt som TT:MM", pattern="^[0-2]?[0-9][:.][0-5][0-9]$")]
Minutes = Annotated[int, BeforeValidator(minutes), _schema("integer", "Antal minutter", minimum=0, maximum=300)]
Bool = Annotated[bool, BeforeValidator(boolean), _schema("string", "ja eller nej", enum=["ja", "nej"])]
# A phone number written without spaces is an integer to YAML; the tool accepts both.
Phone = Annotated[str, BeforeValidator(phone), _schema(["string", "integer"], "Telefonnummer, fx 20 30 40 50")]
Email = Annotated[str, BeforeValidator(email), _schema("string", "E-mailadresse", format="email")]
HttpsUrl = Annotated[str, BeforeValidator(https_url), _schema("string", "Adresse, der starter med https://", pattern="^https://")]
Names = Annotated[tuple[Name, ...], BeforeValidator(one_or_more)]
