"""Bounds on what an (untrusted) game file may ask the tool to do.

They keep a hostile or mistaken file from exhausting memory or time: every
check happens before the expensive work it guards.
"""

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_PLAYERS = 10
MAX_STRATEGIES = 1000
MAX_PROFILES = 100_000
MAX_PARAMETERS = 200
MAX_DEFINITIONS = 200
MAX_NAME_LENGTH = 64
MAX_FORMULA_CHARS = 2000
MAX_FORMULA_NODES = 400
MAX_FORMULA_DEPTH = 40
MAX_ABS_EXPONENT = 64
MAX_LITERAL_DIGITS = 30
# Expanded size (sympy operation count) of one payoff formula after
# definitions are substituted; guards against definitions that nest each other
# exponentially.
MAX_EXPRESSION_OPS = 20_000
# Numbers in text (parameter values, literals, Gambit payoffs) are read
# exactly; these bound the work: ``1e999999999`` would otherwise build
# 10**999999999.  Floats end near 1e308 anyway.
MAX_DECIMAL_EXPONENT = 350
# Longest parameter value (``--set``, a default or a bound).
MAX_VALUE_CHARS = 40
# Longest number in a Gambit file, read or written (a long exact payoff).
MAX_NUMBER_CHARS = 1000
# Total degree of a payoff in the parameters after definitions are
# substituted, counting nested powers ((x**64)**64 has degree 4096): exact
# evaluation at a point builds numbers of about degree x the parameters' size.
MAX_DEGREE = 256
# Largest number (numerator or denominator, in bits) a formula may hold or
# compute from numbers alone, e.g. 2**8192.
MAX_NUMBER_BITS = 8192

# --- Sweeps and output files (issue 8, memory and processes) ---------------
# A sweep (grid or sample) may have at most this many points.
MAX_POINTS = 10**9
# A sweep table returned in memory (Python ``sweep()`` with ``collect=True``)
# may have at most this many rows; larger sweeps stream to ``out=`` / --out.
MAX_TABLE_POINTS = 5_000_000
# A sweep picture (regime map or band chart) may have at most this many grid
# cells (2000 x 2000): the picture keeps one label per cell in memory and
# cannot show more cells than it has pixels anyway.
MAX_PLOT_CELLS = 4_000_000
# Local sweep workers: at most this many per CPU core (more only adds
# processes that compete for the same cores).
MAX_WORKERS_PER_CPU = 4
# A Latin-hypercube sample keeps one permutation of its points per parameter
# (4 bytes a point): at most this many points.
MAX_LATIN_POINTS = 10_000_000
# A sweep table read back (--from) may be at most this large on disk, and at
# most MAX_TABLE_POINTS rows.
MAX_TABLE_BYTES = 2 << 30
# Payoff values evaluated at once for one chunk of a sweep (points x players x
# profiles): 2**25 doubles are 256 MB.  The default chunk size shrinks for big
# games to stay within it; a larger --chunk-size is refused.
MAX_CHUNK_VALUES = 1 << 25

# --- Exact conditions (issue 11) --------------------------------------------
# Cases one group of conditions may split into over min/max/abs/piecewise
# branches; each case is one more conjunction to simplify, prove and print.
MAX_CONDITION_CASES = 64
# Pure profiles (product of the strategy counts) whose conditions are built;
# a tree's induced normal form is far larger and is not analysed this way.
MAX_CONDITION_PROFILES = 4096

# --- Dynamics (issue 13) -----------------------------------------------------
# Periods of one simulation (or of every point of a sweep over dynamics).
MAX_PERIODS = 10_000
# Histories followed at once when every equilibrium is followed (select "all").
MAX_BRANCHES = 256
# Longest cycle looked for at the end of a run.
MAX_CYCLE = 64
