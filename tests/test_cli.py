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


def test_bench_sets_and_names_joined(tmp_path):
    "`--nets` takes sets and names joined by commas; a name that is neither is refused, naming it, before any run."
    p = run('bench', '--nets', '10-20-1,ladders', '--seeds', '0')
    assert p.returncode == 2 and "'ladders'" in p.stderr and not p.stdout
    from relu_re.bench import network_names, SETS
    assert network_names('8-6-1,quick') == ['8-6-1'] + SETS['quick']


def test_demo(tmp_path):
    p = run('demo', '--out', str(tmp_path / 'demo'), '--quiet')
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.startswith('verified: found 64-')
    rep = json.loads((tmp_path / 'demo' / 'report.json').read_text())
    assert rep['class_agreement'] == 1.0 and rep['worst_error'] < 1e-9
    assert (tmp_path / 'demo' / 'slice.png').stat().st_size > 10_000


def test_extract_each_kind_of_target(tmp_path):
    "npz, a PyTorch state_dict, ONNX and an HTTP endpoint: each extracts a small network end to end."
    import torch
    from relu_re.targets import serve, to_onnx
    net = ReLUNet.random([7, 9, 2], seed=4)
    net.save(tmp_path / 't.npz'); torch.save(net.to_torch().state_dict(), tmp_path / 't.pt'); to_onnx(net, tmp_path / 't.onnx')
    srv = serve(net)
    try:
        for target, extra in [(tmp_path / 't.npz', []), (tmp_path / 't.pt', []), (tmp_path / 't.onnx', ['--formats', 'npz,onnx,pt']),
                              (srv.url, ['--input-dim', '7'])]:
            out = tmp_path / f'out_{len(extra)}_{str(target)[-3:]}'
            p = run('extract', str(target), '--out', str(out), *extra)
            assert p.returncode == 0, (target, p.stdout, p.stderr)
            assert json.loads((out / 'report.json').read_text())['sizes'] == [7, 9, 2]
        assert (tmp_path / 'out_2_nnx' / 'recovered.onnx').exists() and (tmp_path / 'out_2_nnx' / 'recovered.pt').exists()
    finally: srv.shutdown()


def test_url_needs_input_dim(tmp_path):
    p = run('extract', 'http://127.0.0.1:9/predict', '--out', str(tmp_path))
    assert p.returncode == 2 and '--input-dim' in p.stderr


def test_softmax_probabilities(tmp_path):
    "A classifier answering probabilities: recovered up to the softmax's own symmetry (centred logits)."
    import numpy as np
    from relu_re import extract, ProbabilityOracle
    net = ReLUNet.random([6, 8, 3], seed=2)
    def proba(X):
        E = np.exp(net(X) - net(X).max(1, keepdims=True)); return E / E.sum(1, keepdims=True)
    res = extract(ProbabilityOracle(proba, 6), 6, scale=0.3)      # far out, probabilities saturate to 0 and 1
    assert res.verified and res.net.sizes == [6, 8, 3]
    X = np.random.default_rng(0).normal(size=(100, 6))
    centred = net(X) - net(X).mean(1, keepdims=True)
    np.testing.assert_allclose(res.net(X), centred, atol=1e-9 * np.abs(centred).max())


def test_bench_with_walks_alone(tmp_path):
    "`--walks` turns the pool's normals (the default) off for the bench's runs, and the rows say so."
    p = run('bench', '--nets', '10-10-10-1', '--seeds', '0', '--walks', '--json', str(tmp_path / 'b.json'))
    assert p.returncode == 0, p.stdout + p.stderr
    rows = json.loads((tmp_path / 'b.json').read_text())
    assert rows[0]['layer_kw'] == {'normals': False} and rows[0]['status'] == 'verified' and rows[0]['found'] == '10-10-10-1'


def test_extract_with_the_first_layers_screen(tmp_path):
    "`--sketch K` turns on the first layer's screen for wide inputs (`first_kw=dict(sketch=K)`): its deeper kinks' normals are a stage of their own."
    ReLUNet.random([64, 16, 16, 1], seed=0).save(tmp_path / 'target.npz')
    p = run('extract', str(tmp_path / 'target.npz'), '--out', str(tmp_path / 'out'), '--sketch', '8')
    assert p.returncode == 0, p.stdout + p.stderr
    rep = json.loads((tmp_path / 'out' / 'report.json').read_text())
    assert rep['sizes'] == [64, 16, 16, 1] and 'deeper normals' in [s['stage'] for s in rep['stages']]
    p = run('bench', '--nets', '64-16-16-1', '--seeds', '0', '--sketch', '8', '--json', str(tmp_path / 'b.json'))
    assert p.returncode == 0, p.stdout + p.stderr
    assert json.loads((tmp_path / 'b.json').read_text())[0]['first_kw'] == {'sketch': 8}
