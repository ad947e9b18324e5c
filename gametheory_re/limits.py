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
