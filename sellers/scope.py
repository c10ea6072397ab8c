"""Which commune's records an official may see: one rule for every app's officials' pages."""


def in_official_scope(queryset, user, commune_field="commune_id"):
    """Province officials (no commune) see every row, commune officials their commune's, others none."""
    profile = getattr(user, "official_profile", None)
    if profile is None:
        return queryset.none()
    if profile.commune_id is None:
        return queryset
    return queryset.filter(**{commune_field: profile.commune_id})
