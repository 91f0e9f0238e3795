"""ledgerkit: accounts, invoices, payments and credit notes for a small billing ledger.

Conventions used throughout the package:

- Money is always an ``int`` of minor units (cents) and every such name ends in ``_cents``.
  Convert user input with ``to_cents`` and show amounts with ``format_cents``; never use floats.
- Rates are integer basis points (``*_bps``): 1 950 bps is 19.5 %.
- Invalid input raises ``ValidationFailed`` (it names the offending field); every error the
  package raises derives from ``LedgerError``.
- Constructors are ``make_*``, state changes are ``apply_*`` / ``settle_*`` / ``issue_*``.
"""

__version__ = "1.4.0"
