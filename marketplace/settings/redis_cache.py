"""The Redis cache as production runs it: an outage is a cache miss, logged, never an error page.

django-redis with IGNORE_EXCEPTIONS turns every failed cache call into a miss (get -> None,
set/delete/incr -> nothing); short socket timeouts bound what an unreachable Redis costs a
request. Tests build the same configuration against a Redis they stop (tests/reliability/).
"""


def redis_cache(url: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,  # seconds
            "SOCKET_TIMEOUT": 0.5,
        },
    }
