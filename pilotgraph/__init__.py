"""pilotgraph: a knowledge graph of Chinese regulatory pilots (试点) built from work reports.

The code lives in one folder per concern, installed as subpackages of this namespace::

    loaders -> graph <- queries <- api / viz

>>> from pilotgraph.graph import open_store
"""

__version__ = "0.1.0"
