"""The review app's calibration pages: start a round, score its calls blind, read its report.

    GET  /calibration                      the rounds, and the form that starts one
    POST /calibration                      start a round (size, method, seed, rubric)
    GET  /calibration/<id>                 the round: the coach's blind score sheet until they
                                           submit; then the report (and the others' points)
    POST /calibration/<id>                 ``action``: save (a draft), submit (final), close
    GET  /calibration/<id>/call/<key>      a sampled call to listen to blind: recording and
                                           transcript, no points, no tags, no score
    GET  /api/calibration/<id>             what the page shows, as JSON (the same blindness)

Blindness is enforced here, on the server: every page and the JSON are built from
:meth:`CalibrationStore.view`, which gives a coach who has not submitted neither the other
coaches' points nor the machine's nor the report. While a coach scores a call blind, its call
page (``/call/<key>``) sends them to the blind view, and its JSON, scorecard download and changes
are refused (:meth:`CalibrationPages.guard`), because those show the machine's points.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from callcoach.review.app import BadRequest, ReviewApp, render
from callcoach.review.calibration import RoundReport
from callcoach.review.calibration_store import (
    METHODS,
    ROUND_ID,
    Blind,
    CalibrationError,
    CalibrationStore,
    Round,
    RoundView,
    eligible,
)

ROUND_ACTIONS = ("save", "submit", "close")
DEFAULT_ROUND_SIZE = 10


class CalibrationPages:
    """The calibration endpoints of one :class:`~callcoach.review.app.ReviewApp` (its coach, its
    CSRF token, its lock)."""

    def __init__(self, app: ReviewApp) -> None:
        self.app = app
        self.rounds = CalibrationStore(app.store)

    def routes(self) -> list[Route]:
        return [
            Route("/calibration", self.index, methods=["GET"]),
            Route("/calibration", self.start, methods=["POST"]),
            Route("/calibration/{rid}", self.page, methods=["GET"]),
            Route("/calibration/{rid}", self.change, methods=["POST"]),
            Route("/calibration/{rid}/call/{key:path}", self.listen, methods=["GET"]),
            Route("/api/calibration/{rid}", self.api),
        ]

    # -- blindness elsewhere in the app -----------------------------------------------------

    def blind_round(self, key: str) -> Round | None:
        """The open round in which this server's coach scores ``key`` blind, if any."""
        return self.app._locked(self.rounds.blind_round, key, self.app.coach)

    def guard(self, key: str) -> None:
        """Refuse (403) what would show this coach the points of a call they score blind."""
        rnd = self.blind_round(key)
        if rnd is not None:
            raise HTTPException(403, _blind_message(rnd, key))

    # -- pages --------------------------------------------------------------------------------

    def index(self, request: Request) -> Response:
        with self.app._lock:
            rounds = self.rounds.rounds()
            submitted = {r.id: self.rounds.submitted(r.id) for r in rounds}
            entries = eligible(self.app.store.calls())
        refs: dict[str, int] = {}
        for e in entries:
            refs[e.rubric] = refs.get(e.rubric, 0) + 1
        return render(
            "calibration.html", rounds=rounds, submitted=submitted, rubrics=sorted(refs.items(), key=lambda x: (-x[1], x[0])),
            methods=METHODS, default_size=min(DEFAULT_ROUND_SIZE, max(refs.values(), default=0)),
            coach=self.app.coach, csrf=self.app.csrf, error=request.query_params.get("error"),
        )  # fmt: skip

    async def start(self, request: Request) -> Response:
        form = await request.form()
        try:
            self.app._check_token(request, form)
            size = _int(form, "size", DEFAULT_ROUND_SIZE)
            seed_raw = str(form.get("seed") or "").strip()
            seed = _int(form, "seed", 0) if seed_raw else None
            method = str(form.get("method") or "random")
            rubric = str(form.get("rubric") or "").strip() or None
            rnd = await run_in_threadpool(
                self.app._locked, self.rounds.start, size=size, created_by=self.app.coach, method=method, seed=seed, rubric=rubric
            )
        except CalibrationError as exc:
            return _refuse(request, 400, str(exc), "/calibration")
        except BadRequest as exc:
            return _refuse(request, exc.status, str(exc), "/calibration")
        finally:
            await form.close()
        if _wants_json(request):
            return JSONResponse({"ok": True, "round": rnd.id})
        return RedirectResponse(f"/calibration/{rnd.id}", status_code=303)

    def _view(self, rid: str) -> RoundView:
        if not ROUND_ID.match(rid):
            raise HTTPException(404, "no such calibration round")
        try:
            return self.app._locked(self.rounds.view, rid, self.app.coach)
        except KeyError:
            raise HTTPException(404, f"no calibration round {rid!r} in this folder") from None

    def page(self, request: Request) -> Response:
        return render("round.html", **self.context(request.path_params["rid"], request.query_params.get("error")))

    def context(self, rid: str, error: str | None = None, status: int = 200) -> dict[str, Any]:
        view = self._view(rid)
        rnd = view.round
        reps = self._reps(rnd)
        return {
            "view": view, "rnd": rnd, "reps": reps, "coach": self.app.coach, "csrf": self.app.csrf, "error": error,
            "own": view.own.points if view.own is not None else {}, "report": view.report,
            "rows": _report_rows(view.report) if view.report is not None else [],
            "can_close": rnd.is_open and view.revealed and len(view.submitted) >= 2,
        }  # fmt: skip

    def _reps(self, rnd: Round) -> dict[str, str]:
        """The rep of each sampled call, where the queue knows it (a rep is not a point)."""
        out = {}
        with self.app._lock:
            for key in rnd.calls:
                try:
                    out[key] = self.app.store.entry(key).rep or ""
                except KeyError:
                    out[key] = ""
        return out

    def api(self, request: Request) -> Response:
        view = self._view(request.path_params["rid"])
        return JSONResponse(view_json(view), headers={"cache-control": "no-store"})

    def listen(self, request: Request) -> Response:
        """A sampled call without its points: the recording and who said what."""
        rid, key = request.path_params["rid"], request.path_params["key"]
        view = self._view(rid)
        if key not in view.round.calls:
            raise HTTPException(404, f"call {key!r} is not in calibration round {rid}")
        self.app.entry(key)
        with self.app._lock:
            call = self.app.store.analysis(key)
        audio = self.app.audio_lookup(key)
        index = view.round.calls.index(key) + 1
        return render(
            "listen.html", key=key, rnd=view.round, index=index, call=call, has_audio=audio.path is not None,
            audio_note=audio.message, coach=self.app.coach,
        )  # fmt: skip

    # -- changes ------------------------------------------------------------------------------

    async def change(self, request: Request) -> Response:
        rid = request.path_params["rid"]
        view = self._view(rid)
        form = await request.form()
        try:
            self.app._check_token(request, form)
            action = str(form.get("action") or "")
            if action not in ROUND_ACTIONS:
                raise CalibrationError(f"unknown action {action!r}; one of {', '.join(ROUND_ACTIONS)}")
            if action == "close":
                await run_in_threadpool(self.app._locked, self.rounds.close, rid, self.app.coach)
            else:
                points = _points(form, view.round)
                await run_in_threadpool(self.app._locked, self.rounds.save, rid, self.app.coach, points, submit=action == "submit")
        except Blind as exc:
            return await self._refuse_round(request, rid, 403, str(exc))
        except CalibrationError as exc:
            return await self._refuse_round(request, rid, 400, str(exc))
        except BadRequest as exc:
            return await self._refuse_round(request, rid, exc.status, str(exc))
        except KeyError:
            raise HTTPException(404, f"no calibration round {rid!r} in this folder") from None
        finally:
            await form.close()
        if _wants_json(request):
            return JSONResponse({"ok": True, **view_json(self._view(rid))}, headers={"cache-control": "no-store"})
        return RedirectResponse(f"/calibration/{rid}", status_code=303)

    async def _refuse_round(self, request: Request, rid: str, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": message}, status_code=status)
        context = await run_in_threadpool(self.context, rid, message)
        return render("round.html", status=status, **context)


# ------------------------------------------------------------------------------------------
# Helpers


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _refuse(request: Request, status: int, message: str, back: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"ok": False, "error": message}, status_code=status)
    return RedirectResponse(f"{back}?error={quote(message)}", status_code=303)


def _blind_message(rnd: Round, key: str) -> str:
    return (
        f"you are scoring {key} blind in calibration round {rnd.id}: its points stay hidden from you until you submit "
        f"your scores there (/calibration/{rnd.id}) or the round is closed"
    )


def _int(form: FormData, name: str, default: int) -> int:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise CalibrationError(f"{name} must be a whole number, not {raw!r}") from None


def field_name(index: int, dimension: str) -> str:
    """The form field of one call (its place in the round, from 0) and dimension: ``p.3.talk_ratio``."""
    return f"p.{index}.{dimension}"


def _points(form: FormData, rnd: Round) -> dict[str, dict[str, float | None]]:
    """The sheet a round's form carries: a number per call and dimension (blank: not scored)."""
    out: dict[str, dict[str, float | None]] = {}
    for i, key in enumerate(rnd.calls):
        for d in rnd.dimensions:
            raw = str(form.get(field_name(i, d.id)) or "").strip()
            if not raw:
                continue
            try:
                value = float(raw)
            except ValueError:
                raise CalibrationError(f"call {i + 1}, {d.name}: points must be a number, not {raw!r}") from None
            out.setdefault(key, {})[d.id] = value
    return out


def _report_rows(report: RoundReport) -> list[dict[str, Any]]:
    return [{"a": a, "spread": a.coach_spread, "change": a.alpha_change} for a in report.dimensions]


def view_json(view: RoundView) -> dict[str, Any]:
    """A round as one coach may see it (``others``, ``machine`` and ``report`` only once revealed)."""
    rnd = view.round
    out: dict[str, Any] = {
        "round": rnd.id, "rubric": rnd.rubric, "rubric_hash": rnd.rubric_hash, "status": rnd.status,
        "calls": list(rnd.calls), "dimensions": [{"id": d.id, "name": d.name, "max_points": d.max_points} for d in rnd.dimensions],
        "sampling": {"method": rnd.method, "seed": rnd.seed, "size": rnd.size, "pool": rnd.pool},
        "revealed": view.revealed, "submitted": list(view.submitted),
        "own": None if view.own is None else {"submitted_at": view.own.submitted_at, "scores": view.own.points},
    }  # fmt: skip
    if not view.revealed:
        return out
    out["others"] = {c: s.points for c, s in view.others.items()}
    out["machine"] = view.machine
    rep = view.report
    if rep is not None:
        out["report"] = {
            "coaches": list(rep.coaches),
            "dimensions": [
                {"id": a.dimension, "name": a.name, "max_points": a.max_points, "calls": a.calls,
                 "alpha_coaches": a.alpha_coaches, "alpha_with_machine": a.alpha_with_machine,
                 "machine_distance": a.machine_distance, "coach_distances": a.coach_distances,
                 "machine_outlier": a.machine_outlier, "margin": a.margin}
                for a in rep.dimensions
            ],
            "outliers": [a.dimension for a in rep.outliers],
            "consensus": rep.consensus,
        }  # fmt: skip
    return out
