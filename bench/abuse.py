"""Hostile and unlucky input, each case run through the real ``marquee`` command with a time
and a memory cap: one line per case of what marquee did, how long it took, and its peak
memory.

Each case puts one hostile input (a file, a URL on a local test site, a folder, a store
URL) beside one good review, runs ``marquee`` in its own process under ``RLIMIT_AS`` and a
wall-clock cap, and checks what the issue asks of it: the hostile input reported on its
own line (or read harmlessly), the good review stored, a non-zero exit code when anything
was refused, no traceback, and every number inside the caps. A case that hangs is killed
at the time cap and reported as such, so one regression cannot stall the table.

The test site binds 127.0.0.1 only, on a port the system picks, and shuts itself down
after ``--site-lifetime`` seconds even if nobody stops it.

    .venv/bin/python bench/abuse.py [--cases NAME …] [--time-cap 60] [--memory-cap-mb 3000]

``tests/test_hostile.py`` runs the cases marked fast (every case, with smaller bombs and a
shorter timeout) as tests.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "tests" / "fixtures" / "pages" / "single_review.html").read_bytes()
GOOD_FILM = "The Quiet Harbour"
GOOD_REVIEW = f"""---
film: {GOOD_FILM}
year: 2019
critic: Ada Lumen
rating: 8/10
---

A patient, luminous drama about a harbour town waiting out a storm. The lead performance
is quietly devastating and the photography turns grey water into something close to
music. It earns every one of its slow minutes.
"""


# ── running marquee under caps ────────────────────────────────────────────────────────────


@dataclass
class Run:
    """One ``marquee`` process: exit code (None: killed at the time cap), its output, how
    long it ran and its peak resident memory."""

    code: int | None
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def outcomes(self) -> dict[str, dict[str, str]]:
        """``add --json``'s outcomes by source (the last for a source that has several)."""
        try:
            listed = json.loads(self.stdout)
        except ValueError:
            return {}
        return {o["source"]: o for o in listed} if isinstance(listed, list) else {}


_LAUNCHER = """
import ctypes, os, resource, subprocess, sys
limit, drop, report, *command = sys.argv[1:]
def confine():
    resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))
    if drop == "1" and os.geteuid() == 0:
        libc = ctypes.CDLL(None)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP
code = subprocess.call(command, preexec_fn=confine)
with open(report, "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)
"""
"""Starts marquee from a small process and reports its peak memory. A child forked
straight from a large one (pytest with a model loaded) starts life counting the parent's
pages in its peak, so the measured process must be the child of a small one."""


@dataclass(frozen=True)
class Caps:
    seconds: float = 60.0
    memory_mb: int = 3000


def marquee(
    *args: str,
    cwd: Path,
    caps: Caps,
    env: dict[str, str] | None = None,
    permissions: bool = False,
) -> Run:
    """``python -m marquee ARGS`` in ``cwd`` under the caps. ``permissions`` makes file
    permissions hold even for root (which the CI runs as): the process is started without
    the capabilities that let root read and list anything."""
    environment = {k: v for k, v in os.environ.items() if k != "MARQUEE_DB"}
    environment |= {"PYTHONWARNINGS": "ignore", "COLUMNS": "200", **(env or {})}
    limit = str(caps.memory_mb * 1_000_000)
    with tempfile.TemporaryDirectory() as scratch:
        out, err, report = (Path(scratch) / name for name in ("out", "err", "maxrss"))
        command = [sys.executable, "-c", _LAUNCHER, limit, "1" if permissions else "0"]
        command += [str(report), sys.executable, "-m", "marquee", *args]
        started = time.monotonic()
        with out.open("wb") as stdout, err.open("wb") as stderr:
            proc = subprocess.Popen(
                command, cwd=cwd, env=environment, stdout=stdout, stderr=stderr,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            try:
                code: int | None = proc.wait(timeout=caps.seconds)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                code = None
        seconds = time.monotonic() - started
        peak = int(report.read_text()) / 1000 if report.exists() else 0.0
        return Run(
            code,
            out.read_bytes().decode("utf-8", "replace"),
            err.read_bytes().decode("utf-8", "replace"),
            seconds,
            peak,
        )


# ── the local hostile site ────────────────────────────────────────────────────────────────


class _Handler(BaseHTTPRequestHandler):
    server: HostileSite

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/robots.txt":
            self._send(404, "text/plain", b"")
        elif path.startswith("/good/"):
            page = PAGE + f"<!-- {path} -->".encode()  # each page its own document
            self._send(200, "text/html; charset=utf-8", page)
        elif path.startswith("/redirect/"):
            target = {
                "data": "data:text/html,<p>a review</p>",
                "javascript": "javascript:alert(1)",
                "mailto": "mailto:critic@example.org",
                "ipv6": "http://[::1",
                "ftp": "ftp://example.org/review.txt",
            }[path.rsplit("/", 1)[1]]
            self._send(302, "text/html", b"", {"Location": target})
        elif path == "/gzip-gzip":
            body = self.server.bomb(int(query.get("mb", ["1000"])[0]))
            self._send(200, "text/html", body, {"Content-Encoding": "gzip, gzip"})
        elif path == "/slow-headers":
            self._drip(float(query.get("every", ["2"])[0]))
        elif path == "/feed.rss":
            self._send(200, "application/rss+xml", self.server.feed().encode())
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, kind: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, every: float) -> None:
        """Status line and headers one byte at a time: no read ever waits long."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Padding: " + b"a" * 400
        for byte in head:
            if self.server.stopped.is_set():
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(every)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


class HostileSite(ThreadingHTTPServer):
    """A web site on 127.0.0.1 serving one endpoint per hostile trick; it shuts itself down
    after ``lifetime`` seconds."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, lifetime: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lifetime = lifetime
        self.stopped = threading.Event()
        self._bombs: dict[int, bytes] = {}
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def bomb(self, mb: int) -> bytes:
        """``mb`` megabytes of zeros, gzipped twice (1000 MB is a few kB), made once."""
        with self._lock:
            if mb not in self._bombs:
                inner = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
                once = b"".join(inner.compress(bytes(1_000_000)) for _ in range(mb))
                self._bombs[mb] = gzip.compress(once + inner.flush(), compresslevel=9)
            return self._bombs[mb]

    def feed(self) -> str:
        links = [
            f"{self.base}/good/one.html",
            "http://[::1",
            f"{self.base}/redirect/javascript",
            "data:text/html,<p>x</p>",
            f"{self.base}/good/two.html",
        ]
        items = "".join(
            f"<item><title>{i}</title><link>{link}</link></item>" for i, link in enumerate(links)
        )
        channel = f"<channel><title>reviews</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up leaves a broken pipe: expected here."""


@contextmanager
def hostile_site(lifetime: float = 300.0) -> Iterator[HostileSite]:
    site = HostileSite(lifetime)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    timer = threading.Timer(lifetime, site.shutdown)  # stops by itself
    timer.daemon = True
    timer.start()
    try:
        yield site
    finally:
        timer.cancel()
        site.stopped.set()
        site.shutdown()
        site.server_close()


# ── the cases ─────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Scale:
    """How big the bombs are and how patient the network cases: the bench uses the sizes
    the issue measured, the tests smaller ones that still fail without the safeguard."""

    gzip_mb: int = 1000
    csv_rows: int = 1_000_000
    drip_every: float = 2.0
    timeout: float = 10.0


BENCH, TESTS = Scale(), Scale(gzip_mb=200, csv_rows=30_000, drip_every=0.5, timeout=1.5)


@dataclass
class Env:
    """What a case works with: its own folder and store, the site, the caps and scale."""

    work: Path
    site: HostileSite
    caps: Caps
    scale: Scale
    runs: list[Run] = field(default_factory=list)

    @property
    def db(self) -> str:
        return f"sqlite:///{self.work / 'store.db'}"

    def good(self) -> Path:
        path = self.work / "good.md"
        path.write_text(GOOD_REVIEW, encoding="utf-8")
        return path

    def marquee(self, *args: str, **kwargs: object) -> Run:
        run = marquee(*args, cwd=self.work, caps=self.caps, **kwargs)  # type: ignore[arg-type]
        self.runs.append(run)
        return run

    def add(self, *inputs: str, options: Sequence[str] = ()) -> Run:
        """``marquee add --json GOOD INPUTS…`` into this case's store."""
        return self.marquee(
            "--db", self.db, "--create", "add", "--json", "--rate", "1000",
            "--timeout", str(self.scale.timeout), *options, str(self.good()), *inputs,
        )  # fmt: skip

    def films(self) -> list[dict]:
        """The store's films (read here, not by another process: it is quicker)."""
        from marquee.errors import StoreError
        from marquee.store import Store

        try:
            store = Store(self.db, create=False)
        except StoreError:
            return []
        try:
            return [
                {"slug": f.slug, "title": f.facts.title, "reviews": f.reviews}
                for f in store.films()
            ]
        finally:
            store.close()


@dataclass
class Verdict:
    """What a case found: a short account, and whether every safeguard held."""

    outcome: str
    held: bool
    problems: list[str] = field(default_factory=list)


def beside(env: Env, run: Run, refused: Sequence[str], *, stored: int = 1) -> Verdict:
    """The usual check: the good review added, each of ``refused`` an error line of its own,
    exit code 1, no traceback, within the caps; ``stored`` good reviews in the store."""
    problems = _common(run)
    outcomes = run.outcomes()
    good = outcomes.get(str(env.work / "good.md"), {})
    if good.get("status") != "added":
        problems.append(f"the good review was not added ({good or 'no outcome'})")
    messages = []
    for source in refused:
        found = outcomes.get(source)
        if found is None or found["status"] != "error":
            problems.append(f"{source} not reported as an error ({found})")
            continue
        if "\n" in (found["message"] or ""):
            problems.append(f"{source}: a message of several lines")
        messages.append(str(found["message"]).removeprefix(f"{source}: "))
    if refused and run.code != 1:
        problems.append(f"exit code {run.code}, not 1")
    reviews = sum(f["reviews"] for f in env.films())
    if reviews < stored:
        problems.append(f"{reviews} review(s) stored, expected {stored}")
    summary = "; ".join(dict.fromkeys(messages)) or f"{reviews} review(s) stored"
    return Verdict(summary, not problems, problems)


def _common(run: Run) -> list[str]:
    problems = []
    if run.code is None:
        problems.append("killed at the time cap")
    if "Traceback" in run.output or "MemoryError" in run.output:
        problems.append("a traceback: " + run.output.strip().splitlines()[-1][:200])
    return problems


def _write(env: Env, name: str, text: str | bytes) -> str:
    path = env.work / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def yaml_alias_bomb(env: Env) -> Verdict:
    lines = ["---", "film: Bomb", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = _write(env, "bomb.md", "\n".join([*lines, "---", "A review.", ""]))
    return beside(env, env.add(bomb), [bomb])


def yaml_deep(env: Env) -> Verdict:
    deep = _write(env, "deep.md", "---\nfilm: x\na: " + "[" * 50_000 + "\n---\nA review.\n")
    return beside(env, env.add(deep), [deep])


def jsonl_deep_line(env: Env) -> Verdict:
    row = json.dumps({"film": "Row Film", "text": "A sharp, funny film that earns its ending."})
    table = _write(env, "table.jsonl", row + "\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    run = env.add(table)
    verdict = beside(env, run, [table], stored=2)
    if not any(f["title"] == "Row Film" for f in env.films()):
        verdict.problems.append("the table's good row was not stored")
        verdict.held = False
    return verdict


def html_deep(env: Env) -> Verdict:
    page = "<html><body>" + "<div>" * 100_000 + "<p>A review.</p>" + "</div>" * 100_000
    deep = _write(env, "deep.html", page + "</body></html>")
    run = env.add(deep)
    verdict = beside(env, run, [])
    verdict.outcome = _status(run, deep)
    return verdict


def markdown_deep(env: Env) -> Verdict:
    deep = _write(env, "deep.md", "# Title\n\n" + ">" * 100_000 + " quoted\n\n" + "[" * 100_000)
    run = env.add(deep)
    verdict = beside(env, run, [])
    verdict.outcome = _status(run, deep)
    return verdict


def json_ld_malformed(env: Env) -> Verdict:
    page = PAGE.decode().replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "Review", broken</script>'
        '<script type="application/ld+json">' + "[" * 100_000 + "</script></head>",
    )
    path = _write(env, "jsonld.html", page)
    run = env.add(path)
    verdict = beside(env, run, [], stored=2)
    if "extruct" in run.stderr or "Failed to extract" in run.stderr:
        verdict.problems.append("extruct's traceback printed")
    verdict.held = not verdict.problems
    verdict.outcome = _status(run, path) + ", the malformed blocks skipped quietly"
    return verdict


def csv_million_rows(env: Env) -> Verdict:
    path = env.work / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["film", "critic", "text"])
        for i in range(env.scale.csv_rows):
            writer.writerow([f"Film {i % 5000}", f"Critic {i}", "Fine film."])
    return beside(env, env.add(str(path)), [str(path)])


def symlink_out(env: Env) -> Verdict:
    folder, outside = env.work / "reviews", env.work / "private"
    folder.mkdir()
    outside.mkdir()
    secret = outside / "diary.txt"
    secret.write_text("My private diary about the film Secret Garden (2020). Lovely.\n")
    (folder / "linked.txt").symlink_to(secret)
    shutil.copy(env.good(), folder / "inside.md")
    run = env.add(str(folder))
    verdict = beside(env, run, [str(folder / "linked.txt")], stored=1)
    if any("Secret" in (f["title"] or "") for f in env.films()):
        verdict.problems.append("the file outside the folder was stored")
        verdict.held = False
    return verdict


def unreadable_folder(env: Env) -> Verdict:
    folder = env.work / "reviews"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "r.md").write_text(GOOD_REVIEW.replace("Ada", "Bo"))
    (folder / "locked").chmod(0)
    good = env.good()
    run = env.marquee(
        "--db", env.db, "--create", "add", "--json", str(good), str(folder), permissions=True
    )
    try:
        return beside(env, run, [str(folder / "locked")])
    finally:
        (folder / "locked").chmod(stat.S_IRWXU)


def markup_in_titles(env: Env) -> Verdict:
    title = "Evil [/] [link=https://example.org]Title[/link] [bold red]"
    path = _write(env, "markup.csv", f'film,text\n"{title}","A bold, strange film."\n')
    run = env.add(path)
    verdict = beside(env, run, [], stored=2)
    listing = env.marquee("--db", env.db, "films")
    problems = verdict.problems + _common(listing)
    if listing.code != 0 or "[/]" not in listing.stdout or "\x1b]8;" in listing.stdout:
        problems.append(f"marquee films: exit {listing.code}, markup not shown as written")
    return Verdict("marquee films shows the title as written", not problems, problems)


def terminal_escapes(env: Env) -> Verdict:
    hostile = "Pwned\x1b]0;owned\x07\x1b[2J\x9b31m"
    path = _write(
        env, "escapes.md", f"---\nfilm: {hostile}\nyear: 2020\n---\n\n{hostile} is a fine film.\n"
    )
    run = env.add(path)
    verdict = beside(env, run, [], stored=2)
    report = env.marquee("--db", env.db, "report", "pwned")
    shown = env.marquee("--db", env.db, "report", "pwned", "--json")
    problems = verdict.problems + _common(report)
    if report.code != 0 or any(c in report.stdout for c in "\x1b\x07\x9b"):
        problems.append("control characters reached the terminal")
    if any(c in json.loads(shown.stdout or "{}").__repr__() for c in "\x1b\x07\x9b"):
        problems.append("control characters stored")
    return Verdict("escape sequences stripped on reading", not problems, problems)


def lookalike_titles(env: Env) -> Verdict:
    real = _write(
        env, "real.md", GOOD_REVIEW.replace(GOOD_FILM, "Ballerina").replace("2019", "2025")
    )
    fake = _write(
        env,
        "cyrillic.md",
        GOOD_REVIEW.replace(GOOD_FILM, "Ваllerina").replace("2019", "2025").replace("Ada", "Cy"),
    )
    zero = _write(
        env,
        "zero-width.md",
        GOOD_REVIEW.replace(GOOD_FILM, "Bal\u200blerina")
        .replace("2019", "2025")
        .replace("Ada", "Zed"),
    )
    run = env.add(real, fake, zero)
    verdict = beside(env, run, [], stored=4)
    slugs = {o.get("film") for s, o in run.outcomes().items() if s in (real, fake, zero)}
    if slugs != {"ballerina-2025"}:
        verdict.problems.append(f"filed under {sorted(map(str, slugs))}")
    return Verdict(
        f"all filed under {', '.join(sorted(map(str, slugs)))}",
        not verdict.problems,
        verdict.problems,
    )


def redirects_off_the_web(env: Env) -> Verdict:
    urls = [f"{env.site.base}/redirect/{k}" for k in ("data", "javascript", "mailto", "ipv6")]
    return beside(env, env.add(*urls), urls)


def malformed_url(env: Env) -> Verdict:
    return beside(env, env.add("http://[::1"), ["http://[::1"])


def feed_with_bad_links(env: Env) -> Verdict:
    feed = f"{env.site.base}/feed.rss"
    run = env.add(options=["--feed", feed])
    bad = [f"{env.site.base}/redirect/javascript"]  # feedparser drops the [::1 and data: links
    verdict = beside(env, run, bad, stored=3)
    return verdict


def gzip_gzip(env: Env) -> Verdict:
    url = f"{env.site.base}/gzip-gzip?mb={env.scale.gzip_mb}"
    return beside(env, env.add(url), [url])


def slow_headers(env: Env) -> Verdict:
    url = f"{env.site.base}/slow-headers?every={env.scale.drip_every}"
    run = env.add(url)
    verdict = beside(env, run, [url])
    if not verdict.outcome.startswith("timed out after"):
        verdict.problems.append(f"not a timeout: {verdict.outcome}")
        verdict.held = False
    # Against the same command on a page that answers at once, so a loaded machine's slow
    # start-up is not counted as the fetch overrunning its deadline.
    control = env.add(f"{env.site.base}/good/page.html")
    overrun = run.seconds - control.seconds
    if overrun > env.scale.timeout + 5:
        verdict.problems.append(
            f"took {overrun:.0f} s longer than a prompt page with --timeout {env.scale.timeout:g}"
        )
        verdict.held = False
    return verdict


def no_private(env: Env) -> Verdict:
    url = f"{env.site.base}/good/page.html"
    return beside(env, env.add(url, options=["--no-private"]), [url])


def report_html_bad_path(env: Env) -> Verdict:
    env.add()
    run = env.marquee("--db", env.db, "report", GOOD_FILM, "--html", "/nonexistent/folder/x.html")
    problems = _common(run)
    if run.code != 1 or "cannot write" not in run.stderr:
        problems.append(f"exit {run.code}: {run.stderr.strip()[:120]}")
    return Verdict(
        run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "", not problems, problems
    )


def store_in_missing_folder(env: Env) -> Verdict:
    missing = env.work / "no" / "such" / "folder"
    run = env.marquee("--db", f"sqlite:///{missing / 's.db'}", "add", str(env.good()))
    problems = _common(run)
    if run.code != 1 or missing.exists():
        problems.append(f"exit {run.code}, folder made: {missing.exists()}")
    made = env.marquee("--db", f"sqlite:///{missing / 's.db'}", "--create", "add", str(env.good()))
    if made.code != 0:
        problems.append("--create did not make it")
    return Verdict(
        run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "", not problems, problems
    )


def password_in_help(env: Env) -> Verdict:
    url = "postgresql://critic:hunter2secret@127.0.0.1:1/marquee"
    runs = [
        env.marquee("--help", env={"MARQUEE_DB": url}),
        env.marquee("films", env={"MARQUEE_DB": url}),
        env.marquee("--db", url.replace("@127.0.0.1:1", "@[bad"), "films"),
    ]
    problems = [p for run in runs for p in _common(run)]
    if any("hunter2secret" in run.output for run in runs):
        problems.append("the password was printed")
    return Verdict("password shown as ***", not problems, problems)


def batch_resume_changed_middle(env: Env) -> Verdict:
    path = env.work / "reviews.csv"
    rows = [
        (f"Film {i % 3}", f"Critic {i:03d}", f"A fine film, number {i:03d}.") for i in range(60)
    ]

    def write(table: list[tuple[str, str, str]]) -> None:
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([("film", "critic", "text"), *table])

    write(rows)
    out = env.work / "out"
    first = env.marquee("batch", str(path), "--out", str(out), "--chunk-size", "20", "--json")
    size = path.stat().st_size
    rows[30] = ("Film 9", *rows[30][1:])  # the middle chunk; same size, same ends
    write(rows)
    second = env.marquee("batch", str(path), "--out", str(out), "--chunk-size", "20", "--json")
    problems = _common(first) + _common(second)
    import pyarrow.dataset as ds  # only this case needs it

    films = ds.dataset(out / "reviews", format="parquet").to_table(columns=["film_title"])
    summary = json.loads(second.stdout or "{}")
    if path.stat().st_size != size or "Film 9" not in films["film_title"].to_pylist():
        problems.append("the changed chunk was not scored again")
    if summary.get("resumed") != 2:
        problems.append(f"{summary.get('resumed')} chunks resumed, expected 2")
    return Verdict(
        f"{summary.get('resumed')} of 3 chunks resumed, the changed one re-scored",
        not problems,
        problems,
    )


def _status(run: Run, source: str) -> str:
    found = run.outcomes().get(source, {})
    said = str(found.get("message") or "").removeprefix(f"{source}: ")
    return f"{found.get('status', 'no outcome')}{': ' + said if said else ''}"


@dataclass(frozen=True)
class Case:
    name: str
    check: Callable[[Env], Verdict]
    network: bool = False


CASES = (
    Case("YAML alias bomb (394 B front matter)", yaml_alias_bomb),
    Case("YAML front matter 50k deep", yaml_deep),
    Case("JSONL line of 100k nested [", jsonl_deep_line),
    Case("HTML 100k nested <div>", html_deep),
    Case("Markdown 100k nested > and [", markdown_deep),
    Case("JSON-LD malformed and 100k deep", json_ld_malformed),
    Case("CSV past the row cap", csv_million_rows),
    Case("symlink out of the folder", symlink_out),
    Case("unreadable sub-folder", unreadable_folder),
    Case("Rich markup in a title", markup_in_titles),
    Case("terminal escapes in a review", terminal_escapes),
    Case("lookalike titles (Cyrillic, zero-width)", lookalike_titles),
    Case("redirects to data:/javascript:/mailto:/[::1", redirects_off_the_web, network=True),
    Case("argument http://[::1", malformed_url),
    Case("feed with bad links among good", feed_with_bad_links, network=True),
    Case("Content-Encoding: gzip, gzip bomb", gzip_gzip, network=True),
    Case("headers a byte at a time", slow_headers, network=True),
    Case("--no-private to 127.0.0.1", no_private, network=True),
    Case("report --html into a missing folder", report_html_bad_path),
    Case("--db into a missing folder", store_in_missing_folder),
    Case("password in the store URL", password_in_help),
    Case("batch resume, middle row changed", batch_resume_changed_middle),
)


def run_case(case: Case, site: HostileSite, caps: Caps, scale: Scale) -> tuple[Verdict, Env]:
    """Run one case in a fresh folder (removed afterwards)."""
    work = Path(tempfile.mkdtemp(prefix="marquee-abuse-"))
    env = Env(work, site, caps, scale)
    try:
        verdict = case.check(env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    worst = max((run.peak_mb for run in env.runs), default=0.0)
    bound = memory_bound(caps)
    if worst > bound:
        verdict.problems.append(f"peak memory {worst:.0f} MB, over {bound:.0f} MB")
        verdict.held = False
    return verdict, env


@functools.cache
def memory_bound(caps: Caps) -> float:
    """The most memory a hostile case may take: a quarter more than the heavier of ``add``
    on one good review and ``batch`` on a few good quotes (short, mixed ones, which the
    n-gram views leave in doubt, so the sentence encoder starts: it starts only for such a
    text), measured here once per run — an absolute figure would measure the installed
    libraries' versions, not whether the input blew up."""
    work = Path(tempfile.mkdtemp(prefix="marquee-abuse-"))
    try:
        env = Env(work, None, caps, TESTS)  # type: ignore[arg-type]  # no site needed
        env.marquee("--db", env.db, "--create", "add", str(env.good()))
        quotes = work / "quotes.csv"
        with quotes.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(
                [
                    ("film", "critic", "text"),
                    *(
                        (f"Film {i}", "A Critic", quote)
                        for i, quote in enumerate(
                            ("Not bad, but not good either.", "The film has its moments.")
                        )
                    ),
                ]
            )
        env.marquee("batch", str(quotes), "--out", str(work / "out"))
        return 1.25 * max(run.peak_mb for run in env.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="*", help="only cases whose name contains one of these")
    parser.add_argument("--time-cap", type=float, default=60.0)
    parser.add_argument("--memory-cap-mb", type=int, default=3000)
    parser.add_argument("--site-lifetime", type=float, default=900.0)
    args = parser.parse_args(argv)
    caps = Caps(args.time_cap, args.memory_cap_mb)
    chosen = [
        c for c in CASES if not args.cases or any(w.lower() in c.name.lower() for w in args.cases)
    ]
    print(
        f"{len(chosen)} cases; each marquee process capped at {caps.seconds:g} s and "
        f"{caps.memory_mb} MB of address space; the good review beside each must be stored"
    )
    print("| case | outcome | held | seconds | peak MB |\n| --- | --- | --- | --- | --- |")
    failed = 0
    with hostile_site(args.site_lifetime) as site:
        for case in chosen:
            verdict, env = run_case(case, site, caps, BENCH)
            seconds = sum(run.seconds for run in env.runs)
            peak = max((run.peak_mb for run in env.runs), default=0.0)
            held = "yes" if verdict.held else "NO: " + "; ".join(verdict.problems)
            failed += not verdict.held
            outcome = verdict.outcome.replace("|", "\\|")[:160]
            print(f"| {case.name} | {outcome} | {held} | {seconds:.1f} | {peak:.0f} |", flush=True)
    print(f"\n{len(chosen) - failed} of {len(chosen)} cases held")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
