"""The examples in the views' docstrings run."""

from __future__ import annotations

import doctest

import pytest

from pilotgraph.viz import charts, graph_view, region_graph, render


@pytest.mark.parametrize("module", [graph_view, region_graph, render, charts])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
