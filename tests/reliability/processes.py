"""Real processes for the fault tests: a private redis-server, gunicorn app servers, Celery workers.

Everything listens on a free loopback port of its own: the machine's shared Redis (6379) and
other test runs are never touched. Each class stops its process when the test ends.
"""

import email
import os
import signal
import socket
import subprocess
import sys
import time
from email.header import decode_header, make_header
from pathlib import Path

import redis
import requests

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port():
    """A loopback port nobody listens on: for a server of the test to bind, or to be refused at
    once like a stopped service."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout=30, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class RedisServer:
    """A throwaway redis-server (no persistence), stopped and started again on the same port."""

    def __init__(self, workdir):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def ping(self):
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--dir", str(self.workdir), "--loglevel", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for(self.ping, 15, f"redis-server on port {self.port}")
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None
        assert not self.ping()


def app_environment(database, redis_url, workdir, **extra):
    """Environment of a production-like app server or worker (tests/reliability/production_like.py)."""
    db = database
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.reliability.production_like",
        SECRET_KEY="fault-tests-" + "k" * 50,
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        CONN_MAX_AGE="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        CELERY_TASK_ALWAYS_EAGER="false",
        MEDIA_ROOT=str(workdir / "media"),
        EMAIL_FILE_PATH=str(workdir / "mail"),
        SMS_FILE=str(workdir / "sms.txt"),
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


class Gunicorn:
    """`gunicorn marketplace.wsgi` with sync workers, as docs/deployment.md runs it."""

    def __init__(self, env, workers=2, timeout=20):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [GUNICORN, "marketplace.wsgi", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", str(workers), "--timeout", str(timeout), "--graceful-timeout", "5"]
        command += ["--no-control-socket"]  # its default path is shared by every gunicorn on the machine
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        self.workers = workers

    def wait_ready(self):
        def answers():
            try:
                return requests.get(self.url + "/", timeout=30, headers=HTTPS).status_code == 200
            except requests.RequestException:  # not listening yet, or its first request still warming up
                return False

        wait_for(answers, 60, "gunicorn to answer")
        wait_for(lambda: len(self.worker_pids()) == self.workers, 30, "gunicorn workers")
        return self

    def worker_pids(self):
        return children_of(self.process.pid)

    def stop(self):
        stop_process(self.process)


class CeleryWorker:
    """A Celery worker (optionally with the beat scheduler, for the outbox relay)."""

    def __init__(self, env, workdir, queue, beat=False, pool="solo"):
        command = [PYTHON, "-m", "celery", "-A", "marketplace", "worker", f"--pool={pool}", "-c", "1"]
        command += ["-Q", queue, "-n", f"{queue}-{time.monotonic_ns()}@%h", "-l", "WARNING"]
        if beat:
            command += ["-B", "--schedule", str(workdir / f"beat-{time.monotonic_ns()}")]
        self.process = subprocess.Popen(command, cwd=ROOT, env=dict(env, CELERY_TASK_DEFAULT_QUEUE=queue))

    @property
    def pid(self):
        return self.process.pid

    def kill(self):
        """SIGKILL: no warm shutdown, no acknowledgement, nothing cleaned up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        stop_process(self.process)


def stop_process(process, grace=15):
    """SIGTERM, and SIGKILL if it has not ended after `grace` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def children_of(pid):
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front of gunicorn sets it


class Visitor:
    """One browser: keeps its cookies (Secure ones too: the 'proxy' speaks HTTPS) across servers."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, server, path, data=None, files=None):
        headers = dict(HTTPS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            headers["Origin"] = f"https://127.0.0.1:{server.port}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        response = requests.request(
            method,
            server.url + path,
            data=data,
            files=files,
            headers=headers,
            allow_redirects=False,
            timeout=30,
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, server, path):
        return self.request("GET", server, path)

    def post(self, server, path, data=None, files=None):
        if "csrftoken" not in self.cookies:
            self.get(server, path)
        return self.request("POST", server, path, data=data, files=files)


def sent_mail(workdir):
    """Messages written by Django's file e-mail backend, as (to, subject) pairs."""
    folder = workdir / "mail"
    if not folder.exists():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        for text in path.read_text(errors="replace").split("-" * 79):
            message = email.message_from_string(text.strip())
            if message["To"]:
                subject = str(make_header(decode_header(message["Subject"] or "")))
                found.append((message["To"], " ".join(subject.split())))
    return found
