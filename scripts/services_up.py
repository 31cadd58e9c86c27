"""Exit 0 when the PostgreSQL and Redis servers given as arguments both answer."""
import sys

import psycopg
import redis


def main(pg_url, redis_url):
    try:
        psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql"), connect_timeout=3).close()
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as error:  # any failure means "not available"
        print(f"   ({type(error).__name__}: {error})".strip())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
