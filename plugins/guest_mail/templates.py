"""The default e-mail templates in English, German, Spanish and Vietnamese; a property may
override any of them (``guest_mail_template``). ``$name`` placeholders are filled from the
stay; the HTML part is the text part, escaped, in paragraphs."""

from __future__ import annotations

import html
from string import Template

LANGUAGES = ("en", "de", "es", "vi")
KINDS = ("confirmation", "modification", "cancellation", "pre_arrival", "invoice")

DEFAULTS: dict[str, dict[str, tuple[str, str]]] = {
    "confirmation": {
        "en": (
            "Your booking at $hotel: $confirmation",
            "Dear $guest,\n\nthank you for your booking. We look forward to welcoming you "
            "from $arrival to $departure ($room_type).\n\nConfirmation: $confirmation\n\n$hotel",
        ),
        "de": (
            "Ihre Buchung im $hotel: $confirmation",
            "Guten Tag $guest,\n\nvielen Dank für Ihre Buchung. Wir freuen uns auf Ihren "
            "Aufenthalt vom $arrival bis $departure ($room_type).\n\nBestätigung: "
            "$confirmation\n\n$hotel",
        ),
        "es": (
            "Su reserva en $hotel: $confirmation",
            "Estimado/a $guest:\n\ngracias por su reserva. Le esperamos del $arrival al "
            "$departure ($room_type).\n\nConfirmación: $confirmation\n\n$hotel",
        ),
        "vi": (
            "Đặt phòng của quý khách tại $hotel: $confirmation",
            "Kính gửi $guest,\n\ncảm ơn quý khách đã đặt phòng. Chúng tôi hân hạnh đón "
            "quý khách từ $arrival đến $departure ($room_type).\n\nMã xác nhận: "
            "$confirmation\n\n$hotel",
        ),
    },
    "modification": {
        "en": (
            "Your booking $confirmation was changed",
            "Dear $guest,\n\nyour booking now runs from $arrival to $departure "
            "($room_type).\n\n$hotel",
        ),
        "de": (
            "Ihre Buchung $confirmation wurde geändert",
            "Guten Tag $guest,\n\nIhre Buchung gilt nun vom $arrival bis $departure "
            "($room_type).\n\n$hotel",
        ),
        "es": (
            "Su reserva $confirmation ha cambiado",
            "Estimado/a $guest:\n\nsu reserva es ahora del $arrival al $departure "
            "($room_type).\n\n$hotel",
        ),
        "vi": (
            "Đặt phòng $confirmation đã được thay đổi",
            "Kính gửi $guest,\n\nđặt phòng của quý khách nay từ $arrival đến $departure "
            "($room_type).\n\n$hotel",
        ),
    },
    "cancellation": {
        "en": (
            "Your booking $confirmation is cancelled",
            "Dear $guest,\n\nyour booking from $arrival to $departure is cancelled.\n\n$hotel",
        ),
        "de": (
            "Ihre Buchung $confirmation ist storniert",
            "Guten Tag $guest,\n\nIhre Buchung vom $arrival bis $departure ist storniert."
            "\n\n$hotel",
        ),
        "es": (
            "Su reserva $confirmation está cancelada",
            "Estimado/a $guest:\n\nsu reserva del $arrival al $departure está cancelada.\n\n$hotel",
        ),
        "vi": (
            "Đặt phòng $confirmation đã bị hủy",
            "Kính gửi $guest,\n\nđặt phòng từ $arrival đến $departure đã bị hủy.\n\n$hotel",
        ),
    },
    "pre_arrival": {
        "en": (
            "See you soon at $hotel",
            "Dear $guest,\n\nwe look forward to your arrival on $arrival. Check-in is from "
            "$check_in.\n\nConfirmation: $confirmation\n\n$hotel",
        ),
        "de": (
            "Bis bald im $hotel",
            "Guten Tag $guest,\n\nwir freuen uns auf Ihre Anreise am $arrival. Check-in ab "
            "$check_in Uhr.\n\nBestätigung: $confirmation\n\n$hotel",
        ),
        "es": (
            "Hasta pronto en $hotel",
            "Estimado/a $guest:\n\nle esperamos el $arrival. El check-in es a partir de las "
            "$check_in.\n\nConfirmación: $confirmation\n\n$hotel",
        ),
        "vi": (
            "Hẹn sớm gặp quý khách tại $hotel",
            "Kính gửi $guest,\n\nchúng tôi mong đón quý khách vào ngày $arrival. Nhận phòng "
            "từ $check_in.\n\nMã xác nhận: $confirmation\n\n$hotel",
        ),
    },
    "invoice": {
        "en": (
            "Your invoice $invoice_number from $hotel",
            "Dear $guest,\n\nthank you for staying with us. Your invoice $invoice_number "
            "($gross) is attached.\n\n$hotel",
        ),
        "de": (
            "Ihre Rechnung $invoice_number vom $hotel",
            "Guten Tag $guest,\n\nvielen Dank für Ihren Aufenthalt. Anbei Ihre Rechnung "
            "$invoice_number ($gross).\n\n$hotel",
        ),
        "es": (
            "Su factura $invoice_number de $hotel",
            "Estimado/a $guest:\n\ngracias por su estancia. Adjuntamos su factura "
            "$invoice_number ($gross).\n\n$hotel",
        ),
        "vi": (
            "Hóa đơn $invoice_number của $hotel",
            "Kính gửi $guest,\n\ncảm ơn quý khách đã lưu trú. Hóa đơn $invoice_number "
            "($gross) được đính kèm.\n\n$hotel",
        ),
    },
}


def language_of(value: str | None) -> str:
    """The guest's language among those with templates (``de-AT`` -> ``de``), else English."""
    code = (value or "").strip().lower()[:2]
    return code if code in LANGUAGES else "en"


def render(subject: str, body: str, values: dict[str, str]) -> tuple[str, str, str]:
    """Subject, text and HTML of one e-mail (unknown placeholders stay as written)."""
    text = Template(body).safe_substitute(values)
    paragraphs = "".join(
        f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n")
    )
    page = f'<!DOCTYPE html><html><body style="font-family:sans-serif">{paragraphs}</body></html>'
    return Template(subject).safe_substitute(values), text, page
