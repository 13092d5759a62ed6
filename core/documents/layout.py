"""What every Frontdesk PDF shares: the page, the font, the hotel's legal details as the
letterhead, the recipient's address block and right-aligned money tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"


def new_pdf(title: str) -> Any:
    """An A4 page in DejaVu Sans (Helvetica, Latin-1 only, where the font is missing)."""
    from fpdf import FPDF  # imported on first use: server start-up does not pay for it

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Frontdesk")
    pdf.set_auto_page_break(auto=True, margin=15)
    if (DEJAVU / "DejaVuSans.ttf").exists():
        pdf.add_font(FONT, "", str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font(FONT, "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        pdf.family = FONT
    else:
        pdf.family = "Helvetica"
    pdf.add_page()
    pdf.set_font(pdf.family, size=10)
    return pdf


def text(pdf: Any, value: str) -> str:
    """``value`` as the page's font can print it."""
    if pdf.family == FONT:
        return value
    return value.encode("latin-1", "replace").decode("latin-1")


def property_lines(prop: Any) -> list[str]:
    """The seller's legal details: legal name, address, VAT number and contacts (the columns
    the property has; blank ones are left out)."""
    get = lambda name: (getattr(prop, name, None) or "").strip()  # noqa: E731
    place = " ".join(p for p in (get("postal_code"), get("city")) if p)
    lines = [get("legal_name") or prop.name, get("address_line"), place, get("country")]
    if get("vat_number"):
        lines.append(f"VAT ID {get('vat_number')}")
    contact = " · ".join(p for p in (get("phone"), get("email")) if p)
    return [line for line in (*lines, contact) if line]


def guest_lines(guest: Any) -> list[str]:
    if guest is None:
        return []
    place = " ".join(p for p in (guest.postal_code or "", guest.city or "") if p)
    lines = [f"{guest.first_name} {guest.last_name}", guest.address_line or "", place]
    return [line for line in (*lines, guest.country or "") if line]


def letterhead(pdf: Any, prop: Any, title: str, recipient: Sequence[str]) -> None:
    pdf.set_font(pdf.family, "B", 14)
    pdf.cell(0, 7, text(pdf, prop.name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 8)
    pdf.multi_cell(0, 4, text(pdf, "\n".join(property_lines(prop))), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(pdf.family, "", 10)
    if recipient:
        pdf.multi_cell(0, 5, text(pdf, "\n".join(recipient)), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.set_font(pdf.family, "B", 13)
    pdf.cell(0, 8, text(pdf, title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 10)


def table(
    pdf: Any, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> None:
    """A table whose first column is left-aligned and the others right-aligned (amounts)."""
    pdf.set_font(pdf.family, "B", 9)
    for i, (title, width) in enumerate(zip(header, widths, strict=True)):
        pdf.cell(width, 6, text(pdf, title), border="B", align="L" if i == 0 else "R")
    pdf.ln()
    pdf.set_font(pdf.family, "", 9)
    for row in rows:
        for i, (value, width) in enumerate(zip(row, widths, strict=True)):
            pdf.cell(width, 5.5, text(pdf, value), align="L" if i == 0 else "R")
        pdf.ln()
    pdf.ln(3)


def heading(pdf: Any, title: str) -> None:
    pdf.set_font(pdf.family, "B", 10)
    pdf.cell(0, 6, text(pdf, title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 10)


def facts(pdf: Any, pairs: Sequence[tuple[str, str]]) -> None:
    for label, value in pairs:
        pdf.set_font(pdf.family, "B", 9)
        pdf.cell(45, 5.5, text(pdf, label))
        pdf.set_font(pdf.family, "", 9)
        pdf.cell(0, 5.5, text(pdf, value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def output(pdf: Any) -> bytes:
    return bytes(pdf.output())
