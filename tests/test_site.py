"Build the documentation site from the real notebooks (and from small synthetic ones) and check what it contains."
import base64, html, json, os, posixpath, re, struct, zlib
from pathlib import Path

import nbformat, pytest
from nbdev.doclinks import _nbpath2html

from relu_re.site import build_site

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/'nbs'
pytestmark = pytest.mark.xdist_group('site')   # one worker builds the real site once for all its tests (`pytest -n auto --dist loadgroup`)


def _real_nbs():
    "Notebooks nbdev documents, found independently of `relu_re.site`: relative paths, skipping `_`/`.` names."
    rels = [p.relative_to(NBS) for p in NBS.rglob('*.ipynb')]
    return [r for r in rels if not any(s.startswith(('_', '.')) for s in r.parts)]


def _page(rel): return _nbpath2html(Path(rel)).as_posix()


def posixpath_norm(page, href):
    "Site path of `href` as linked from `page`."
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    "The site of the real notebooks, built into a temporary folder (run from the project so nbdev finds settings.ini)."
    out, old = tmp_path_factory.mktemp('site')/'docs', os.getcwd()
    os.chdir(ROOT)
    try: pages = build_site(NBS, out, None, n_workers=2)
    finally: os.chdir(old)
    return out, pages


def _html_pages(out): return sorted(p.relative_to(out).as_posix() for p in out.rglob('*.html'))


def _sidebar(h):
    m = re.search(r'<nav class="sidebar">(.*?)</nav>', h, re.S)
    assert m, 'page has no sidebar'
    return m[1]


def test_one_page_per_notebook(site):
    out, pages = site
    expected = sorted(_page(r) for r in _real_nbs())
    assert expected and _html_pages(out) == expected
    assert sorted(pages) == expected
    assert (out/'.nojekyll').exists() and (out/'style.css').exists()


def test_sidebar_lists_every_page_in_order(site):
    out, pages = site
    order = sorted(_real_nbs(), key=lambda r: (r.parent.as_posix(), r.stem != 'index', r.name))
    for page in pages:
        sb = _sidebar((out/page).read_text())
        page_links = [posixpath_norm(page, h) for h in re.findall(r'<li[^>]*><a href="([^"#]+)"', sb)]
        assert page_links == [_page(r) for r in order], page
        active = re.findall(r'<li class="active"><a href="([^"]+)" aria-current="page">', sb)
        assert [posixpath_norm(page, a) for a in active] == [page]


def test_internal_links_resolve(site):
    "Every relative link (sidebar, `add_links` API links, links to notebooks) reaches a page and an existing anchor."
    out, pages = site
    ids = {p: set(re.findall(r'\bid="([^"]+)"', (out/p).read_text())) for p in pages}
    n = 0
    for page in pages:
        for href in re.findall(r'<a\s[^>]*?href="([^"]+)"', (out/page).read_text()):
            href = html.unescape(href)
            if re.match(r'^[a-zA-Z][\w+.-]*:', href): continue
            path, _, frag = href.partition('#')
            target = posixpath_norm(page, path) if path else page
            assert (out/target).exists(), f'{page}: broken link {href}'
            if frag and target.endswith('.html'): assert frag in ids[target], f'{page}: no anchor for {href}'
            n += 1
    assert n > len(pages)


def test_math_is_mathml(site):
    out, _ = site
    re_math = re.compile(r'(?<![\\`$])\$(?:\$[^$]+\$|[^\s$`][^$`\n]*?(?<![\s\\]))\$(?!\d)')
    with_math = [r for r in _real_nbs()
                 if any(c['cell_type'] == 'markdown' and re_math.search(re.sub(r'`[^`\n]*`', '', ''.join(c['source'])))
                        for c in json.loads((NBS/r).read_text())['cells'])]
    if not with_math: pytest.skip('no notebook has math')
    for r in with_math:
        h = (out/_page(r)).read_text()
        assert '<math' in h, r
    # LaTeX must not reach the page as text: no `\mathrm`, `\cdots`, ... outside <math>/<code>/<pre>
    for r in with_math:
        text = re.sub(r'<(math|code|pre)\b.*?</\1>', '', (out/_page(r)).read_text(), flags=re.S)
        assert not re.search(r'\\(mathrm|mathcal|cdots|dots|qquad|sum|frac)\b', text), r


def test_api_docs_of_nets(site):
    from relu_re.nets import ReLUNet
    out, _ = site
    h = (out/'nets.html').read_text()
    m = re.search(r'<h3 id="relunet.random">ReLUNet.random</h3>(.*?)(<hr|</main>)', h, re.S)
    assert m, 'no show_doc heading for ReLUNet.random'
    doc = m[1]
    assert html.escape(ReLUNet.random.__doc__, quote=False) in doc
    assert 'seed' in doc and 'highlight' in doc  # the signature, as a highlighted code block
    # hidden and exported cells are not shown as code; show_doc cells show no source
    assert 'from nbdev.showdoc import show_doc' not in h and 'def _as_layers' not in h
    assert 'show_doc(ReLUNet' not in h


def _png_outputs(rel):
    nb = json.loads((NBS/rel).read_text())
    return [o['data']['image/png'] for c in nb['cells'] if c['cell_type'] == 'code'
            for o in c.get('outputs', []) if 'image/png' in o.get('data', {})]


def _imgs(out, page):
    h = (out/page).read_text()
    return [(out/posixpath_norm(page, s)) for s in re.findall(r'<img src="([^"]+)"', h)]


def test_figures_of_real_notebooks(site):
    out, _ = site
    with_figs = [r for r in _real_nbs() if _png_outputs(r)]
    if not with_figs: pytest.skip('no notebook output has image/png')
    for r in with_figs:
        imgs = _imgs(out, _page(r))
        assert imgs, r
        saved = {base64.b64decode(''.join(d) if isinstance(d, list) else d) for d in _png_outputs(r)}
        files = {p.read_bytes() for p in imgs if p.suffix == '.png'}
        assert files and files <= saved and all(f.startswith(b'\x89PNG\r\n\x1a\n') for f in files)


def test_no_external_resources(site):
    out, pages = site
    for p in pages:
        h = (out/p).read_text()
        assert not re.search(r'<(link|script|img)[^>]+(href|src)="(https?:)?//', h), p
    assert 'http' not in (out/'style.css').read_text() and '@import' not in (out/'style.css').read_text()


# --- a small synthetic project: figure, math, links, hidden cells, README, determinism ---

def _png(w=2, h=2):
    "A real PNG image (grey pixels)."
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
    raw = b''.join(b'\x00' + b'\x80' * w for _ in range(h))
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')


def _write_nb(path, cells):
    nb = nbformat.v4.new_notebook(cells=cells, metadata={'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}})
    nbformat.write(nb, path)


@pytest.fixture
def small_project(tmp_path):
    nbs = tmp_path/'nbs'; nbs.mkdir()
    png = _png()
    fig = nbformat.v4.new_code_cell('plot()', outputs=[nbformat.v4.new_output(
        'display_data', {'image/png': base64.b64encode(png).decode(), 'text/plain': '<Figure>'})])
    _write_nb(nbs/'index.ipynb', [
        nbformat.v4.new_markdown_cell('# Small\n\n> A synthetic project.'),
        nbformat.v4.new_markdown_cell(r'See [the maths](01_maths.ipynb#part-two) and $\mathcal N(0, \sigma_k^2)$.'),
        nbformat.v4.new_code_cell('#| hide\nhidden_thing = 1'),
        nbformat.v4.new_code_cell('1 + 1', outputs=[nbformat.v4.new_output('execute_result', {'text/plain': '2'}, execution_count=1)]),
        fig])
    _write_nb(nbs/'01_maths.ipynb', [
        nbformat.v4.new_markdown_cell('# Maths\n\n> Formulas.'),
        nbformat.v4.new_markdown_cell('## Part two\n\n$$W_{k} * x_{i} + b_k$$ and $a_1 * b_1$ and `$not_math$`.')])
    return tmp_path, png


def _build(root, name):
    old = os.getcwd(); os.chdir(ROOT)
    try: return build_site(root/'nbs', root/name, root/f'{name}.md', n_workers=0)
    finally: os.chdir(old)


def test_small_project(small_project):
    root, png = small_project
    assert _build(root, 'docs') == ['index.html', 'maths.html']
    idx, maths = (root/'docs/index.html').read_text(), (root/'docs/maths.html').read_text()
    assert 'href="maths.html#part-two"' in idx and 'id="part-two"' in maths
    assert [p.read_bytes() for p in _imgs(root/'docs', 'index.html')] == [png]
    assert 'hidden_thing' not in idx and '<math' in idx
    assert maths.count('<math') == 2 and 'display="block"' in maths and '<code>$not_math$</code>' in maths
    assert '<msub><mi>W</mi><mrow><mi>k</mi></mrow></msub>' in maths or '<msub><mi>W</mi><mi>k</mi></msub>' in maths
    readme = (root/'docs.md').read_text()
    assert readme.startswith('# Small\n\n> A synthetic project.\n')
    assert r'$\mathcal N(0, \sigma_k^2)$' in readme and 'hidden_thing' not in readme
    assert '``` python\n1 + 1\n```\n\n```\n2\n```' in readme
    img = re.search(r'!\[\]\(([^)]+)\)', readme)[1]
    assert (root/img).read_bytes() == png


def test_deterministic_and_replaces(small_project):
    root, _ = small_project
    (root/'b').mkdir(); (root/'b/stale.html').write_text('old')
    _build(root, 'a'); _build(root, 'b')
    files = lambda d: {p.relative_to(d).as_posix(): p.read_bytes() for p in d.rglob('*') if p.is_file()}
    assert files(root/'a') == files(root/'b') and 'stale.html' not in files(root/'b')
    assert (root/'a.md').read_text().replace('](a/', '](b/') == (root/'b.md').read_text()


def _chromium():
    import shutil
    return next((b for b in ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable') if shutil.which(b)), None)


@pytest.mark.skipif(_chromium() is None, reason='headless Chromium (Debian package `chromium`) is not installed')
def test_pages_render_in_headless_chromium(site, tmp_path):
    "The built index page and one API page, as a browser renders them: the DOM after scripts, and a screenshot."
    import subprocess
    out, _ = site
    def render(page, *extra):
        args = [_chromium(), '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                f'--user-data-dir={tmp_path/"profile"}', *extra, (out/page).as_uri()]
        return subprocess.run(args, capture_output=True, text=True, timeout=120)
    dom = render('index.html', '--dump-dom').stdout
    assert 'relu_re' in dom and 'extract.html' in dom and 'deep.html' in dom     # title, sidebar links
    api = render('extract.html', '--dump-dom').stdout
    assert 'input_dim' in api and "Recover a ReLU network" in api                  # show_doc's signature and docstring
    assert '<p class="description"><code>extract</code>:' in api                   # inline code in the page's description
    shot = tmp_path/'index.png'
    render('index.html', f'--screenshot={shot}', '--window-size=1200,900')
    assert shot.exists() and shot.stat().st_size > 10_000
