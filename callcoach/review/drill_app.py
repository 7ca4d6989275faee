"""The review app's drill pages: a coach gives a rep a drill; everyone sees its checks.

    GET  /drills                  the drills (?rep=), and the form that sets one (?rep= and
                                  ?from_call= fill it in from a call page)
    POST /drills                  set a drill (the coach only)
    GET  /drills/<id>             a drill: met / not met on each of the rep's next calls, with the
                                  moment as evidence (a link that plays it on the call page)
    POST /drills/<id>             ``action=cancel`` (the coach only)
    GET  /api/drills              the drills as JSON (?rep=): :func:`~callcoach.review.drill_store.drill_json`

The calls are checked when a page is read (:class:`~callcoach.review.drill_store.DrillStore`). In
the rep view a rep sees only their own drills and sets or cancels none (403). A call the coach
scores blind in an open calibration round shows no check to them (its answer and evidence show
the machine's view of the call), as its call page shows no points.
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from callcoach.errors import CallcoachError
from callcoach.review.app import BadRequest, ReviewApp, render
from callcoach.review.drill_store import DrillStore, DrillView, drill_json
from callcoach.review.drills import BY, DEFAULT_CALLS, IF_ABSENT, KINDS, OPS, Check, DrillError, default_pass_at
from callcoach.review.records import RECORD_ID
from callcoach.review.reps import call_facts, same_rep

#: Tag labels and families a tag-order drill offers (any other label may be typed in the JSON API).
TAG_OPTIONS = (
    "spin.situation", "spin.problem", "spin.implication", "spin.need_payoff", "question.open", "question.closed",
    "objection", "tracker.pricing", "tracker.budget", "tracker.timeline", "tracker.competitor",
    "tracker.decision_process", "tracker.next_step",
)  # fmt: skip
#: The fields of each kind of spec in the form.
SPEC_FIELDS = {"metric": ("metric", "op", "value"), "tag_order": ("tag", "at_least", "before", "by", "if_absent"),
               "dimension": ("dimension", "min_points")}  # fmt: skip


class DrillPages:
    """The drill endpoints of one :class:`~callcoach.review.app.ReviewApp` (its coach or rep,
    its CSRF token, its lock)."""

    def __init__(self, app: ReviewApp) -> None:
        self.app = app
        self.store = DrillStore(app.store)

    def routes(self) -> list[Route]:
        return [
            Route("/drills", self.index, methods=["GET"]),
            Route("/drills", self.create, methods=["POST"]),
            Route("/drills/{did}", self.page, methods=["GET"]),
            Route("/drills/{did}", self.change, methods=["POST"]),
            Route("/api/drills", self.api),
        ]

    # -- for the other pages ------------------------------------------------------------------

    def store_views(self, rep: str | None) -> list[dict[str, Any]]:
        """The drills of ``rep`` (every rep's where None), checked, as the pages show them."""
        return [self.row(v) for v in self.app._locked(self.store.drills, rep)]

    def for_call(self, key: str, rep: str | None) -> list[dict[str, Any]]:
        """The drills of the call's rep, each with this call's check (None where it is not one
        of the drill's calls), for the call page."""
        out = []
        for view, check in self.app._locked(self.store.for_call, key, rep):
            row = self.row(view)
            row["this"] = None if check is None else self._check_row(check, set())
            out.append(row)
        return out

    def row(self, view: DrillView) -> dict[str, Any]:
        """A drill as the pages show it: the drill, its outcome and its checks (hidden where the
        coach scores the call blind)."""
        blind = self._blind({c.call for c in view.outcome.counted + view.outcome.not_applicable})
        return {
            "d": view.drill, "o": view.outcome, "spec": view.drill.spec.describe(),
            "checks": [self._check_row(c, blind) for c in view.outcome.counted],
            "skipped": [self._check_row(c, blind) for c in view.outcome.not_applicable],
        }

    def _blind(self, keys: set[str]) -> set[str]:
        if self.app.rep is not None:
            return set()
        return {k for k in keys if self.app.calibration.blind_round(k) is not None}

    @staticmethod
    def _check_row(c: Check, blind: set[str]) -> dict[str, Any]:
        hidden = c.call in blind
        return {"c": c, "hidden": hidden, "href": f"/call/{quote(c.call, safe='/')}" + ("" if hidden else c.evidence.fragment)}

    # -- pages --------------------------------------------------------------------------------

    def _visible(self, view: DrillView) -> DrillView:
        if self.app.rep is not None and not same_rep(view.drill.rep, self.app.rep):
            raise HTTPException(404, "no such drill")
        return view

    def _view(self, did: str) -> DrillView:
        if not RECORD_ID.match(did):
            raise HTTPException(404, "no such drill")
        try:
            return self._visible(self.app._locked(self.store.drill, did))
        except KeyError:
            raise HTTPException(404, f"no drill {did!r} in this folder") from None

    def index(self, request: Request) -> Response:
        return render("drills.html", **self.context(request.query_params.get("rep"), request.query_params.get("from_call"),
                                                    request.query_params.get("error")))  # fmt: skip

    def context(self, rep: str | None, from_call: str | None, error: str | None = None, form: FormData | None = None) -> dict[str, Any]:
        rep = self.app.rep or (rep or "").strip() or None
        facts = self.app._locked(call_facts, self.app.store)
        reps = sorted({f.rep for f in facts if f.rep}, key=str.casefold)
        dims: dict[str, str] = {}
        for ref, file in sorted({(f.rubric, f.rubric_file) for f in facts}, key=str):
            with contextlib.suppress(CallcoachError):  # a broken rubric offers no dimensions; the queue names it
                for d in self.app._locked(self.app.store._rubric_named, ref, file).rubric.dimensions:
                    dims.setdefault(d.id, d.name)
        from callcoach.scoring import KNOWN_METRICS

        values = {k: str(form.get(k) or "") for k in form.keys()} if form is not None else {}  # noqa: SIM118 - FormData
        return {
            "drills": self.store_views(rep), "rep": rep, "reps": reps, "from_call": from_call or "", "rep_view": self.app.rep_view,
            "viewer_rep": self.app.rep, "coach": self.app.coach, "csrf": self.app.csrf, "error": error, "kinds": KINDS,
            "metrics": KNOWN_METRICS, "ops": OPS, "tags": TAG_OPTIONS, "by": BY, "if_absent": IF_ABSENT, "dimensions": dims,
            "default_calls": DEFAULT_CALLS, "default_pass_at": default_pass_at(DEFAULT_CALLS), "values": values,
        }  # fmt: skip

    def page(self, request: Request) -> Response:
        view = self._view(request.path_params["did"])
        return render("drill.html", **self.page_context(view, request.query_params.get("error")))

    def page_context(self, view: DrillView, error: str | None) -> dict[str, Any]:
        return {"x": self.row(view), "coach": self.app.coach, "csrf": self.app.csrf, "rep_view": self.app.rep_view,
                "viewer_rep": self.app.rep, "error": error}  # fmt: skip

    def api(self, request: Request) -> Response:
        rep = self.app.rep or request.query_params.get("rep") or None
        views = self.app._locked(self.store.drills, rep)
        out = []
        for v in views:
            d = drill_json(v)
            blind = self._blind({c["call"] for c in d["checks"] + d["not_applicable"]})
            for c in d["checks"] + d["not_applicable"]:
                if c["call"] in blind:  # what the coach scores blind stays hidden
                    c.update(met=None, text="hidden: you score this call blind in a calibration round", value=None,
                             utterance_id=None, start=None, quote="", fragment="", href=f"/call/{quote(c['call'], safe='/')}")  # fmt: skip
            out.append(d)
        return JSONResponse({"drills": out}, headers={"cache-control": "no-store"})

    # -- changes ------------------------------------------------------------------------------

    async def create(self, request: Request) -> Response:
        form = await request.form()
        try:
            self.app._check_token(request, form)
            self._coach_only()
            kind = str(form.get("kind") or "")
            if kind not in KINDS:
                raise DrillError(f"choose what the drill checks: one of {', '.join(KINDS)}")
            spec = {"kind": kind, **{f: str(form.get(f) or "").strip() for f in SPEC_FIELDS[kind]}}
            rep = str(form.get("rep") or "").strip()
            if not rep:
                raise DrillError("choose the rep the drill is for")
            from_call = str(form.get("from_call") or "").strip() or None
            drill = await run_in_threadpool(
                self.app._locked, self.store.set, rep, spec, set_by=self.app.coach, title=str(form.get("title") or ""),
                calls=str(form.get("calls") or "").strip() or None, pass_at=str(form.get("pass_at") or "").strip() or None,
                since=str(form.get("since") or "").strip() or None, from_call=from_call, note=str(form.get("note") or ""),
            )  # fmt: skip
        except DrillError as exc:
            return await self._refuse(request, 400, str(exc), form)
        except BadRequest as exc:
            return await self._refuse(request, exc.status, str(exc), form)
        finally:
            await form.close()
        if _wants_json(request):
            return JSONResponse({"ok": True, "drill": drill_json(self.app._locked(self.store.drill, drill.id))})
        return RedirectResponse(f"/drills/{drill.id}", status_code=303)

    async def change(self, request: Request) -> Response:
        did = request.path_params["did"]
        self._view(did)
        form = await request.form()
        try:
            self.app._check_token(request, form)
            self._coach_only()
            action = str(form.get("action") or "")
            if action != "cancel":
                raise DrillError(f"unknown action {action!r}; cancel")
            await run_in_threadpool(self.app._locked, self.store.cancel, did, self.app.coach)
        except (DrillError, BadRequest) as exc:
            status = exc.status if isinstance(exc, BadRequest) else 400
            if _wants_json(request):
                return JSONResponse({"ok": False, "error": str(exc)}, status_code=status)
            view = await run_in_threadpool(self._view, did)
            return render("drill.html", status=status, **self.page_context(view, str(exc)))
        finally:
            await form.close()
        if _wants_json(request):
            return JSONResponse({"ok": True, "drill": drill_json(self._view(did))})
        return RedirectResponse(f"/drills/{did}", status_code=303)

    def _coach_only(self) -> None:
        if self.app.rep is not None:
            from callcoach.review.app import REP_REFUSAL, Forbidden

            raise Forbidden(REP_REFUSAL)

    async def _refuse(self, request: Request, status: int, message: str, form: FormData) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": message}, status_code=status)
        rep = str(form.get("rep") or "") or None
        context = await run_in_threadpool(self.context, rep, str(form.get("from_call") or "") or None, message, form)
        return render("drills.html", status=status, **context)


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")
