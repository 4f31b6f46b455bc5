"""Checks a generated submission package the way a reviewer's browser sees it.

Called by scripts/browser-check, which installs tidy and chromium first.
Uses only the Python standard library. Every problem is printed as one
line containing ": error: "; the last line is a one-line summary.
"""

import argparse
import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that hold one URL (srcset is handled on its own).
URL_ATTRIBUTES = {"href", "src", "poster", "data", "action", "formaction",
                  "cite", "background", "manifest", "longdesc", "xlink:href"}
BANNED_SCHEMES = ("javascript:", "data:", "vbscript:")
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                  "--hide-scrollbars", "--mute-audio",
                  # Behave like an offline reviewer: no host name resolves.
                  "--host-resolver-rules=MAP * ~NOTFOUND"]


class Report:
    def __init__(self):
        self.diagrams = 0
        self.problems = 0
        self.safety_checked = 0

    def error(self, where, message):
        self.problems += 1
        print(f"{where}: error: {message}", flush=True)


def rel(path):
    """A path as short as possible for messages."""
    path = os.path.abspath(path)
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


# --- 1. tidy ---------------------------------------------------------------

TIDY_LIMIT = 10   # messages shown per page; one mistake often cascades
TIDY_BOILERPLATE = ("This document has errors", "using HTML Tidy to generate")
TIDY_LINE = re.compile(r"^line (\d+) column (\d+) - (Warning|Error|Access|Info): (.*)$")


def svg_lines(page):
    """Line numbers inside inline <svg> elements (the architecture diagrams)."""
    inside, numbers = False, set()
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("<svg "):
            inside = True
        if inside:
            numbers.add(number)
        if line.startswith("</svg>"):
            inside = False
    return numbers


# Debian's tidy (5.6) predates SVG 2 and calls the `href` of an <a> inside inline SVG proprietary; those links
# are checked below like every other link, and the SVG itself is checked as XML by the test suite.
SVG_HREF = 'Warning: <a> proprietary attribute "href"'


def check_tidy(pages, report):
    for page in pages:
        run = subprocess.run(["tidy", "-q", "-e", "--show-warnings", "yes", str(page)],
                             capture_output=True, text=True)
        if run.returncode == 0:
            continue
        in_svg = svg_lines(page)
        lines = [line for line in run.stderr.splitlines()
                 if line.strip() and not line.startswith(TIDY_BOILERPLATE)
                 and not (line.endswith(SVG_HREF) and TIDY_LINE.match(line)
                          and int(TIDY_LINE.match(line).group(1)) in in_svg)]
        for shown, line in enumerate(lines):
            if shown == TIDY_LIMIT:
                report.problems += len(lines) - shown
                print(f"{rel(page)}: error: {len(lines) - shown} more tidy messages; "
                      f"see them all with: tidy -q -e {rel(page)}")
                break
            match = TIDY_LINE.match(line)
            if match:
                number, column, kind, message = match.groups()
                report.error(f"{rel(page)}:{number}:{column}", f"tidy {kind.lower()}: {message}")
            else:
                report.error(rel(page), f"tidy: {line}")
        if not lines and run.returncode > 1:
            # Status 1 means warnings only, and every warning was one of the known SVG ones above.
            report.error(rel(page), f"tidy exited with status {run.returncode}")


# --- 2. links --------------------------------------------------------------

class PageParser(HTMLParser):
    """Collects ids and every URL-bearing attribute of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []
        self.id_lines = []
        self.urls = []       # (line, tag, attribute, value)
        self.css = []        # (line, css text) from <style> and style=""
        self.problems = []   # (line, message)
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag == "script":
            self.problems.append((line, "<script> element (the package must not run scripts)"))
        if tag == "base":
            self.problems.append((line, "<base> element (it changes how every relative link resolves)"))
        if tag == "style":
            self.in_style = True
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append((line, f"inline event handler {name}=\"{value}\" on <{tag}>"))
            elif name == "id":
                self.ids.append(value)
                self.id_lines.append(line)
            elif name == "style":
                self.css.append((line, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((line, tag, name, candidate.split()[0]))
            elif name in URL_ATTRIBUTES:
                self.urls.append((line, tag, name, value))
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.problems.append((line, "<meta http-equiv=refresh> (no redirects in the package)"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self.in_style = False

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.css.append((self.getpos()[0], data))


class LinkChecker:
    def __init__(self, package, report):
        self.package = package.resolve()
        self.report = report
        self.parsed = {}
        self.checked = 0

    def parse(self, page):
        page = page.resolve()
        if page not in self.parsed:
            parser = PageParser()
            parser.feed(page.read_text(encoding="utf-8", errors="replace"))
            parser.close()
            self.parsed[page] = parser
        return self.parsed[page]

    def check_page(self, page):
        parser = self.parse(page)
        name = rel(page)
        for line, message in parser.problems:
            self.report.error(f"{name}:{line}", message)
        seen = set()
        for id_, line in zip(parser.ids, parser.id_lines):
            if id_ in seen:
                self.report.error(f"{name}:{line}", f"duplicate id '{id_}'")
            seen.add(id_)
        for line, tag, attribute, url in parser.urls:
            self.check_url(page, name, line, tag, attribute, url)
        for line, css in parser.css:
            self.check_css(page, name, line, css)

    def check_css(self, base, name, line, css):
        for match in CSS_URL.finditer(css):
            url = next(group for group in match.groups() if group is not None)
            self.check_url(base, name, line, "css", "url", url, css=True)

    def check_stylesheets(self, pages):
        """Stylesheets the pages link to must not pull anything from outside either."""
        sheets = set()
        for page in pages:
            for _, tag, attribute, url in self.parse(page).urls:
                path = urlsplit(url.strip()).path
                if tag == "link" and attribute == "href" and path.lower().endswith(".css"):
                    path = (page.parent / unquote(path)).resolve()
                    if path.is_file() and self.package in path.parents:
                        sheets.add(path)
        for sheet in sorted(sheets):
            text = sheet.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), 1):
                self.check_css(sheet, rel(sheet), number, line)

    def check_url(self, page, name, line, tag, attribute, url, css=False):
        self.checked += 1
        # Browsers strip surrounding whitespace and drop tabs and newlines inside URLs.
        raw = re.sub(r"[\x00-\x1f]", lambda m: f"\\x{ord(m.group()):02x}", url)
        url = re.sub(r"[\t\n\r]", "", url.strip(" \t\n\r\f"))
        bad = lambda reason: self.report.error(f"{name}:{line}", f"broken link '{raw}' ({reason})")
        squeezed = re.sub(r"[\x00-\x20]", "", url).lower()
        if squeezed.startswith(BANNED_SCHEMES):
            return bad(f"{squeezed.split(':')[0]}: URLs are not allowed")
        if url.startswith("//"):
            return bad("protocol-relative URL; it breaks when opened from file://")
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        is_anchor = tag in ("a", "area") and attribute == "href" and not css
        if scheme in ("http", "https"):
            if not is_anchor:
                return bad(f"external {'asset in CSS' if css else f'asset in <{tag} {attribute}>'}; "
                           "the package must work offline")
            return
        if scheme == "mailto" and is_anchor:
            return
        if scheme:
            return bad(f"{scheme}: URLs are not allowed here")
        if parts.path.startswith("/"):
            return bad("absolute path; it resolves against the file system root under file://")
        if not parts.path:
            target = page.resolve()
        else:
            target = (page.parent / unquote(parts.path)).resolve()
            if target != self.package and self.package not in target.parents:
                return bad("points outside the package folder")
            if not target.exists():
                return bad(f"{rel(target)} does not exist")
            if not target.is_file():
                return bad(f"{rel(target)} is a folder, not a file")
        if parts.fragment and not css and target.suffix in (".html", ".htm"):
            fragment = unquote(parts.fragment)
            if fragment not in self.parse(target).ids:
                return bad(f"no id '{fragment}' in {target.name}")


# --- 3. chromium -----------------------------------------------------------

class DevTools:
    """Chrome DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, chromium, profile, log):
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # Park the child's ends above 10 (close-on-exec) so the dup2 calls cannot clobber them.
        child_in = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)

        def wire_pipes():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            # Our own descriptors are close-on-exec, so only 0-4 reach chromium.
            preexec_fn=wire_pipes, close_fds=False)
        for fd in (to_chrome_r, from_chrome_w, child_in, child_out):
            os.close(fd)
        self.write_fd = to_chrome_w
        self.read_fd = from_chrome_r
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.write_fd)
        os.close(self.read_fd)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe (did it crash?)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply is None:
                raise TimeoutError(f"no answer to {method} within {timeout}s")
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_events(self, until, quiet=0.3, timeout=20):
        """Collects events until `until(event)` is seen and then `quiet` seconds pass without any."""
        deadline = time.monotonic() + timeout
        seen = any(until(event) for event in self.events)
        while True:
            now = time.monotonic()
            if now >= deadline:
                return seen
            limit = min(deadline, now + quiet) if seen else deadline
            event = self._read_message(limit)
            if event is None:
                if seen:
                    return True
                continue
            if "method" in event:
                self.events.append(event)
                seen = seen or until(event)


def check_in_chromium(chromium, pages, work, report):
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)
    log_path = work / "chromium.log"
    with open(log_path, "wb") as log:
        browser = DevTools(chromium, profile, log)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                browser.send(f"{domain}.enable", session=session)
            # Any payload in the test corpus calls top.__xss(N) if it ever runs.
            browser.send("Page.addScriptToEvaluateOnNewDocument", {"source": XSS_HOOK}, session=session)
            for page in pages:
                check_one_page(browser, session, page, report)
            # Diagrams are also written as SVG files, which a reviewer may open on their own.
            for drawing in sorted((pages[0].parent.parent / "views").glob("*.svg")) if pages else []:
                check_one_page(browser, session, drawing, report)
        except (RuntimeError, TimeoutError, OSError) as failure:
            report.error("chromium", f"{failure}; see {rel(log_path)}")
        finally:
            browser.close()
            shutil.rmtree(profile, ignore_errors=True)


def check_one_page(browser, session, page, report):
    url = page.resolve().as_uri()
    name = rel(page)
    browser.events.clear()
    result = browser.send("Page.navigate", {"url": url}, session=session)
    if result.get("errorText"):
        return report.error(name, f"chromium could not open the page ({result['errorText']})")
    loaded = browser.wait_events(lambda e: e.get("method") == "Page.loadEventFired"
                                 and e.get("sessionId") == session)
    if not loaded:
        report.error(name, "chromium did not finish loading the page within 20s")
    found = []
    requests = {}
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            request_url = params["request"]["url"]
            requests[params["requestId"]] = request_url
            if not request_url.startswith(("file:", "about:")):
                found.append(f"request to {request_url} (the package must work offline)")
        elif method == "Network.loadingFailed":
            target = requests.get(params["requestId"], "?")
            if target.startswith(("http:", "https:")):
                continue   # already reported as a request
            found.append(f"failed to load {short_url(target, page)} ({params.get('errorText')})")
        elif method == "Network.responseReceived" and params["response"].get("status", 200) >= 400:
            found.append(f"HTTP {params['response']['status']} for {params['response']['url']}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
            found.append(f"console {params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            found.append(f"uncaught exception: {str(text).splitlines()[0] if text else '?'}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            if entry.get("source") == "network":
                if entry.get("url", "").startswith(("http:", "https:")):
                    continue   # already reported as a request
                code = re.search(r"net::ERR_\w+", entry.get("text", ""))
                found.append(f"failed to load {short_url(entry.get('url', '?'), page)} "
                             f"({code.group(0) if code else entry.get('text')})")
            else:
                found.append(f"console error ({entry.get('source')}): {entry.get('text')}")
    for message in dict.fromkeys(found):   # same failure from Network and Log: report once
        report.error(name, f"in chromium: {message}")
    check_dom_safety(browser, session, page, report)
    if page.suffix == ".html":
        check_diagrams(browser, session, page, report)


XSS_HOOK = "window.__xssHits = []; window.__xss = function (n) { window.__xssHits.push(String(n)); };"

# Walks the DOM Chromium built from the page (its HTML parser, not a regular expression) and lists everything
# that could run code or leave the package: elements and attributes outside what subgen writes, event handlers,
# and URLs whose scheme is not a plain link.
DOM_SAFETY = r"""JSON.stringify((() => {
  const elements = new Set(['html','head','body','title','meta','link','header','nav','main','footer','section','article',
    'div','span','p','h1','h2','h3','h4','h5','h6','a','em','strong','code','pre','blockquote','ul','ol','li','dl','dt','dd',
    'hr','br','img','table','caption','thead','tbody','tr','th','td','figure','figcaption','del','sup','sub',
    'svg','g','path','polygon','polyline','ellipse','circle','rect','line','text','tspan','defs']);
  const attributes = new Set(['class','id','lang','charset','name','content','rel','href','src','alt','title','scope',
    'aria-label','start','colspan','rowspan','width','height','viewbox','xmlns','xmlns:xlink','xlink:href','xlink:title',
    'd','fill','stroke','stroke-width','stroke-dasharray','font-family','font-size','font-weight','font-style',
    'text-anchor','transform','points','x','y','cx','cy','rx','ry','r','x1','x2','y1','y2','version','target']);
  const schemes = new Set(['file:', 'http:', 'https:', 'mailto:']);
  const found = [];
  const describe = (element) => '<' + element.tagName.toLowerCase() + '> ' + (element.outerHTML || '').slice(0, 80);
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (!elements.has(tag)) { found.push('element ' + describe(element)); continue; }
    if (tag === 'meta' && !(element.hasAttribute('charset') || ['viewport', 'generator'].includes(element.getAttribute('name')))) found.push('meta ' + describe(element));
    if (tag === 'link' && element.getAttribute('rel') !== 'stylesheet') found.push('link ' + describe(element));
    for (const attribute of element.attributes) {
      const key = attribute.name.toLowerCase();
      if (key.startsWith('on') || !attributes.has(key)) { found.push('attribute ' + key + ' on ' + describe(element)); continue; }
      if (key === 'href' || key === 'src' || key === 'xlink:href') {
        let scheme;
        try { scheme = new URL(attribute.value, document.baseURI).protocol; } catch (e) { scheme = 'invalid'; }
        if (!schemes.has(scheme)) found.push(scheme + ' URL in ' + key + ' of ' + describe(element));
        if (tag === 'link' && scheme !== 'file:') found.push('stylesheet from ' + attribute.value);
      }
    }
  }
  return {found: found, ran: window.__xssHits || []};
})())"""


def check_dom_safety(browser, session, page, report):
    """Nothing in the page ran, and nothing in its DOM could run code or leave the package."""
    result = browser.send("Runtime.evaluate", {"expression": DOM_SAFETY, "returnByValue": True}, session=session)
    value = result.get("result", {}).get("value")
    if not value:
        return report.error(rel(page), "in chromium: the DOM safety check did not run")
    outcome = json.loads(value)
    for number in outcome["ran"]:
        report.error(rel(page), f"in chromium: hostile payload {number} RAN")
    for problem in outcome["found"][:20]:
        report.error(rel(page), f"in chromium: unsafe DOM: {problem}")
    report.safety_checked += 1


DIAGRAMS = """JSON.stringify(Array.from(document.querySelectorAll('figure.diagram svg')).map(svg => {
  const box = svg.getBoundingClientRect();
  return {width: box.width, height: box.height, shapes: svg.querySelectorAll('path, polygon, text').length};
}))"""


def check_diagrams(browser, session, page, report):
    """Every inline architecture diagram is laid out with a size and draws shapes."""
    result = browser.send("Runtime.evaluate", {"expression": DIAGRAMS, "returnByValue": True}, session=session)
    diagrams = json.loads(result.get("result", {}).get("value") or "[]")
    for number, diagram in enumerate(diagrams, start=1):
        if diagram["width"] < 50 or diagram["height"] < 20 or diagram["shapes"] < 3:
            report.error(rel(page), f"in chromium: diagram {number} is not drawn ({diagram})")
    report.diagrams += len(diagrams)


def short_url(url, page):
    if url.startswith("file://"):
        return rel(unquote(urlsplit(url).path))
    return url


def run_chromium(chromium, work, arguments, what, report):
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)
    try:
        run = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments],
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        report.error("chromium", f"{what} took longer than 60s")
        return False
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if run.returncode != 0:
        (work / "chromium.log").write_bytes(run.stderr)
        report.error("chromium", f"{what} failed with status {run.returncode}; see {rel(work / 'chromium.log')}")
        return False
    return True


def take_screenshot(chromium, page, png, work, report):
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    if not run_chromium(chromium, work, ["--window-size=1280,1800", f"--screenshot={png}",
                                         page.resolve().as_uri()], "screenshot", report):
        return
    data = png.read_bytes() if png.exists() else b""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return report.error(rel(png), "screenshot is missing or not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != (1280, 1800):
        report.error(rel(png), f"screenshot is {width}x{height}, expected 1280x1800")
    print(f"browser-check: screenshot of {page.name}: {rel(png)}")


def print_pdf(chromium, page, pdf, work, report):
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.unlink(missing_ok=True)
    if not run_chromium(chromium, work, ["--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                                         page.resolve().as_uri()], "print to PDF", report):
        return
    data = pdf.read_bytes() if pdf.exists() else b""
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    if not data.startswith(b"%PDF-") or pages == 0:
        return report.error(rel(pdf), f"PDF of {page.name} is empty or not a PDF ({len(data)} bytes)")
    print(f"browser-check: PDF of {page.name}: {rel(pdf)} ({pages} pages, {len(data) // 1024} KiB)")


# --- main ------------------------------------------------------------------

def main():
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("package", type=Path)
    arguments.add_argument("--screenshot", type=Path, required=True)
    arguments.add_argument("--pdf-page", default="01-risk-management.html")
    options = arguments.parse_args()

    report = Report()
    html = options.package / "html"
    pages = sorted(html.glob("*.html"))
    if not pages:
        print(f"browser-check: error: no html/*.html in {rel(options.package)}", file=sys.stderr)
        return 2
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not shutil.which("tidy"):
        print("browser-check: error: chromium and tidy must be on PATH", file=sys.stderr)
        return 2
    work = options.screenshot.resolve().parent
    work.mkdir(parents=True, exist_ok=True)

    check_tidy(pages, report)

    links = LinkChecker(options.package, report)
    for page in pages:
        links.check_page(page)
    links.check_stylesheets(pages)

    check_in_chromium(chromium, pages, work, report)
    index = html / "index.html"
    take_screenshot(chromium, index if index.exists() else pages[0], options.screenshot, work, report)
    architecture = html / "03-architecture.html"
    if report.diagrams and architecture.exists():
        take_screenshot(chromium, architecture, options.screenshot.with_name("architecture.png"), work, report)
    pdf_page = html / options.pdf_page
    pdf_page = pdf_page if pdf_page.exists() else pages[0]
    print_pdf(chromium, pdf_page, work / (pdf_page.stem + ".pdf"), work, report)

    outcome = "no problems" if report.problems == 0 else \
        f"{report.problems} problem{'s' if report.problems != 1 else ''}"
    print(f"browser-check: {len(pages)} pages, {links.checked} links checked, "
          f"{report.diagrams} diagram{'s' if report.diagrams != 1 else ''} checked, "
          f"{report.safety_checked} documents checked for executable content, {outcome}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
