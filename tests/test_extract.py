"End-to-end extractions: the extraction only calls the black box; the comparison reads both networks afterwards."
import sys
from pathlib import Path
import numpy as np
import pytest
from relu_re import ReLUNet, Oracle, compare, disagreement_share, extract


def _avx2_path() -> bool:
    "Whether numpy and OpenBLAS run their AVX2 kernels, not AVX-512 ones: the floating-point path `.ci/run` pins on x86-64."
    from numpy._core._multiarray_umath import __cpu_features__ as features
    from threadpoolctl import threadpool_info
    blas = [i.get('architecture') for i in threadpool_info() if i.get('internal_api') == 'openblas']
    return bool(features.get('AVX2')) and not features.get('X86_V4') and all(a == 'Haswell' for a in blas)


_AVX2_PATH = _avx2_path()
_WALKS = dict(normals=False)   # walks alone, the default until 2026-12-04: the paths the tests that pass it were written for


def _fails_on_avx2_path(why):
    """A seed that ends on the AVX2 kernels CI pins otherwise than its test was written for, as `why` says: written for
    the AVX-512 path (numpy 2.4.6 on an AMD EPYC and an Intel Xeon; measured 2026-12-03 on an AMD EPYC without
    AVX-512), or for an earlier path of the code. An expected failure there, strict, so that the day it passes this
    mark goes."""
    return pytest.mark.xfail(_AVX2_PATH, reason=f"on the AVX2 path: {why}", strict=True)


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


@pytest.mark.parametrize('seed', [0, 1, 2])
def test_faint_neuron_to_float64_precision(seed):
    "A neuron whose output weight is 1/1000 of its layer's has the least precise kinks: its row gets more of them."
    net = ReLUNet.random([100, 40, 1], seed=seed); net.weights[1][0, 0] *= 1e-3
    res = extract(lambda X: net(X), 100, seed=seed)
    assert res.verified, res.report['messages']
    c = compare(net, res.net)
    assert c.same_architecture and c.worst_error < 2**-40, c


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


@pytest.mark.parametrize('sizes,seed', [([10, 10, 10, 1], 0), ([10, 20, 20, 1], 0)])
def test_two_hidden_layers(sizes, seed):
    "Two hidden layers, depth and widths unknown: the exact architecture, every parameter to 2^-40 (the joint refit at the end)."
    net = ReLUNet.random(sizes, seed=seed)
    res = extract(lambda X: net(X), sizes[0], seed=seed)
    assert res.verified, res.report['messages']
    c = compare(net, res.net)
    assert c.same_architecture and c.worst_error < 2**-40 and c.fidelity < 1e-10, c


def _exactly(sizes, net_seed, worst=2**-40, **kw):
    "Extract `ReLUNet.random(sizes, net_seed)` (with `extract`'s `kw`: seed 0 unless they say): verified with its architecture, every parameter within `worst`, fidelity 1e-10 near and far; the result."
    net = ReLUNet.random(sizes, seed=net_seed)
    res = extract(lambda X: net(X), sizes[0], **kw)
    assert res.verified and res.report['sizes'] == sizes, res.report['messages']
    c = compare(net, res.net)
    assert c.same_architecture and c.worst_error < worst and c.fidelity < 1e-10 and c.fidelity_far < 1e-10, c
    return res


@pytest.mark.parametrize('sizes,seed', [([10, 10, 8, 4, 1], 2), ([8, 8, 6, 4, 1], 1)])
def test_three_hidden_layers(sizes, seed):
    "Three hidden layers, depth and widths unknown: the exact architecture, every parameter to 2^-40 (a few seconds each)."
    _exactly(sizes, seed, seed=seed)


def test_three_hidden_layers_of_forty_with_fewer_rewalks():
    "20-40-40-40-5 seed 1 (extract seed 1) with `rewalks=2`: seeds on a neuron with weights no walk determined count as its after two walks of it, not four; exact in 799503 queries, 110 s (by default exact too since the final refit takes more Gauss-Newton steps, 2026-12-05: 858238 queries; `unverified` before, three third-layer weights unseen)."
    res = _exactly([20, 40, 40, 40, 5], 1, seed=1, layer_kw=dict(rewalks=2))
    assert res.queries < 2**20, res.queries


def test_layer_search_goes_on_with_its_neurons_after_a_missed_one():
    "40-20-10-10-1 seed 74 (extract seed 74): layer 3's search finds a second-layer neuron that layer 2's missed (`MissedNeuron`); it is added, the eight third-layer neurons found so far are carried over (`resumed`) and the search goes on. Exact in 87974 queries, 23 s on the AVX2 path. (Seed 46 was this case until `fit_points`'s rescue, 2026-12-05: its second-layer row that came out imprecise is now exact.)"
    res = _exactly([40, 20, 10, 10, 1], 74, seed=74)
    assert any('found so far were kept' in m for m in res.report['messages']), res.report['messages']
    assert sum(L['carried'] for L in res.report['layers']) > 0, res.report['layers']


def test_sign_equations_skip_neurons_the_fit_never_saw_active():
    "10-10-8-4-1 seed 3 (extract seed 0): a second-layer neuron inactive at every point of the output fit leaves its coefficient undetermined; its rows of the sign equations are left out (they had left a residual of 0.23, and the run was unverified). Exact with numpy 2.4.6 on an AMD EPYC in 76063 queries, about 40 s."
    _exactly([10, 10, 8, 4, 1], 3)


def test_last_layer_column_of_a_rarely_active_neuron():
    "10-10-8-4-1 seed 1 (extract seed 0): second-layer neuron 7 is active on 0.01% of inputs; a third-layer weight on it is unseen and another is off, so the whole column is fitted to the outputs (`column_from_outputs`). Exact with numpy 2.4.6 on an AMD EPYC in 144591 queries, about 40 s (it was unverified); on the AVX2 path CI pins it was skipped (2026-12-04: exact only after two searches started again from a missed second-layer neuron, 819634 queries in 391 s); measured again on 2026-12-05 it is exact there in 127276 queries, 35 s (a second-layer neuron active only far out added by the repair; the same before and after that day's changes to `extract` and `complete_weight`), so it runs. The round lines' kinks are sought from `find_kinks`'s hinted start here (`pinned=False`), the path that reaches that column: with the pieces pinned (the default) the same seed ends unverified as 10-10-7-4-1 on the AVX2 path (the rare neuron is walked from where the network disagrees far out, and removed again as unused by the third layer's search after it)."
    _exactly([10, 10, 8, 4, 1], 1, layer_kw=dict(pinned=False))


def test_last_layer_fitted_whole_where_a_weight_is_unseen_and_another_off():
    "8-8-6-4-1 seed 2 (extract seed 0): a third-layer weight no walk saw, and another third-layer neuron's weight on another column off (-0.092 for -0.254), so neither the row nor the column fits the outputs; the whole layer is (`layer_from_outputs`). Exact with numpy 2.4.6 on an AMD EPYC in 82746 queries, about 12 s (it was unverified)."
    _exactly([8, 8, 6, 4, 1], 2, layer_kw=_WALKS)


def test_last_layer_weights_no_walk_saw():
    "40-20-10-10-1 seed 2 (extract seed 0): a third-layer neuron whose walks never saw four second-layer neurons active; with numpy 2.4.6 on an AMD EPYC its weights on them are read from the outputs (the run was unverified without that); elsewhere the path may differ, the result must not."
    res = _exactly([40, 20, 10, 10, 1], 2)
    assert not [u for u in res.report['unidentifiable'] if 'walk' in u['kind']], res.report['unidentifiable']


@pytest.mark.parametrize('seed,fitted', [pytest.param(2, 5, marks=_fails_on_avx2_path("exact (2^-47.0, measured 2026-12-04) by another path: its rare third-layer neuron is added by the repair and no weight is fitted to the outputs, so the message differs")),
                                         pytest.param(31, 3, marks=_fails_on_avx2_path("exact (2^-44.5, measured 2026-12-04) by another path, where no weight is left unseen, so the message differs"))])
def test_unseen_weights_from_outputs_with_pool_normals(seed, fitted):
    "40-20-10-10-1 with `normals=True` (extract seed 0): seed 2's rare third-layer neuron keeps 5 weights no walk saw while another neuron's weight on one of those columns is off by 1.6e-6 (`row_from_outputs`); seed 31's two third-layer neurons share an unseen column (`column_from_outputs` on points where it alone is unseen). Both ended unverified before; with numpy 2.4.6 on an AMD EPYC."
    res = _exactly([40, 20, 10, 10, 1], seed, layer_kw=dict(normals=True))
    assert any(f'of those, {fitted} were then fitted to the outputs' in m for m in res.report['messages']), res.report['messages']


def test_refit_that_fits_a_plane_of_neurons_is_kept_as_it_was():
    "40-20-10-10-1 seed 14 with `normals=True` (extract seed 14, as the bench): a third-layer neuron right to 1e-16, two of its weights completed past edges, was refitted (`refine_neuron`) on its walk points and 11 line points, only one of which had those two second-layer neurons active; the refit was a combination of those two alone (the points fit a plane of neurons), the true neuron was lost and the run ended unverified (fidelity 0.4). Kept as it was, the run is exact (2^-43.2). On the AVX2 path, 2026-12-04; elsewhere the path may differ, the result must not."
    _exactly([40, 20, 10, 10, 1], 14, seed=14, layer_kw=dict(normals=True))


def test_repair_replaces_a_neuron_walked_where_its_unseen_weights_act():
    "40-20-10-10-1 seed 29 (extract seed 29): the repair walks a third-layer neuron with three weights no walk had seen where they act, off its old row's boundary as the model has it; matched on the weights both saw (`completed_row`), it replaces that row, and the repair then finds the neuron the layer search missed. Exact in 92133 queries (2^-46.2); added beside the old row instead, the run ended unverified (2026-12-05, AVX2 path)."
    res = _exactly([40, 20, 10, 10, 1], 29, seed=29)
    assert any('1 replaced neurons it had found' in m for m in res.report['messages']), res.report['messages']


def test_trained_digits_classifier_with_three_hidden_layers():
    "A 64-32-32-16-10 classifier trained by scikit-learn on the digits (`MLPClassifier((32, 32, 16), max_iter=600, random_state=1)`, the demo's split; saved in tests/data, as the demo notebook's *Three hidden layers* trains it): exact, its widths short of the true ones only by neurons active on none of 60000 Gaussian inputs at scales 1-100 (dead: they change no output; 1, 2 and 4 of them). About 20 s."
    net = ReLUNet.load(Path(__file__).parent / 'data' / 'digits_64-32-32-16-10.npz')
    res = extract(lambda X: net(X), 64, seed=0)
    X = np.vstack([np.random.default_rng(0).normal(size=(20000, 64)) * s for s in (1, 10, 100)])
    dead = [int(((z > 0).sum(0) == 0).sum()) for z in net.preacts(X)[:-1]]
    assert res.verified and res.report['sizes'] == [64] + [w - d for w, d in zip(net.sizes[1:-1], dead)] + [10], (res.report['sizes'], dead)
    c = compare(net, res.net)
    assert c.worst_error < 2**-40 and c.fidelity < 1e-10 and c.fidelity_far < 1e-10, c


def test_repair_on_the_layers_before_the_final_refit():
    "10-20-20-1 seed 7 (extract seed 7): two second-layer neurons active on 1.7% and 0.08% of inputs are missed, and inactive at every point of the output fit, whose sign equations then hold without them. The final refit moves the first layer by 1e-4 to make up for them, and the repair's walks on it fail; walked on the first layer as the search left it, both are found: exact. It ended `unverified` as 10-20-18-1 before (2026-12-07). On the AVX2 path; elsewhere the path may differ, the result must not."
    res = _exactly([10, 20, 20, 1], 7, seed=7)
    assert any('the second repair walked' in m for m in res.report['messages']) or not _AVX2_PATH, res.report['messages']


@pytest.mark.parametrize('sizes,seed', [([10, 10, 10, 1], 4), ([40, 20, 10, 10, 1], 18), ([40, 20, 10, 10, 1], 65)])
def test_always_active_neuron_with_a_boundary_walked_by_the_repair(sizes, seed):
    "A neuron active on every sampled input is added as always active; the repair walks it at its boundary, and the output fit with it in the top layer needs none (extract seed = net seed). 10-10-10-1 seed 4 ended `unverified` as 10-10-9-1 before (2026-12-07). 40-20-10-10-1 seed 18: third-layer neuron 3 is active on every sampled input, neuron 1 on 99.8% with four weights no walk saw, on second-layer neurons active with it only where it is active at the output fit's points. The output fit reads those four as sums with neuron 3's and adds neuron 3 as always active; the repair walks neuron 1 where the sums are wrong, then neuron 3 at its boundary, and with neuron 3 in the top layer the output fit reads neuron 1's weights exactly: exact. It ended `unverified` as 40-20-10-9-1 before (2026-12-07). 40-20-10-10-1 seed 65 had verified as 40-20-10-11-1, the always-active neuron beside the one the repair walked. On the AVX2 path; elsewhere the path may differ, the result must not."
    res = _exactly(sizes, seed, seed=seed)
    assert any('is that neuron' in m for m in res.report['messages']) or not _AVX2_PATH, res.report['messages']
    assert not any(u['kind'] == 'always active' for u in res.report['unidentifiable']), res.report['unidentifiable']


def test_neurons_no_line_crossed_found_on_more_lines():
    "40-20-10-10-1 seed 62 (extract seed 62): second-layer neuron 2 (active on 0.8% of Gaussian inputs; about one random line in a hundred crosses its boundary) and a third-layer neuron were missed by their searches, the output fit's sign equations left a residual of 1.5, and the run ended unverified as 40-20-9-9-1. Kinks of more random lines that no neuron found explains give the third-layer neuron back (`missed_by_lines`), the far-out repair then the second-layer one, the searches above it start again and the lines give the third-layer one again: exact. On the AVX2 path (2026-12-05); elsewhere the path may differ, the result must not."
    res = _exactly([40, 20, 10, 10, 1], 62, seed=62)
    assert any('missed_by_lines' in m for m in res.report['messages']) or not _AVX2_PATH, res.report['messages']


def test_always_active_neuron_named_when_no_stage_did():
    "40-20-10-10-1 seed 28 (extract seed 28): the output fit's always-active neuron is folded into another and the repair makes the network verify with a third-layer neuron active at every input and four others flipped against the true network's (the same function, other parameters); the report names the always-active neuron (`always_active_last`), whose row can take up those flips."
    net = ReLUNet.random([40, 20, 10, 10, 1], seed=28)
    res = extract(lambda X: net(X), 40, seed=28)
    c = compare(net, res.net)
    assert res.verified and res.report['sizes'] == net.sizes and c.fidelity < 1e-10 and c.fidelity_far < 1e-10, c
    assert [u for u in res.report['unidentifiable'] if u['layer'] == 3 and u['kind'] == 'always active'], res.report['unidentifiable']


def test_always_active_neuron_on_a_column_the_output_fit_never_sees_active():
    "40-20-10-10-1 seed 42 (extract seed 42): third-layer neuron 9 is active on every input with weights of both signs, one of them (-0.15, relative) on a second-layer neuron inactive at all 104 points of the output fit; third-layer neuron 5 (active on 99.3% of inputs) has a weight no walk saw. The always-active neuron is looked for with both columns left out (`far_active_signs` with `skip`), and its weight on the inactive one read at points where that neuron is active: exact. It ended `unverified` as 40-20-10-9-1 before (fidelity 0.99; 2026-12-07). On the AVX2 path; elsewhere the path may differ, the result must not."
    _exactly([40, 20, 10, 10, 1], 42, seed=42)


def test_two_neurons_active_nearly_everywhere_in_the_last_hidden_layer():
    "40-20-10-10-1 seed 129 (extract seed 129): third-layer neurons 2 and 4 are active on every Gaussian input at scale 1 and on 99.997% and 99.985% at scale 100; both are missed, and the output fit adds one always-active neuron for their sum. That neuron had been folded into another although the fold was 0.1 off near (the network before it was 1e-3 off far, and the misfits were compared as one), and the run ended `unverified` as 40-20-10-8-1 (2026-12-07). Now the fold is refused, the repair walks one of the two, and with it in the top layer the output fit, still needing an always-active neuron (the other), reproduces fresh points: done again from there, the run is exact to 1.5e-11 (both biases reported as not identifiable from the points sampled). On the AVX2 path; elsewhere the path may differ, the result must not."
    res = _exactly([40, 20, 10, 10, 1], 129, worst=1e-10, seed=129)
    assert any('still needs an always-active neuron' in m for m in res.report['messages']) or not _AVX2_PATH, res.report['messages']


@pytest.mark.parametrize('seed', [1, 33])
def test_rare_neuron_weights_asked_where_the_neuron_below_turns_on(seed):
    "40-20-10-10-1 with `normals=True` (extract seed = net seed, as the bench): a third-layer neuron active on about 1e-4 of Gaussian inputs, only far out, that the layer search missed and the repair added from where the network disagreed; its walk never saw some second-layer neurons active, and no random point showed it active with them. Both runs ended verified with those weights only bounded, 2^-1.0 and 2^-1.5 off. Asked where the model says the neuron below turns on with the rare one still active (`coactive_points`), both are exact. On the AVX2 path, 2026-12-04; seed 1 again since the ascent of the lesser distance to the two boundaries (2026-12-05: 2^-39.6, 50233 queries, its rare row's weight on one column never acting at the joint refit's points), and to 2^-40 since the refit's cover points ascend there too where their climb leaves too few (2^-43.1, 50250 queries)."
    res = _exactly([40, 20, 10, 10, 1], seed, seed=seed, layer_kw=dict(normals=True))
    assert any('were found where the network disagreed' in m for m in res.report['messages']), res.report['messages']
    assert not [u for u in res.report['unidentifiable'] if 'bounded' in u['kind']], res.report['unidentifiable']


@pytest.mark.parametrize('seed,read', [(0, 1), (41, 1)])
def test_unseen_weights_read_from_the_output_fit(seed, read):
    "40-20-10-10-1 with `normals=True` (extract seed = net seed, as the bench): a third-layer neuron keeps a weight no walk saw (seed 0 kept 2 until 2026-12-07, when the completion after the refit, from the model boundary away from the walks, took the other by queries), read from the output fit (the remainder on those columns, once the signs are solved), without a query: exact. Written for seed 9, active on about 98% of inputs, whose row as walked is positive at few of the output fit's points, none with those second-layer neurons active: the sign equations left a residual, the always-active test took it for a neuron, signs came out wrong and the run ended unverified with 11 third-layer neurons. Seed 48 (then 9, on 2026-12-05, when walks that bent were no longer fitted below) took another path and was exact without reading a weight from the fit, and was replaced. On the AVX2 path; elsewhere the path may differ, the result must not."
    res = _exactly([40, 20, 10, 10, 1], seed, seed=seed, layer_kw=dict(normals=True))
    assert any(f'{read} weight(s) that no walk saw were read from the output fit' in m for m in res.report['messages']) or not _AVX2_PATH, res.report['messages']
    assert not [u for u in res.report['unidentifiable'] if 'walk' in u['kind']], res.report['unidentifiable']


def test_deeper_seeds_told_by_normals_unless_turned_off():
    "40-20-10-10-1 seed 3: by default (`normals=True`) layer 2's phase B and rounds tell most seeds of deeper layers by their measured normals (`deeper_kink`) instead of walking them; with `normals=False` every one is walked."
    net = ReLUNet.random([40, 20, 10, 10, 1], seed=3)
    told = lambda res: res.report['layers'][0]['refused'].get('deeper (normal)', 0)
    res_n, res_d = extract(lambda X: net(X), 40), extract(lambda X: net(X), 40, layer_kw=_WALKS)
    assert told(res_n) > 50 and told(res_d) == 0, (res_n.report['layers'][0], res_d.report['layers'][0])
    assert res_n.report['layers'][0]['layer'] == 2 and res_n.verified and res_d.verified


def test_verified_means_right_wherever_the_check_can_see():
    "40-20-10-10-1 seed 1 (extract seed 0): third-layer neuron 1 is active on 0.01% of far inputs and on none near, and no line of the layer searches crosses its boundary: a run sees it only if a verification point lands where it is active (about one in seven). When this test was written, one did, the repair's walk found a wrong row (output weight fitted to 0), the next fresh points missed the neuron again, and the run said `verified`, 4e-3 off far out (a repair is now kept only if it also agrees where the verifications before it disagreed). Since 2026-12-05 the verification misses it. `verified` must mean right, or wrong only on fewer inputs than the report's `unseen_share` (the share its check misses with more than 5% chance)."
    net = ReLUNet.random([40, 20, 10, 10, 1], seed=1)
    res = extract(lambda X: net(X), 40)
    c = compare(net, res.net)
    if not res.verified or (c.same_architecture and max(c.fidelity, c.fidelity_far) < 1e-8): return
    X = np.random.default_rng(12345).normal(size=(200_000, 40))
    share = max(disagreement_share(net, res.net, X * s) for s in (1., 100.))   # (the distributions of the verification's points, near and far)
    assert 0 < share < res.report['verification']['unseen_share'], (share, res.report['verification'], c)


def test_missed_neuron_found_at_points_chosen_on_the_model():
    "40-20-10-10-1 seed 54 (extract seed 54): a third-layer neuron active on about 2.5e-4 of Gaussian inputs far out and none near is crossed by no line of the searches, and the verification's 2686 fresh points miss it (until 2026-12-06 the run said `verified` as 40-20-10-9-1, 1.4e-2 off far out). The points chosen on the model (`switch_points`, `corner_points`) find where it is active; the repair walks it from there and the run is exact. With numpy 2.4.6 on an AMD EPYC (AVX2 path)."
    res = _exactly([40, 20, 10, 10, 1], 54, seed=54, budget=2**21)
    assert any('points chosen on it' in m for m in res.report['messages']), res.report['messages']


def test_rare_neuron_walked_from_the_points_chosen_on_the_model():
    "40-20-10-10-1 seed 55 (extract seed 55): third-layer neuron 1 is active on none of 600000 Gaussian inputs (scales 1, 10, 100); a corner point finds it (fidelity there 2e-4). The walks from there fit it to 4e-13, but of 16 test lines only 2 crossed its boundary and the fit was refused (the run said `unverified` until 2026-12-06); the repair's prediction tests now draw lines until enough cross it, and the run is exact. With numpy 2.4.6 on an AMD EPYC (AVX2 path)."
    res = _exactly([40, 20, 10, 10, 1], 55, seed=55, budget=2**21)
    assert any('points chosen on it' in m for m in res.report['messages']) and any('found where the network disagreed' in m for m in res.report['messages']), res.report['messages']


def test_last_layer_neuron_inactive_only_far_out():
    "40-20-10-10-1 seed 6: third-layer neuron 4 is active on every Gaussian input at scale 1 (inactive on 1% at 100), so no walk finds its boundary; its signs, weights and bias are read from the outputs where it is inactive (`nearly_always_active`). 2^-40.5 with numpy 2.4.6 on an AMD EPYC."
    res = _exactly([40, 20, 10, 10, 1], 6, worst=2**-38, layer_kw=_WALKS)
    assert any('points where it is not' in m for m in res.report['messages']), res.report['messages']


def test_always_active_neuron_with_weights_of_both_signs():
    "40-20-10-10-1 seed 17: third-layer neuron 9 has negative weights yet is active at every point sampled (scales 1 to 1e6); the function is recovered, and the signs that its row can take up are named as not identifiable (they are not: 176 of 512 choices agree at every point sampled)."
    net = ReLUNet.random([40, 20, 10, 10, 1], seed=17)
    res = extract(lambda X: net(X), 40)
    assert res.verified and res.report['sizes'] == [40, 20, 10, 10, 1], res.report['messages']
    kinds = [u['kind'] for u in res.report['unidentifiable']]
    assert 'always active' in kinds and any('sign not identifiable' in k for k in kinds), res.report['unidentifiable']
    c = compare(net, res.net)
    assert c.fidelity < 1e-8 and c.fidelity_far < 1e-8, c


def test_last_layer_neuron_active_only_far_out():
    "10-20-20-1 seed 2: a second-layer neuron inactive on every near input (active on about 2% far out) is found, by the layer search's far lines or, where they miss it, where the far verification points disagree (which one depends on the last bits of the matrix products: the search missed it where this test was written, and finds it with numpy 2.4.6's OpenBLAS on an AMD EPYC)."
    _exactly([10, 20, 20, 1], 2, seed=2)         # the added row, refitted on lines near its walks, then everything jointly: 2^-44.7 here


@pytest.mark.parametrize('sizes,seed,said', [pytest.param([10, 20, 20, 1], 20, ['walked again and added'], marks=_fails_on_avx2_path("exact with no neuron walked again: since the first layer's bend probe (2026-12-03) its layer-2 walks do not refuse it")), ([10, 10, 8, 4, 1], 3, ['searched again', 'outside the span'])])
def test_last_layer_neuron_refused_for_want_of_evidence(sizes, seed, said):
    "A last-layer neuron whose walk failed its prediction test with no miss (too few lines crossed its boundary) is walked again once the next layer's search finds nothing (10-20-20-1 seed 20) or cannot solve the signs (10-10-8-4-1 seed 3, whose fourth layer is then searched again), or before that search where seeds lie off the span of its layer's gradients (10-10-8-4-1 seed 3 on the AVX2 path: `off_span`)."
    res = _exactly(sizes, seed, seed=seed)
    assert any(s in m for m in res.report['messages'] for s in said), res.report['messages']


def test_deeper_run_never_claims_what_it_did_not_verify():
    "Three hidden layers: whatever the run ends with, `verified` means the recovered network matches."
    net = ReLUNet.random([6, 8, 8, 6, 1], seed=2)
    res = extract(lambda X: net(X), 6, seed=2)
    assert res.report['status'] in ('verified', 'unverified'), res.report['messages']
    c = compare(net, res.net)
    assert res.verified == (c.fidelity < 1e-6 and c.fidelity_far < 1e-6), (res, c)
    if not res.verified: assert any('does not reproduce' in m or 'not a ReLU layer' in m for m in res.report['messages'])


@pytest.mark.parametrize('sizes,seed', [([10, 60, 1], 0), ([50, 100, 1], 1)])
def test_one_output_more_neurons_than_inputs(sizes, seed):
    "50 free signs of the last hidden layer: solved by lattice reduction (fpylll), not enumeration."
    pytest.importorskip('fpylll')
    net = ReLUNet.random(sizes, seed=seed)
    res = extract(lambda X: net(X), sizes[0], seed=seed)
    assert res.verified, res.report['messages']
    assert res.report['output_fit']['free_signs'] == 50
    c = compare(net, res.net)
    assert c.same_architecture and c.worst_error < 2**-40, c


def test_free_signs_without_fpylll_say_so(monkeypatch):
    net = ReLUNet.random([10, 60, 1], seed=0)
    monkeypatch.setitem(sys.modules, 'fpylll', None)          # `import fpylll` now raises ImportError
    res = extract(lambda X: net(X), 10, seed=0)
    assert res.report['status'] == 'partial' and res.net is None
    assert any('fpylll' in m and '50 free unknowns' in m for m in res.report['messages']), res.report['messages']


def test_partial_siblings_option():
    "40-20-10-10-1 seed 24 (extract seed 0) with `partial_siblings=True`: third-layer neurons with weights no walk determined serve as siblings where they are exact, a seed is no longer walked to a refusal, and the run is exact (2^-41.1). On the AVX2 path it verified at 2^-33.9 until the joint refit split the two third-layer neurons that trade a weight (`cover_points(separate=...)`). With numpy 2.4.6 on an AMD EPYC; elsewhere the path may differ, the result must not."
    _exactly([40, 20, 10, 10, 1], 24, layer_kw=dict(partial_siblings=True))


@pytest.mark.parametrize('sizes,seed', [([10, 10, 8, 4, 1], 2), ([40, 20, 10, 10, 1], 3),
                                        ([40, 20, 10, 10, 1], 33)])
def test_jump_option(sizes, seed):
    "With `layer_kw=dict(jump=True)` the weights no walk saw are completed from edges found by Gauss-Newton on the model (`edge_jump`), with the kink short of each edge checked: the run is exact (a few seconds each; 40-20-10-10-1 seeds 3 and 33 measured on the AVX2 path, where seed 33 had verified as 40-20-10-9-1 while 0.16 off far out until the round lines' pieces were pinned, `pinned_kinks`)."
    _exactly(sizes, seed, seed=seed if sizes[0] == 10 else 0, layer_kw=dict(jump=True, **_WALKS))


def test_weight_on_a_pair_the_pool_never_sees_together():
    "40-20-10-10-1 seed 2 (extract seed 2, the bench's run): the joint refit's cover pool had no point where a repair-added third-layer neuron and second-layer neuron 8 are active together (none of 200,000 Gaussian inputs at scales 1 and 3), and that weight stayed 2^-27.7 off, verified; climbing to such points in the model (`climb_to_both`; since 2026-12-05, where the climb leaves too few, the ascent of `coactive_points` too) makes it exact (2^-45.7, about 15 s). With numpy 2.4.6 on an AMD EPYC; elsewhere the path may differ, the result must not."
    _exactly([40, 20, 10, 10, 1], 2, seed=2)


def test_missed_middle_neuron_active_nearly_everywhere():
    "A second-layer neuron active on 99.9% of inputs at every scale is missed by its layer's search; layer 3's sign equations give it back."
    net = ReLUNet.random([10, 12, 10, 8, 1], seed=0)
    w = np.abs(net.weights[1][0]); w[0] = -w.max(); net.weights[1][0] = w; net.biases[1][0] = 0.5 * np.linalg.norm(w)
    off = extract(net, 10, seed=0, layer_kw=dict(missing_walks=None))
    assert off.report['sizes'][:3] == [10, 12, 9] and not off.verified
    res = extract(net, 10, seed=0)
    assert res.report['sizes'][:3] == [10, 12, 10]
    assert any('active on nearly every input: its boundary found where its row from the next layer' in m for m in res.report['messages'])
    if res.verified: assert compare(net, res.net).fidelity < 1e-8   # (one of its weights is only to the sign equations' precision: today the run ends unverified)


def test_output_signs_solved_while_a_lower_row_is_off():
    "40-20-10-10-1 seed 11: a second-layer neuron active on 99.7% of inputs, read in part from layer 3's sign equations, is 6e-7 off until the polish; the output layer's signs are solved all the same (`sign_allowance`), no always-active neuron is invented, and the run is exact."
    net = ReLUNet.random([40, 20, 10, 10, 1], seed=11)
    res = extract(net, 40, seed=11)
    assert res.verified and res.report['sizes'] == [40, 20, 10, 10, 1]
    assert any('sign_allowance' in m for m in res.report['messages'])
    assert compare(net, res.net).worst_error < 1e-8


def test_verified_with_a_neuron_the_verification_hardly_sees_says_so():
    "40-20-10-10-1 seed 1 (extract seed 0): a third-layer neuron active on about 1e-4 of inputs far out and none near is added by the repair; the run verified with its row 0.2 off (on the AVX-512 path; on the AVX2 path it now verifies with that neuron missed, which no report can name: `test_verified_means_right_wherever_the_check_can_see` checks that run against what `verified` claims). A verified run whose parameters are off must name the neurons concerned (`rarely_active`, or `unidentifiable`)."
    net = ReLUNet.random([40, 20, 10, 10, 1], seed=1)
    res = extract(net, 40, seed=0, budget=2**21)
    if res.verified and compare(net, res.net).worst_error > 1e-8:
        assert res.report.get('rarely_active') or res.report['unidentifiable'], res.report['messages']
        assert not res.report.get('rarely_active') or any('rarely_active' in m for m in res.report['messages'])


def test_missed_lower_neuron_active_only_far_out():
    "40-20-10-10-1 seed 19: second-layer neuron 0 is active on 0.04% of inputs at scale 100 and none at scale 1. The searches miss it, the last layer's repair finds nothing; walked from the far disagreements as a second-layer neuron, it is added and layer 3 searched again. With numpy 2.4.6 on an AMD EPYC; elsewhere the path may differ, the result must not."
    net = ReLUNet.random([40, 20, 10, 10, 1], seed=19)
    res = extract(net, 40, seed=0, budget=2**21, layer_kw=_WALKS)
    if res.verified:                                      # (a verified network must reproduce the black box, near and far)
        c = compare(net, res.net)
        assert c.fidelity < 1e-8 and c.fidelity_far < 1e-8, c
    assert res.report['sizes'] == [40, 20, 10, 10, 1], res.report['messages']
    assert any('a neuron that the searches missed (active only far out)' in m for m in res.report['messages'])


def test_first_layer_screen():
    "The first layer's screen for wide inputs (`first_kw=dict(sketch=8)`): full normals only where a kink's projection recurs, the deeper kinks' normals in the span of the rows; still exact (2 s)."
    res = _exactly([64, 16, 16, 1], 0, first_kw=dict(sketch=8))
    deeper = [s for s in res.report['stages'] if s['stage'] == 'deeper normals']
    assert len(deeper) == 1 and deeper[0]['queries'] > 0


def test_wide_input_groups_completed_without_a_walk():
    "Inputs over twice as wide as the first layer: the pool's groups of 3 seeds or more that leave weights undetermined are completed and refitted without a walk (`pool_fill`); exact either way, and more of layer 2 from the pool (about 8 s)."
    found = [_exactly([64, 16, 16, 1], 0, layer_kw=kw).report['layers'][0]['found_pool'] for kw in ({}, dict(pool_fill=0))]
    assert found[0] > found[1], found


def test_top_neurons_missed_found_on_lines_that_go_straight_across():
    "6-10-8-4-2 seed 28 with second-layer neurons 6 and 4 biased to be active on 96.6% and 99.97% of Gaussian inputs: layer 2's search misses two, layer 3's signs fail (residual 0.25) and walking the refused seeds again adds nothing, so the run ended unverified at 6-10-7-2. Kinks of random lines that no neuron found explains and whose boundaries go straight across layer 2's (F2, `missed_top`) give a missed neuron back, and the run is exact (measured 2026-12-07: 1.2e-15, 100694 queries)."
    net = ReLUNet.random([6, 10, 8, 4, 2], seed=28)
    for i in np.random.default_rng(28).choice(8, 2, replace=False): net.biases[1][i] = 4. * np.linalg.norm(net.weights[1][i]) * np.sqrt(10) / 3
    res = extract(lambda X: net(X), 6, seed=0)
    assert res.verified and res.report['sizes'] == net.sizes, res.report['messages']
    c = compare(net, res.net)
    assert c.worst_error < 2**-40 and c.fidelity < 1e-10 and c.fidelity_far < 1e-10, c
    assert any('straight across' in m for m in res.report['messages']) or not _AVX2_PATH, res.report['messages']
