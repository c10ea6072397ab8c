"""Signing in with a phone links that person's village-head or staff registry row to the account."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="cms.training.link_registry_accounts")
def link_registry_rows_on_login(sender, request, user, **kwargs):
    from .services import link_registry_accounts

    link_registry_accounts(user)
