"Every notebook runs top to bottom (nbdev's own test runner, skipping cells flagged `slow` or `notest`)."
from pathlib import Path
import os
import pytest
from nbdev.test import test_nb as run_nb

NBS = Path(__file__).resolve().parents[1]/'nbs'

@pytest.mark.parametrize('nb', sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith('_')), ids=lambda p: p.stem)
def test_notebook(nb, monkeypatch):
    monkeypatch.setenv('MPLBACKEND', 'Agg')
    ok, _ = run_nb(nb, skip_flags=['slow', 'notest'], basepath=NBS.parent)
    assert ok, f'{nb.name} failed (its traceback is above)'
