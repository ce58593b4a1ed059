"""marquee on the web: the film pages, their JSON twins, and the static export.

``create_app(store_url)`` builds the FastAPI app; ``serve(store_url, host=, port=)`` runs
it (``marquee serve``); ``write_static_page(report, path)`` writes one film page as a
single self-contained HTML file (``marquee report FILM --html out.html``).
"""

from marquee.extras import require

require("web", "the web page")

from marquee.web.app import create_app, serve  # noqa: E402
from marquee.web.static_page import static_page, write_static_page  # noqa: E402
from marquee.web.uploads import UploadLimits  # noqa: E402

__all__ = ["create_app", "serve", "static_page", "UploadLimits", "write_static_page"]
