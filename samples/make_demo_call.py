"""Synthesize the bundled demo sales call ``samples/demo-call.flac``.

The demo is a ~90 s B2B sales discovery role-play between a rep ("Dana",
left channel) and a customer ("Sam", right channel).  Every turn is spoken by
the ``espeak-ng`` text-to-speech engine, so the recording contains no real
person's voice and can be regenerated exactly:

    python samples/make_demo_call.py

Requirements: the ``espeak-ng`` command (Debian: ``apt-get install espeak-ng``)
plus Python 3.11 with numpy and soundfile (>= 0.12); scipy is used to resample
espeak-ng's 22.05 kHz output when it is installed, otherwise the ``sox``
command is.  The output is byte-identical from run to run; another espeak-ng
version (this was made with 1.51) or resampler changes the audio slightly.

Outputs (next to this script):

* ``demo-call.flac`` -- stereo, 16 kHz, 16-bit FLAC.  Each speaker is on their
  own channel; the other channel carries a faint (-35 dB, 5 ms late) bleed of
  that speech plus very low low-frequency noise (about -65 dBFS RMS, fixed
  seed), like a real dual-channel call recording.  Peak-normalised to -3 dBFS.
* ``demo-call.reference.json`` -- the ground truth: who said what, on which
  channel, and the true start/end (seconds) of every rendered turn, measured
  on the synthesized audio after trimming its leading/trailing silence.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

HERE = Path(__file__).resolve().parent
OUT_AUDIO = HERE / "demo-call.flac"
OUT_REFERENCE = HERE / "demo-call.reference.json"

RATE = 16_000
SEED = 20240611
LEAD_IN_S = 0.5
TAIL_S = 0.6
BLEED_DB = -35.0
BLEED_DELAY_S = 0.005
NOISE_DBFS = -65.0
PEAK_DBFS = -3.0
TRIM_DB = -45.0  # relative to each rendering's own peak

SPEAKERS = {"rep": "Dana", "customer": "Sam"}
CHANNEL = {"rep": 0, "customer": 1}  # rep on the left
# espeak-ng settings: voice, speed (words per minute), pitch (0-99), gain.
VOICE = {
    "rep": {"voice": "en-us+m6", "speed": 165, "pitch": 60, "gain": 1.0},
    "customer": {"voice": "en-us+edward", "speed": 160, "pitch": 35, "gain": 1.0},
}

# (speaker, pause in seconds before the turn starts, text)
SCRIPT: list[tuple[str, float, str]] = [
    ("rep", 0.0, "Hi Sam, it's Dana from CallCoach. How's your week going?"),  # rapport
    ("customer", 0.55, "Busy, but good, thanks."),
    ("rep", 0.4, "Nice. How many reps are on your team today?"),  # situation
    ("customer", 0.7, "Twelve, and we're hiring four more."),
    ("rep", 0.35, "What do you use to record calls now?"),  # situation
    ("customer", 0.6, "Our dialer records them, but nobody listens."),
    ("rep", 0.45, "Walk me through how you coach reps today."),  # question, no "?"
    # the customer's long answer (~9.5 s)
    ("customer", 0.8, "Every Friday I pick two calls per rep and listen in the car. "
                      "Then we do one on ones, but I only reach half the team, "
                      "so feedback comes weeks late."),
    ("rep", 0.5, "Got it. Where do new reps struggle most on calls?"),  # problem
    ("customer", 0.65, "Discovery. They pitch too early."),
    ("rep", 0.35, "What does it cost you when a new rep takes six months to ramp?"),  # implication
    ("customer", 0.9, "Half a year of missed quota, and some quit."),
    # need-payoff
    ("rep", 0.4, "If every rep got feedback on each call, how would that help you hit the quarter?"),
    ("customer", 0.75, "New reps would fix mistakes in days, not months."),
    ("rep", 0.35, "CallCoach scores every recorded call,"),
    ("customer", 0.3, "Right."),  # backchannel
    ("rep", 0.3, "and each rep gets notes the same day."),
    # price objection, then the rep acknowledges and asks back
    ("customer", 0.6, "Honestly that sounds expensive, we already pay for a dialer."),
    ("rep", 0.5, "That's fair. What would make it worth it?"),
    # timing objection
    ("customer", 0.85, "Maybe. But we can't look at anything new until next quarter."),
    ("rep", 0.45, "Understood, no rush."),
    ("customer", 0.3, "Okay."),  # backchannel
    ("rep", 0.3, "Who else needs to see it?"),
    ("customer", 0.6, "My VP of sales."),
    # next step
    ("rep", 0.4, "Let's book a demo with your VP of sales next Tuesday at 10."),
    ("customer", 0.55, "Sure, Tuesday at 10 works, send the invite."),
    ("rep", 0.35, "Will do, thanks Sam."),
]


def _resample(x: np.ndarray, rate_in: int, tmp: Path) -> np.ndarray:
    if rate_in == RATE:
        return x
    try:
        from math import gcd

        from scipy.signal import resample_poly

        g = gcd(RATE, rate_in)
        return resample_poly(x, RATE // g, rate_in // g).astype(np.float64)
    except ImportError:
        if shutil.which("sox") is None:
            sys.exit("need scipy or the sox command to resample espeak-ng output")
        src, dst = tmp / "in.wav", tmp / "out.wav"
        sf.write(src, 0.5 * x, rate_in, subtype="FLOAT")  # headroom: no clipping
        subprocess.run(["sox", "-V1", str(src), "-e", "floating-point", "-b", "32",
                        str(dst), "rate", "-v", str(RATE)], check=True, capture_output=True)
        y, _ = sf.read(dst, dtype="float64")
        return 2.0 * y


def _trim(x: np.ndarray) -> np.ndarray:
    """Cut leading/trailing silence (below TRIM_DB of the rendering's peak)."""
    thr = np.max(np.abs(x)) * 10 ** (TRIM_DB / 20)
    loud = np.flatnonzero(np.abs(x) > thr)
    return x[loud[0] : loud[-1] + 1]


def _render(speaker: str, text: str, tmp: Path) -> np.ndarray:
    v = VOICE[speaker]
    wav = tmp / "turn.wav"
    cmd = ["espeak-ng", "-v", v["voice"], "-s", str(v["speed"]), "-p", str(v["pitch"]),
           "-w", str(wav), text]
    subprocess.run(cmd, check=True, capture_output=True)
    x, rate = sf.read(wav, dtype="float64")
    if x.ndim > 1:
        x = x.mean(axis=1)
    x = _resample(x, rate, tmp)
    return _trim(x) * v["gain"]


def _noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-RMS pink (1/f) noise rolled off above ~500 Hz: a quiet room/line
    hiss.  White noise at -65 dBFS would more than double the FLAC size."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / RATE)
    f[0] = f[1]
    spec /= np.sqrt(f) * np.sqrt(1 + (f / 500.0) ** 8)
    y = np.fft.irfft(spec, n)
    y -= y.mean()
    return y / np.sqrt(np.mean(y**2))


def build() -> tuple[np.ndarray, list[dict]]:
    with tempfile.TemporaryDirectory(prefix="demo-call-") as d:
        tmp = Path(d)
        rendered = [(spk, pause, text, _render(spk, text, tmp)) for spk, pause, text in SCRIPT]

    # Schedule the turns.
    t = LEAD_IN_S
    placed = []
    for i, (spk, pause, text, audio) in enumerate(rendered):
        if i:
            t += pause
        start = int(round(t * RATE))
        placed.append((spk, text, start, audio))
        t = (start + len(audio)) / RATE
    total = int(round((t + TAIL_S) * RATE))

    speech = np.zeros((total, 2))
    for spk, _text, start, audio in placed:
        speech[start : start + len(audio), CHANNEL[spk]] += audio

    # Each channel hears a faint, slightly late copy of the other one.
    delay = int(round(BLEED_DELAY_S * RATE))
    bleed_gain = 10 ** (BLEED_DB / 20)
    mix = speech.copy()
    mix[delay:, 0] += bleed_gain * speech[:-delay, 1]
    mix[delay:, 1] += bleed_gain * speech[:-delay, 0]

    mix *= 10 ** (PEAK_DBFS / 20) / np.max(np.abs(mix))
    rng = np.random.default_rng(SEED)
    noise_rms = 10 ** (NOISE_DBFS / 20)
    mix[:, 0] += noise_rms * _noise(total, rng)
    mix[:, 1] += noise_rms * _noise(total, rng)
    mix *= 10 ** (PEAK_DBFS / 20) / np.max(np.abs(mix))

    reference = [
        {
            "speaker": spk,
            "channel": CHANNEL[spk],
            "start": round(start / RATE, 3),
            "end": round((start + len(audio)) / RATE, 3),
            "text": text,
        }
        for spk, text, start, audio in placed
    ]
    return mix, reference


def main() -> None:
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is not installed (Debian: apt-get install espeak-ng)")
    mix, turns = build()
    sf.write(OUT_AUDIO, mix, RATE, format="FLAC", subtype="PCM_16", compression_level=1.0)
    reference = {
        "source": OUT_AUDIO.name,
        "rep_channel": "left",
        "speakers": dict(SPEAKERS),
        "turns": turns,
    }
    OUT_REFERENCE.write_text(json.dumps(reference, indent=2) + "\n")
    print(f"wrote {OUT_AUDIO} ({len(mix) / RATE:.1f} s, {OUT_AUDIO.stat().st_size / 1e6:.2f} MB)")
    print(f"wrote {OUT_REFERENCE} ({len(turns)} turns)")


if __name__ == "__main__":
    main()
