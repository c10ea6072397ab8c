"""Payment methods offered at checkout, one module each (settings.PAYMENT_METHODS lists them).

A new method (VNPay, MoMo…) is one new module here with a ``PaymentMethod`` subclass, added to
the setting; its webhook is served at /payments/webhooks/<provider>/ by naming the provider in
``notification_providers``.
"""
