"""Writes about money, one module per subject: accounts, ledger, transfers (VietQR), cards (Stripe)."""
