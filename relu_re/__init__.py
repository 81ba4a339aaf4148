__version__ = "0.1.0"

from .nets import ReLUNet
from .oracle import Oracle, OracleError, QueryBudgetExceeded, ProbabilityOracle
from .symmetry import compare, canonical, disagreement_share
from .extract import extract, Extraction
