#!/usr/bin/env bash
# Lighthouse (mobile preset, Debian's chromium) on one page of each type; prints the four scores per page.
#   scripts/lighthouse.sh            build the site into a temp folder, serve it on 127.0.0.1, audit it
# The pages come from the built site, not from this story: each top-level page, and for each folder of
# pages (actors/*, disputes/*, …) its heaviest page, the worst case of its type.
# Needs ./scripts/setup.sh dev (chromium and tests/js/node_modules/lighthouse).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
lighthouse=tests/js/node_modules/.bin/lighthouse
[ -x "$lighthouse" ] || { echo "lighthouse missing: run ./scripts/setup.sh dev" >&2; exit 1; }
work=$(mktemp -d)
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/"
# The canonical address is the served one, as it would be on the real host.
SITE_URL="$base" .venv/bin/python -m mkdocs build --strict -d "$work/site" 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }  # strict, never with --quiet (MkDocs then ignores warnings)
# A static server that gzips text, as any real host does (python -m http.server does not, which
# would make Lighthouse's simulated slow 4G time the CSS and JS at several times their real size).
.venv/bin/python - "$port" "$work/site" >/dev/null 2>&1 <<'PY' &
import functools, gzip, io, sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

class Gzipping(SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith("/"):
            path += "index.html"
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and path.rsplit(".", 1)[-1] in ("html", "css", "js", "json", "svg", "xml")
        try:
            data = open(path, "rb").read()
        except OSError:
            return super().send_head()
        self._payload = gzip.compress(data) if zipped else data
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self._payload)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(self._payload)

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), functools.partial(Gzipping, directory=sys.argv[2])).serve_forever()
PY
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
mapfile -t entries < <(.venv/bin/python - "$work/site" <<'PY'
import sys
from pathlib import Path

site = Path(sys.argv[1])
heaviest: dict[str, tuple[int, str]] = {}
for page in site.rglob("index.html"):
    parts = page.parent.relative_to(site).parts
    if parts[:1] in (("assets",), ("search",)):
        continue
    kind = "/".join(parts[:-1]) + "/*" if len(parts) > 1 else (parts[0] if parts else "home")
    size, path = page.stat().st_size, "".join(part + "/" for part in parts)
    heaviest[kind] = max(heaviest.get(kind, (size, path)), (size, path))
for kind, (_, path) in sorted(heaviest.items()):
    print(f"{kind}:{path}")
PY
)
printf '%-12s %-32s %5s %5s %5s %5s\n' page path perf a11y bp seo
for entry in "${entries[@]}"; do
  name=${entry%%:*}; path=${entry#*:}; report="$work/report-${name//[^a-z0-9]/_}.json"
  "$lighthouse" "$base$path" --quiet --output=json --output-path="$report" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null
  .venv/bin/python - "$report" "$name" "$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = [round(100 * (report["categories"][c]["score"] or 0)) for c in ("performance", "accessibility", "best-practices", "seo")]
metrics = " ".join(f"{k}={report['audits'][a]['displayValue']}" for k, a in (
    ("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"), ("TBT", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"), ("SI", "speed-index")))
print(f"{sys.argv[2]:<12} /{sys.argv[3]:<31} " + " ".join(f"{s:5d}" for s in scores) + f"   {metrics}")
for cat in ("accessibility", "best-practices", "seo"):
    for ref in report["categories"][cat]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"    {cat}: {audit['id']}: {audit['title']}")
PY
done
