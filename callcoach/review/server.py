"""Running the review app: uvicorn on 127.0.0.1 (a free port unless one is asked for), the URL
printed, the browser opened, Ctrl-C stopping it cleanly."""

from __future__ import annotations

import errno
import getpass
import os
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path

from callcoach.errors import CallcoachError, InputError

HOST = "127.0.0.1"


def default_coach() -> str:
    """The OS user name, the default author of a coach's changes."""
    try:
        return getpass.getuser() or "coach"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "coach"


def bind(port: int = 0) -> socket.socket:
    """A listening TCP socket on 127.0.0.1 only (``port`` 0: a free one).

    Raises:
        CallcoachError: the port is taken or cannot be used.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        why = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
        raise CallcoachError(f"port {port} on {HOST} {why}; choose another --port or leave it out for a free one") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _open_when_up(server: object, url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not getattr(server, "started", False):
        if time.monotonic() > deadline or getattr(server, "should_exit", False):
            return
        time.sleep(0.05)
    webbrowser.open(url)


def serve(
    folder: str | Path,
    *,
    port: int = 0,
    coach: str | None = None,
    audio_dirs: Sequence[str | Path] = (),
    rubric: str | Path | None = None,
    open_browser: bool = True,
    announce: Callable[[str], None] = print,
    warn: Callable[[str], None] | None = None,
    rep: str | None = None,
) -> None:
    """Serve the review app for the results ``folder`` until Ctrl-C (or SIGTERM).

    Args:
        folder: a results folder (``callcoach analyze``/``batch`` output).
        port: the port on 127.0.0.1; 0 picks a free one.
        coach: who makes the changes (default: the OS user name).
        audio_dirs: extra roots where recordings may lie (a batch's INPUT folder).
        rubric: score every call under this rubric (default: each call's own).
        open_browser: open the page in the default browser once the server is up.
        announce: receives the URL line (and a line when stopped).
        warn: receives a warning line (default: stderr), such as a batch's recorded input folder
            that no longer exists.
        rep: open the rep view of this rep: their calls only, where they acknowledge comments and
            dispute points and change nothing else (``coach`` is then ignored: the rep is who
            writes). Still on 127.0.0.1 only: sharing a folder is the team's file share.

    Raises:
        InputError: ``folder`` or an audio folder is not a folder, or holds no analyses, or no
            call of ``rep``.
        CallcoachError: the port cannot be used.
    """
    import uvicorn

    from callcoach.review.app import create_app
    from callcoach.review.store import ReviewStore

    root = Path(folder)
    if not root.is_dir():
        raise InputError(root, "not a folder", "give the --out folder of `callcoach analyze` or `callcoach batch`")
    dirs = [Path(d) for d in audio_dirs]
    for d in dirs:
        if not d.is_dir():
            raise InputError(d, "--audio-dir is not a folder", "give the folder the recordings were analysed from")
    if not any(root.rglob("*.callcoach.json")):
        raise InputError(root, "holds no *.callcoach.json analyses", "run `callcoach analyze ... --out` or `callcoach batch` first")
    # warn: one line per missing or broken rubric file, once
    store = ReviewStore(root, rubric=rubric, audio_roots=dirs, warn=warn or _stderr)
    if store.batch_input is not None and not store.batch_input.is_dir() and not dirs:
        (warn or _stderr)(
            f"callcoach: warning: the batch's input folder {os.path.normpath(store.batch_input)} no longer exists, "
            f"so its recordings will not play; if they moved, give their folder: callcoach review {root} --audio-dir FOLDER"
        )
    store.rescore_all()  # a rubric edited since the last session (and, while serving, on each request: refresh_rubrics)
    if rep is not None:
        from callcoach.review.reps import call_facts

        mine = call_facts(store, rep)
        if not mine:
            known = sorted({f.rep for f in call_facts(store) if f.rep}, key=str.casefold)
            raise InputError(root, f"holds no calls of rep {rep!r}", f"give one of: {', '.join(known)}" if known
                             else "a batch names each call's rep by its manifest's rep column or its folder (<rep>/<call>.wav)")  # fmt: skip
        rep = mine[0].rep or rep
    coach = rep if rep is not None else (coach or default_coach())
    app = create_app(store, coach=coach, rep=rep)
    sock = bind(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", server_header=False, date_header=False,
        timeout_graceful_shutdown=3,
    )  # fmt: skip
    server = uvicorn.Server(config)
    n = len(store.calls()) if rep is None else len(mine)
    who = f"the rep view of {rep}'s" if rep is not None else "reviewing"
    announce(f"{url}  ({who} {n} call{'' if n == 1 else 's'} in {root}{'' if rep is not None else f' as {coach}'}; Ctrl-C stops)")
    if open_browser:
        threading.Thread(target=_open_when_up, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled, after shutting down
        pass
    finally:
        sock.close()
    announce("review server stopped")
