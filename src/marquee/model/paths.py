"""Where the shipped model lives, apart from the code that loads it: the report cache keys
its reports by the artifact's bytes, and ``marquee report`` on a cached report must not
import NumPy and SciPy to learn a file name."""

from pathlib import Path

ARTIFACT_DIR = Path(__file__).with_name("artifacts")
DEFAULT_ARTIFACT = ARTIFACT_DIR / "default.npz"
