"""Speaker embeddings: resemblyzer's GE2E voice encoder, loaded with our own code.

The weights are resemblyzer's ``pretrained.pt`` (a 3-layer LSTM over 40-band mel frames,
256-d output), found on disk without importing resemblyzer, whose import pulls in webrtcvad,
librosa and pkg_resources. The mel front end below reproduces ``librosa.feature.melspectrogram``
with resemblyzer's settings (25 ms Hann window, 10 ms hop, 40 Slaney mel bands, power 2, not
log) in numpy, which a test checks against librosa.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from callcoach.call import ModelInfo
from callcoach.models import cached, resolve_speaker

SR = 16_000
N_FFT = 400  # 25 ms
HOP = 160  # 10 ms
N_MELS = 40
NORM_DBFS = -30.0
BUCKET = 10  # window lengths are rounded down to a multiple of this many frames  # resemblyzer normalises each utterance to this level before embedding


def _hz_to_mel(f: np.ndarray) -> np.ndarray:
    """Slaney mel scale (librosa's default, htk=False)."""
    f = np.asarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, mels)


def _mel_to_hz(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


def mel_filterbank(sr: int = SR, n_fft: int = N_FFT, n_mels: int = N_MELS) -> np.ndarray:
    """Slaney-normalised triangular mel filters, shape (n_mels, 1 + n_fft // 2)."""
    fftfreqs = np.linspace(0, sr / 2, 1 + n_fft // 2)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(np.array(0.0)), _hz_to_mel(np.array(sr / 2)), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fftfreqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2 : n_mels + 2] - mel_f[:n_mels])
    return (weights * enorm[:, None]).astype(np.float32)


_MEL: np.ndarray | None = None


MEL_BLOCK = 6000  # frames (60 s) per STFT block: bounds the complex spectrogram to ~10 MB


def mel_frames(wav: np.ndarray, block: int = MEL_BLOCK) -> np.ndarray:
    """Power mel spectrogram frames of 16 kHz audio, shape (n_frames, 40), centred frames.

    Computed with ``torch.stft`` (periodic Hann), which matches librosa's ``melspectrogram``
    with zero padding and is several times faster than a numpy frame gather. The signal is
    transformed ``block`` frames at a time: the complex spectrogram of a whole 2-hour call
    would take 1.2 GB, the mel frames 115 MB.
    """
    import torch

    global _MEL
    if _MEL is None:
        _MEL = mel_filterbank()
    n_frames = 1 + len(wav) // HOP
    if len(wav) == 0:
        return np.zeros((0, N_MELS), dtype=np.float32)
    mel = torch.from_numpy(_MEL)
    window = torch.hann_window(N_FFT, periodic=True)
    out = np.empty((n_frames, N_MELS), dtype=np.float32)
    for f0 in range(0, n_frames, block):
        f1 = min(n_frames, f0 + block)
        x = torch.from_numpy(_frame_span(wav, f0, f1))
        spec = torch.stft(x, n_fft=N_FFT, hop_length=HOP, window=window, center=False, return_complex=True)
        power = spec.real.square() + spec.imag.square()  # (freq, frames)
        out[f0:f1] = (mel @ power).T.numpy()
    return out


def _frame_span(wav: np.ndarray, f0: int, f1: int) -> np.ndarray:
    """The samples under centred frames ``f0``..``f1 - 1``, zero-padded past either end."""
    a, b = f0 * HOP - N_FFT // 2, (f1 - 1) * HOP + N_FFT // 2
    span = np.zeros(b - a, dtype=np.float32)
    lo, hi = max(a, 0), min(b, len(wav))
    span[lo - a : hi - a] = wav[lo:hi]
    return span


@dataclass(frozen=True, slots=True)
class Window:
    """A span of audio to embed, in seconds."""

    start: float
    end: float


class VoiceEncoder:
    """GE2E LSTM speaker encoder (resemblyzer architecture) on the CPU or CUDA."""

    def __init__(self, model: str | None = None, device: str = "cpu", threads: int = 0) -> None:
        resolved = resolve_speaker(model)
        self.info = ModelInfo("speaker", resolved.name, resolved.version, resolved.source)
        self.device = "cuda" if device == "cuda" else "cpu"
        self.threads = threads
        self._net = cached(("speaker", str(resolved.path), self.device), lambda: self._load(str(resolved.path)))

    def _load(self, path: str) -> object:
        import torch
        from torch import nn

        class _Net(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.lstm = nn.LSTM(N_MELS, 256, 3, batch_first=True)
                self.linear = nn.Linear(256, 256)

        net = _Net()
        state = torch.load(path, map_location="cpu", weights_only=True)
        state = state.get("model_state", state)
        net.load_state_dict({k: v for k, v in state.items() if not k.startswith("similarity_")})
        net.eval()
        return net.to(self.device)

    @staticmethod
    def _scaled(wav: np.ndarray, mels: np.ndarray, a: int, n: int) -> np.ndarray:
        """Mel frames a..a+n, scaled as if the span had been normalised to -30 dBFS."""
        seg = wav[a * HOP : (a + n) * HOP]
        rms = float(np.sqrt(np.mean(np.square(seg, dtype=np.float64)))) if len(seg) else 0.0
        # resemblyzer scales each utterance to -30 dBFS; power mels scale with gain squared.
        gain2 = (10 ** (NORM_DBFS / 20) / rms) ** 2 if rms > 1e-6 else 1.0
        return (mels[a : a + n] * gain2).astype(np.float32)

    def embed(self, wav: np.ndarray, windows: list[Window], batch: int = 256) -> np.ndarray:
        """L2-normalised embeddings, shape (len(windows), 256), of spans of a 16 kHz signal.

        Mel frames are computed once for the whole signal and sliced per window.
        """
        import torch

        if not windows:
            return np.zeros((0, 256), dtype=np.float32)
        if self.threads > 0:
            torch.set_num_threads(self.threads)
        mels = mel_frames(wav)
        # Packed variable-length sequences take the slow LSTM path on CPU; instead windows are
        # grouped by length (rounded down to 10 frames) and each group runs as a dense batch.
        groups: dict[int, list[int]] = {}
        spans = []
        for i, w in enumerate(windows):
            a = min(int(round(w.start * SR / HOP)), max(0, len(mels) - 1))
            n = int(round((w.end - w.start) * SR / HOP))
            n = min(max(BUCKET, n - n % BUCKET), len(mels) - a)
            spans.append((a, n))
            groups.setdefault(n, []).append(i)
        out = np.zeros((len(windows), 256), dtype=np.float32)
        net = self._net
        with torch.inference_mode():
            for n, members in sorted(groups.items()):
                for j in range(0, len(members), batch):
                    ids = members[j : j + batch]
                    x = np.stack([self._scaled(wav, mels, *spans[i]) for i in ids])
                    _, (hidden, _) = net.lstm(torch.from_numpy(x).to(self.device))  # type: ignore[attr-defined]
                    raw = torch.relu(net.linear(hidden[-1]))  # type: ignore[attr-defined]
                    emb = raw / raw.norm(dim=1, keepdim=True).clamp_min(1e-8)
                    out[ids] = emb.cpu().numpy()
        return out
