#!/usr/bin/env python3
"""Writes a Hugo site equivalent to a generated onderdak site, for the side-by-side benchmark.

    python3 benches/hugo_site.py --site /tmp/s10k --out /tmp/s10k-hugo [--pages /tmp/s10k/public]

The page list is the onderdak build's own output (every index.html, plus 404.html), so
both sites have the same number of pages with the same URLs. Each onderdak page becomes one
markdown file whose front matter sets `url:` to the same address (content/<lang>/...md):

- service pages get the same markdown body as the onderdak source (the translation when the
  site has one for that language, else the Dutch text) and their facts as front matter
  (summary, kind, phone, website, address, provider), shown by single.html;
- explainer pages get their markdown body too;
- every other page (landing, home, region, municipality, question flow, explainer index)
  gets its title and a short body. onderdak's versions of these pages are richer (service
  cards, answer summaries), so Hugo does less work per page there.

`/` is Hugo's home page (list.html) and /404.html comes from layouts/404.html. The layout is
comparable to onderdak's base.html: baseof.html with head (canonical, hreflang alternates
for every language), header with the site title and language menu, the page, and a footer
with the emergency numbers and navigation. Taxonomies, sections and RSS are disabled so
Hugo renders exactly the pages listed; robots.txt and sitemap.xml are on, as in onderdak.
Multilingual mode is not used: the language is a front matter value.
"""

import argparse
import html
import json
import os
import re
import shutil
import sys

RTL = {"ar", "fa", "he", "ur"}
TITLE_RE = re.compile(rb"<title>(.*?)</title>", re.S)


def q(s):
    return json.dumps(s, ensure_ascii=False)


def split_front(text):
    if not text.startswith("---"):
        return "", text
    parts = text.split("\n---", 1)
    if len(parts) < 2:
        return "", text
    fm = parts[0][3:]
    body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return fm, body


def scalar(v):
    v = v.strip()
    if v.startswith('"'):
        try:
            return json.loads(v)
        except ValueError:
            return v.strip('"')
    if v.startswith("'") and v.endswith("'"):
        return v[1:-1].replace("''", "'")
    return v


def front_fields(fm):
    """Top-level and one-level nested `key: value` pairs (enough for the facts shown)."""
    out, parent = {}, None
    for line in fm.splitlines():
        m = re.match(r"^(\s*)([A-Za-z_]+):\s*(.*)$", line)
        if not m:
            continue
        indent, key, val = len(m.group(1)), m.group(2), m.group(3)
        if indent == 0:
            parent = key
            if val:
                out[key] = scalar(val)
        elif parent and val and not val.startswith("["):
            out[f"{parent}.{key}"] = scalar(val)
    return out


def index_services(content):
    """id -> {scope segment: (folder, id)} for every service in the data set."""
    services = {}
    for top in ["national", "regions", "municipalities"]:
        base = os.path.join(content, top)
        if not os.path.isdir(base):
            continue
        if top == "national":
            folders = [("landelijk", base)]
        else:
            folders = [(d, os.path.join(base, d)) for d in sorted(os.listdir(base))]
        for seg, folder in folders:
            for name in os.listdir(folder):
                if re.fullmatch(r"[a-z0-9-]+\.md", name) and name.lower() != "readme.md":
                    services[(seg, name[:-3])] = folder
    return services


def page_urls(pages_dir):
    urls = []
    for root, dirs, files in os.walk(pages_dir):
        rel = os.path.relpath(root, pages_dir)
        if rel == "static" or rel.startswith("static" + os.sep):
            dirs[:] = []
            continue
        dirs.sort()
        for f in files:
            if f == "index.html":
                urls.append("/" if rel == "." else "/" + rel.replace(os.sep, "/") + "/")
            elif f == "404.html" and rel == ".":
                urls.append("/404.html")
    return sorted(urls)


def read_title(pages_dir, url):
    path = os.path.join(pages_dir, url.strip("/"), "index.html") if url != "/" \
        else os.path.join(pages_dir, "index.html")
    with open(path, "rb") as f:
        m = TITLE_RE.search(f.read(4096))
    if not m:
        return url
    title = html.unescape(m.group(1).decode("utf-8", "replace")).strip()
    return title.rsplit(" · ", 1)[0]  # onderdak adds " · <site title>"; baseof.html does too


LAYOUT_BASEOF = """<!DOCTYPE html>
{{- $lang := .Params.lang | default "nl" }}
{{- $path := strings.TrimPrefix "/" .RelPermalink }}
{{- $rest := replaceRE `^[^/]*/?` "" $path }}
<html lang="{{ $lang }}" dir="{{ .Params.dir | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
{{- $site_title := index site.Params.titles $lang | default site.Title }}
<title>{{ .Title }}{{ if ne .Title $site_title }} · {{ $site_title }}{{ end }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range site.Params.languages }}<link rel="alternate" hreflang="{{ .code }}" href="{{ site.BaseURL }}{{ .code }}/{{ $rest }}">
{{ end }}<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<a class="skip" href="#main">{{ index site.Params.skip $lang | default "Skip to content" }}</a>
<header class="top">
<a class="brand" href="/{{ $lang }}/">{{ $site_title }}</a>
<details class="langs">
<summary>{{ $lang }}</summary>
<ul>
{{ range site.Params.languages }}<li><a href="/{{ .code }}/{{ $rest }}" lang="{{ .code }}" dir="{{ .dir }}" hreflang="{{ .code }}"{{ if eq .code $lang }} aria-current="page"{{ end }}>{{ .name }}</a></li>
{{ end }}</ul>
</details>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="foot">
<section class="emergency">
<h2>Direct hulp nodig?</h2>
<ul>{{ range site.Params.emergency }}<li><a href="tel:{{ .tel }}">{{ .name }}: {{ .number }}</a></li>{{ end }}</ul>
</section>
<nav aria-label="footer">
<a href="/{{ $lang }}/">Alle gemeenten</a>
<a href="/{{ $lang }}/waar-kan-ik-terecht/">Waar kan ik terecht?</a>
<a href="/{{ $lang }}/uitleg/">Uitleg</a>
</nav>
</footer>
</body>
</html>
"""

LAYOUT_SINGLE = """{{ define "main" }}
<article{{ with .Params.service }} class="service"{{ end }}>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.service }}
<dl class="facts">
{{ with .kind }}<dt>Soort hulp</dt><dd>{{ . }}</dd>{{ end }}
{{ with .provider }}<dt>Wie doet het</dt><dd>{{ . }}</dd>{{ end }}
{{ with .phone }}<dt>Bel</dt><dd><a href="tel:{{ replaceRE `[^0-9+]` "" . }}">{{ . }}</a></dd>{{ end }}
{{ with .website }}<dt>Website</dt><dd><a href="{{ . }}" rel="noreferrer">{{ . }}</a></dd>{{ end }}
{{ with .address }}<dt>Adres</dt><dd>{{ . }}</dd>{{ end }}
</dl>
{{ end }}
{{ .Content }}
</article>
{{ end }}
"""

LAYOUT_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="choices">
{{ range site.Params.languages }}<li><a href="/{{ .code }}/" lang="{{ .code }}" dir="{{ .dir }}">{{ .name }}</a></li>
{{ end }}</ul>
{{ end }}
"""

LAYOUT_404 = """{{ define "main" }}
<h1>Deze pagina bestaat niet</h1>
<p>Misschien is de pagina verhuisd. Kies je gemeente of bel een van de nummers hieronder.</p>
{{ end }}
"""


def language_names(content, langs):
    out = []
    for l in langs:
        name = l
        try:
            with open(os.path.join(content, "i18n", f"{l}.yaml"), encoding="utf-8") as f:
                m = re.search(r"(?m)^language_name:\s*(.*)$", f.read())
                if m:
                    name = scalar(m.group(1))
        except OSError:
            pass
        out.append({"code": l, "name": name, "dir": "rtl" if l in RTL else "ltr"})
    return out


def site_languages(content):
    with open(os.path.join(content, "site.yaml"), encoding="utf-8") as f:
        m = re.search(r"(?m)^languages:\s*\[(.*)\]", f.read())
    return [x.strip() for x in m.group(1).split(",")] if m else ["nl"]


def site_titles(content):
    """The per-language `title:` block of site.yaml."""
    titles, inside = {}, False
    with open(os.path.join(content, "site.yaml"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("title:"):
                inside = True
            elif inside and re.match(r"^\s+[a-z]{2,3}:", line):
                k, v = line.strip().split(":", 1)
                titles[k] = scalar(v)
            elif inside and line.strip() and not line.startswith(" "):
                inside = False
    return titles


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--site", required=True, help="the generated onderdak site folder (holds content/)")
    p.add_argument("--pages", help="the onderdak build output listing the pages (default: SITE/public)")
    p.add_argument("--out", required=True, help="the Hugo site folder to write (replaced)")
    args = p.parse_args()
    site = os.path.abspath(args.site)
    content = os.path.join(site, "content")
    pages_dir = os.path.abspath(args.pages or os.path.join(site, "public"))
    out = os.path.abspath(args.out)
    if not os.path.isdir(pages_dir):
        sys.exit(f"{pages_dir} does not exist: build the onderdak site first "
                 f"(onderdak build --site {site} --out {pages_dir})")
    if os.path.exists(out):
        shutil.rmtree(out)
    hcontent = os.path.join(out, "content")
    layouts = os.path.join(out, "layouts")
    os.makedirs(hcontent)
    os.makedirs(layouts)

    langs = site_languages(content)
    titles = site_titles(content)
    languages = language_names(content, langs)
    config = [
        'baseURL = "https://onderdak.example/"',
        'locale = "nl"',
        'title = "Waar kan ik terecht?"',
        'disableKinds = ["taxonomy", "term", "section", "rss"]',
        "enableRobotsTXT = true",
        "[markup.goldmark.renderer]",
        "  unsafe = false",
        "[params]",
        "  skip = { nl = \"Naar de inhoud\", en = \"Skip to content\" }",
        "  titles = { " + ", ".join(f"{k} = {q(v)}" for k, v in titles.items()) + " }",
    ]
    for l in languages:
        config.append("[[params.languages]]")
        config.append(f"  code = {q(l['code'])}")
        config.append(f"  name = {q(l['name'])}")
        config.append(f"  dir = {q(l['dir'])}")
    for name, number, tel in [("Alarmnummer", "112", "112"), ("Veilig Thuis", "0800-2000", "08002000"),
                              ("113 Zelfmoordpreventie", "0800-0113", "08000113")]:
        config += ["[[params.emergency]]", f"  name = {q(name)}", f"  number = {q(number)}", f"  tel = {q(tel)}"]
    with open(os.path.join(out, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(config) + "\n")
    for name, text in [("baseof.html", LAYOUT_BASEOF), ("single.html", LAYOUT_SINGLE),
                       ("list.html", LAYOUT_LIST), ("404.html", LAYOUT_404)]:
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as f:
            f.write(text)
    theme_static = os.path.join(site, "themes", "default", "static")
    if os.path.isdir(theme_static):
        shutil.copytree(theme_static, os.path.join(out, "static", "static"))

    services = index_services(content)
    urls = page_urls(pages_dir)
    kinds = {"service": 0, "explainer": 0, "other": 0}
    made_dirs = set()
    for url in urls:
        if url == "/404.html":
            continue  # layouts/404.html
        segs = url.strip("/").split("/") if url != "/" else []
        lang = segs[0] if segs else "nl"
        title = read_title(pages_dir, url)
        fm = {"title": title, "lang": lang, "dir": "rtl" if lang in RTL else "ltr"}
        body = None
        if len(segs) == 3 and (segs[1], segs[2]) in services:
            folder = services[(segs[1], segs[2])]
            with open(os.path.join(folder, segs[2] + ".md"), encoding="utf-8") as f:
                nl_fm, body = split_front(f.read())
            facts = front_fields(nl_fm)
            summary = facts.get("summary")
            tr = os.path.join(folder, f"{segs[2]}.{lang}.md")
            if lang != "nl" and os.path.exists(tr):
                with open(tr, encoding="utf-8") as f:
                    t_fm, body = split_front(f.read())
                summary = front_fields(t_fm).get("summary", summary)
            fm["summary"] = summary
            addr = ", ".join(x for x in [facts.get("address.street"), facts.get("address.postcode"),
                                         facts.get("address.city")] if x)
            fm["service"] = {k: v for k, v in {
                "kind": facts.get("kind"), "provider": facts.get("provider"), "phone": facts.get("contact.phone"),
                "website": facts.get("contact.website"), "address": addr or None}.items() if v}
            kinds["service"] += 1
        elif len(segs) == 3 and segs[1] == "uitleg":
            base = os.path.join(content, "pages", segs[2])
            path = f"{base}.{lang}.md" if lang != "nl" and os.path.exists(f"{base}.{lang}.md") else f"{base}.md"
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    _, body = split_front(f.read())
                kinds["explainer"] += 1
        if body is None:
            home = f"/{lang}/"
            end = "" if title[-1:] in ".?!" else "."
            body = f"{title}{end}\n\nBegin bij [je gemeente]({home}) of [beantwoord een paar vragen]({home}waar-kan-ik-terecht/).\n"
            kinds["other"] += 1
        lines = ["---", f"title: {q(fm['title'])}"]
        if url != "/":
            lines.append(f"url: {q(url)}")
        lines += [f"lang: {q(fm['lang'])}", f"dir: {q(fm['dir'])}"]
        if fm.get("summary"):
            lines.append(f"summary: {q(fm['summary'])}")
        if fm.get("service"):
            lines.append("service:")
            lines += [f"  {k}: {q(v)}" for k, v in fm["service"].items()]
        lines.append("---")
        text = "\n".join(lines) + "\n" + body
        rel = "_index.md" if url == "/" else url.strip("/") + ".md"
        path = os.path.join(hcontent, rel)
        d = os.path.dirname(path)
        if d not in made_dirs:
            os.makedirs(d, exist_ok=True)
            made_dirs.add(d)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {out}: {len(urls)} pages ({kinds['service']} services, {kinds['explainer']} explainers, "
          f"{kinds['other']} with a short body, home and 404)")


if __name__ == "__main__":
    main()
