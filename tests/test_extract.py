"End-to-end extractions: the extraction only calls the black box; the comparison reads both networks afterwards."
import numpy as np
import pytest
from relu_re import ReLUNet, Oracle, compare, extract


@pytest.mark.parametrize('sizes,seed', [([10, 20, 1], 0), ([12, 8, 3], 1), ([30, 10, 1], 2)])
def test_one_hidden_layer(sizes, seed):
    net = ReLUNet.random(sizes, seed=seed)
    calls = []
    def black_box(X):
        calls.append(len(X))
        return net(X)
    res = extract(black_box, sizes[0], seed=seed)
    assert res.verified, res.report['messages']
    assert res.queries == sum(calls)
    c = compare(net, res.net)
    assert c.same_architecture and c.worst_error < 1e-9 and c.fidelity < 1e-9


def test_same_seed_same_result():
    net = ReLUNet.random([8, 10, 2], seed=3)
    a, b = extract(net, 8, seed=5), extract(net, 8, seed=5)
    assert a.queries == b.queries
    for Wa, Wb in zip(a.net.weights, b.net.weights): np.testing.assert_array_equal(Wa, Wb)


def test_budget_stops_with_a_partial_result():
    net = ReLUNet.random([10, 20, 1], seed=0)
    o = Oracle(net, 10, budget=300)
    res = extract(o, 10)
    assert o.queries <= 300
    assert res.report['status'] == 'partial' and res.net is None
    assert 'budget' in res.report['messages'][-1]


def test_interrupt_stops_with_a_partial_result():
    "Ctrl-C during the deeper layers: the first layer is returned in `.partial`."
    net = ReLUNet.random([10, 10, 10, 1], seed=2)
    calls = []
    def black_box(X):
        calls.append(len(X))
        if sum(calls) > 6000: raise KeyboardInterrupt
        return net(X)
    res = extract(black_box, 10, seed=2)
    assert res.report['status'] == 'partial' and 'interrupted' in res.report['messages'][-1]
    assert res.partial is not None and res.partial.widths[0] == 10
