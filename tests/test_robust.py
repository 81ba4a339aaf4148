"Bad black boxes: each gets a clear, specific outcome (an error naming the problem, or a non-verified status)."
import sys
import numpy as np
import pytest
from relu_re import ReLUNet, Oracle, OracleError, extract

net = ReLUNet.random([6, 8, 1], seed=0)


@pytest.mark.parametrize('f,match', [
    (lambda X: np.full(len(X), np.nan), 'NaN or inf'),
    (lambda X: np.ones((len(X), 2, 2)), 'shape'),
    (lambda X: np.ones(len(X) + 1), 'shape'),
    (lambda X: ['a'] * len(X), 'non-numeric'),
    (lambda X: 1 / 0, 'ZeroDivisionError'),
])
def test_bad_answers_raise_oracle_error(f, match):
    with pytest.raises(OracleError, match=match): extract(f, 6)


def test_wrong_input_dim():
    with pytest.raises(OracleError, match=r'\(N, 6\)'): extract(net, 4)
    with pytest.raises(ValueError, match='input_dim'): extract(net, 0)


def test_unknown_options_are_named():
    "Options passed on to a stage of the extraction are checked before any query."
    with pytest.raises(ValueError, match='first_layer has no option skech'): extract(net, 6, first_kw=dict(skech=8))
    with pytest.raises(ValueError, match='extract itself sets'): extract(net, 6, first_kw=dict(lines_per_round=3))
    with pytest.raises(ValueError, match='next_layer has no option'): extract(net, 6, layer_kw=dict(jmp=True))


def test_affine_black_box_is_a_network_without_hidden_layers():
    A, c = np.random.default_rng(0).normal(size=(2, 5)), np.array([1., -2.])
    res = extract(lambda X: X @ A.T + c, 5)
    assert res.verified and res.net.sizes == [5, 2]
    np.testing.assert_allclose(res.net.weights[0], A, atol=1e-12)


def test_smooth_black_box_is_refused():
    res = extract(lambda X: np.tanh(X).sum(1), 4)
    assert res.report['status'] == 'failed' and res.net is None
    assert 'not exactly piecewise linear' in res.report['messages'][-1]


@pytest.mark.parametrize('kind', ['leaky', 'skip'])
def test_leaky_relu_or_skip_connection_is_named(kind):
    "Not a plain ReLU network: never verified, and the report says the outputs are inconsistent with one."
    W1, b1 = net.weights[0], net.biases[0]
    f = ((lambda X: (np.where(X @ W1.T + b1 > 0, 1, 0.1) * (X @ W1.T + b1)) @ net.weights[1].T + net.biases[1])
         if kind == 'leaky' else (lambda X: net(X) + 0.5 * X[:, :1]))
    res = extract(f, 6)
    assert res.report['status'] != 'verified'
    assert any('leaky ReLU or a skip connection' in m for m in res.report['messages'])


def test_float32_outputs_degrade_gracefully():
    "Answers rounded to float32: extracted with tolerances widened to their precision; the precision and the fidelity reached are stated."
    t = ReLUNet.random([10, 20, 1], seed=3)
    res = extract(lambda X: t(X).astype(np.float32), 10)
    assert res.net is not None and res.report['status'] == 'unverified'     # fidelity ~5e-6, above verify_tol=1e-6
    assert res.report['precision'] == pytest.approx(2.0 ** -24, rel=0.5)
    assert 'relative precision of about 6e-08' in res.report['messages'][0]
    assert res.report['verification']['fidelity'] < 1e-4 and 'answers rounded to 6e-08' in res.report['messages'][-1]
    X = np.random.default_rng(0).normal(size=(200, 10))
    assert np.abs(res.net(X) - t(X)).max() < 1e-4 * np.abs(t(X)).max()
    assert extract(lambda X: t(X).astype(np.float32), 10, verify_tol=1e-4).verified   # a looser tolerance accepts it


def test_float32_deep_network_stops_at_the_first_layer_and_says_so():
    t = ReLUNet.random([10, 10, 10, 1], seed=0)
    res = extract(lambda X: t(X).astype(np.float32), 10)
    assert res.report['status'] == 'unverified' and res.net.sizes[:2] == [10, 10] and len(res.net.sizes) == 3
    assert any('deeper layers are not attempted with answers this coarse' in m for m in res.report['messages'])


def test_smooth_black_box_is_refused_even_in_float32():
    res = extract(lambda X: np.tanh(X @ net.weights[0].T).astype(np.float32) @ net.weights[1].T, 6)
    assert res.report['status'] == 'failed' and 'smooth activation' in res.report['messages'][0]


def test_answers_that_change_are_refused():
    rng = np.random.default_rng(0)
    res = extract(lambda X: net(X) + 1e-12 * rng.normal(size=(len(X), 1)), 6)
    assert res.report['status'] == 'failed'
    assert 'differently when asked the same point again' in res.report['messages'][0]


def test_interrupt_then_resume_from_checkpoint(tmp_path):
    "Ctrl-C mid-run leaves a checkpoint; resuming asks nothing twice and ends with the uninterrupted run's network."
    deep = ReLUNet.random([10, 10, 10, 1], seed=2)
    calls = []
    def flaky(X):
        if sum(calls) + len(X) > 6000: raise KeyboardInterrupt
        calls.append(len(X)); return deep(X)
    ck = tmp_path / 'ck.npz'
    first = extract(flaky, 10, seed=2, checkpoint=ck)
    assert first.report['status'] == 'partial' and ck.exists()
    asked_first, calls[:] = sum(calls), []
    resumed = extract(lambda X: calls.append(len(X)) or deep(X), 10, seed=2, checkpoint=ck)
    whole = extract(deep, 10, seed=2)
    assert resumed.report['replayed'] == asked_first and asked_first + sum(calls) == whole.queries
    for a, b in zip(resumed.net.weights, whole.net.weights): np.testing.assert_array_equal(a, b)


def test_checkpoint_of_another_run_is_refused(tmp_path):
    ck = tmp_path / 'ck.npz'
    extract(Oracle(net, 6, budget=500), 6, seed=0, checkpoint=ck)
    with pytest.raises(OracleError, match='does not match'): extract(net, 6, seed=1, checkpoint=ck)


def test_neurons_with_far_boundaries_are_found():
    "One hidden layer: a neuron inactive and one active on every line drawn (bias -1e3 and +1e3) are found along the outputs' remainder."
    t = ReLUNet.random([10, 20, 1], seed=0)
    t.biases[0][:2] = -1e3, 1e3
    res = extract(t, 10)
    assert res.verified and res.net.sizes == [10, 20, 1], res.report['messages']
    assert any('no random line crossed' in m and '948' in m and '722' in m for m in res.report['messages']), res.report['messages']
    X = np.random.default_rng(1).normal(size=(300, 10)) * 1e3   # beyond both far boundaries
    assert np.abs(res.net(X) - t(X)).max() <= 1e-9 * np.abs(t(X)).max()


def test_dead_neurons_leave_no_trace_and_the_function_is_reproduced():
    "A first-layer neuron with zero weights (dead, or constant if its bias is positive) cannot be seen: it is absent, and the rest verifies."
    t = ReLUNet.random([10, 20, 1], seed=0)
    t.weights[0][:2], t.biases[0][:2] = 0, (-1, 2)
    res = extract(t, 10)
    assert res.verified and res.net.sizes == [10, 18, 1]


def test_always_active_neuron_is_added_and_named():
    "Second layer: a neuron with weights >= 0 and bias > 0 is active on every input; a dead one (weights <= 0, bias < 0) is absent."
    t = ReLUNet.random([10, 10, 10, 1], seed=0)
    t.weights[1][0], t.biases[1][0] = -np.abs(t.weights[1][0]), -0.5
    t.weights[1][1], t.biases[1][1] = np.abs(t.weights[1][1]), 0.5
    res = extract(t, 10)
    assert res.verified and res.net.sizes == [10, 10, 9, 1], res.report['messages']
    assert res.report['unidentifiable'] == [dict(layer=2, neurons=1, kind='always active', identified='weights times output weights; bias not')]
    X = np.random.default_rng(1).normal(size=(300, 10)) * 1e3
    assert np.abs(res.net(X) - t(X)).max() <= 1e-8 * np.abs(t(X)).max()

def test_first_layer_rows_left_unrefitted_are_named(monkeypatch):
    "A first-layer row whose refit got fewer kinks than unknowns is kept as the search found it, and the report says how many."
    X = sys.modules['relu_re.extract']; refit = X.refine_first_layer
    monkeypatch.setattr(X, 'refine_first_layer', lambda *a, **kw: refit(*a, max_batches=1, **kw))   # one batch of 8 lines: at most 8 kinks a row
    res = extract(ReLUNet.random([10, 10, 10, 1], seed=0), 10, seed=0, max_hidden=1)
    assert any(m.startswith("layer 1: 10 row(s) got fewer kinks") for m in res.report['messages']), res.report['messages']
