"""The buyer's payment page for a placed order (reached by the signed status link)."""


def pay(request, token):
    raise NotImplementedError


def card_authenticated(request, token):
    raise NotImplementedError
