"""Mail and SMS backends for the fault tests: they write what is sent to files the test reads."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class FileSms:
    def send(self, phone, text):
        with open(os.environ["SMS_FILE"], "a", encoding="utf-8") as handle:
            handle.write(f"{phone}\t{' '.join(text.split())}\n")


class GatedFileEmailBackend(EmailBackend):
    """The first send waits at a gate (the test kills the worker there); later sends go through.

    Each call leaves a `started-N` file holding the pid of the process that runs it, so the
    test knows which process is mid-task.
    """

    def send_messages(self, email_messages):
        gate = Path(os.environ["MAIL_GATE"])
        gate.mkdir(parents=True, exist_ok=True)
        earlier = len(list(gate.glob("started-*")))
        (gate / f"started-{earlier + 1}").write_text(str(os.getpid()))
        if earlier == 0:
            deadline = time.monotonic() + 60
            while not (gate / "open").exists() and time.monotonic() < deadline:
                time.sleep(0.1)
        return super().send_messages(email_messages)
