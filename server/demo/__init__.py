"""The demo hotel group that ``frontdesk demo`` (and ``make run``) loads into an empty
database: it drives core's services like a front desk would, so it lives above core."""

from .loader import load_demo

__all__ = ["load_demo"]
