"""May this official act, and on what: the one rule every app's officials' actions follow.

- Scope: a province official (an official profile without a commune) acts for every commune,
  a commune official for its own commune only, anyone else for none.
- Separation of duties: nobody decides a seller's file they own, submitted or assisted —
  verifying it, its certificates, its links, its e-payment accounts, or confirming its
  payments by hand; and nobody approves or returns a month of figures they submitted
  (only province officials decide a commune's month).

Sellers, payments, training (and what comes after: the register, sign-off) call these
functions; none writes its own check.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

OUT_OF_SCOPE = _("Hồ sơ này không thuộc xã/phường của bạn.")
OWN_FILE = _(
    "Bạn không thể tự quyết định hồ sơ do chính mình sở hữu, nộp hoặc đăng ký hộ. "
    "Hãy nhờ một cán bộ khác của xã/phường hoặc cán bộ tỉnh."
)

OWN_FIGURES = _("Bạn đã gửi số liệu này: một cán bộ tỉnh khác phải duyệt hoặc trả lại.")


def official_profile(user):
    return getattr(user, "official_profile", None) if user is not None else None


def is_province_official(user) -> bool:
    profile = official_profile(user)
    return profile is not None and profile.commune_id is None


def in_official_scope(queryset, user, commune_field="commune_id"):
    """Province officials (no commune) see every row, commune officials their commune's, others none."""
    profile = official_profile(user)
    if profile is None:
        return queryset.none()
    if profile.commune_id is None:
        return queryset
    return queryset.filter(**{commune_field: profile.commune_id})


def covers_commune(user, commune_id) -> bool:
    """The user is an official whose scope includes this commune (None: a province-level record)."""
    profile = official_profile(user)
    if profile is None:
        return False
    return profile.commune_id is None or (commune_id is not None and profile.commune_id == commune_id)


def require_commune(user, commune):
    """For records kept by commune (registries, classes): ``commune`` is a Commune or None."""
    if not covers_commune(user, commune.pk if commune is not None else None):
        raise PermissionDenied(OUT_OF_SCOPE)


def is_own_file(official, seller) -> bool:
    """The official owns the shop, or registered (and so submitted) it on the household's behalf."""
    return official.pk is not None and official.pk in {seller.user_id, seller.assisted_by_id}


def may_decide(official, seller) -> bool:
    return covers_commune(official, seller.commune_id) and not is_own_file(official, seller)


def require_scope(official, seller):
    """The official may see and act on this seller's file (no decision implied)."""
    if not covers_commune(official, seller.commune_id):
        raise PermissionDenied(OUT_OF_SCOPE)


def require_may_decide(official, seller):
    """The official may decide on this seller's file: in scope, and not their own."""
    require_scope(official, seller)
    if is_own_file(official, seller):
        raise PermissionDenied(OWN_FILE)


def may_decide_figures(official, submitted_by_id) -> bool:
    """A commune's submitted month is decided by a province official who did not submit it."""
    return is_province_official(official) and official.pk != submitted_by_id
