"The command line, run in a subprocess as a user would."
import json, subprocess, sys
from relu_re import ReLUNet


def run(*args):
    return subprocess.run([sys.executable, '-c', 'import sys; from relu_re.cli import main; sys.exit(main())', *args],
                          capture_output=True, text=True, timeout=600)


def test_extract_npz(tmp_path):
    ReLUNet.random([8, 12, 2], seed=1).save(tmp_path / 'target.npz')
    p = run('extract', str(tmp_path / 'target.npz'), '--out', str(tmp_path / 'out'))
    assert p.returncode == 0, p.stderr
    assert 'verified: 8-12-2' in p.stdout
    rep = json.loads((tmp_path / 'out' / 'report.json').read_text())
    assert rep['status'] == 'verified' and rep['sizes'] == [8, 12, 2]
    rec = ReLUNet.load(tmp_path / 'out' / 'recovered.npz')
    assert rec.sizes == [8, 12, 2]


def test_extract_bad_file(tmp_path):
    (tmp_path / 'junk.npz').write_bytes(b'not a zip file')
    p = run('extract', str(tmp_path / 'junk.npz'), '--out', str(tmp_path / 'out'))
    assert p.returncode == 2 and 'junk.npz' in p.stderr


def test_bench_quick_subset(tmp_path):
    p = run('bench', '--nets', '10-20-1', '--seeds', '0', '--json', str(tmp_path / 'b.json'))
    assert p.returncode == 0, p.stdout + p.stderr
    assert 'log2_queries' in p.stdout.splitlines()[0]
    rows = json.loads((tmp_path / 'b.json').read_text())
    assert rows[0]['status'] == 'verified' and rows[0]['log2_err'] < -30


def test_demo(tmp_path):
    p = run('demo', '--out', str(tmp_path / 'demo'), '--quiet')
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.startswith('verified: found 64-')
    rep = json.loads((tmp_path / 'demo' / 'report.json').read_text())
    assert rep['class_agreement'] == 1.0 and rep['worst_error'] < 1e-9
    assert (tmp_path / 'demo' / 'slice.png').stat().st_size > 10_000
