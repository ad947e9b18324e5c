"""The ``gtre`` command line.  It parses options, calls the API and presents.

Every error a user can cause is printed as one line ``error: FILE: KEY: ...``
on stderr with exit status 2; nothing prints a traceback.
"""

from __future__ import annotations

import functools
import gc
import json
import re
import sys

import click

from . import api
from .atomic import OVERWRITE_HINT
from .errors import GameError, GameFileError, escape_unprintable
from .trees.parametric import ParametricTree
from .formats import load_game
from .limits import MAX_PERIODS, MAX_POINTS, MAX_WORKERS_PER_CPU
from .options import DEFAULT_TIME_BUDGET, check_integer, check_positive, check_time_budget, check_tolerance
from .symbolic.sequential import SequentialConditions
from .presenters.discovery import discovery_dict, show_discovery
from .presenters.conditions import conditions_dict, sequential_conditions_dict, show_conditions, show_sequential_conditions
from .presenters.html import report_outline
from .presenters.json_out import result_dict, sequential_dict, summary_dict, threshold_dict
from .presenters.pictures import PICTURE_FORMATS, picture_format
from .presenters.sensitivity import sensitivity_dict, show_sensitivity
from .presenters.simulation import show_simulation, simulation_dict
from .presenters.learning import learning_dict, show_learning
from .presenters.qre import qre_dict, show_qre
from .learning import RULES as LEARNING_RULES
from .presenters.sweep_text import show_summary, show_switches
from .presenters.text import describe_parameters, explain_result, show_description, show_entry, show_result, show_sequential, show_validation
from .presenters.tree import comparison_dict, show_comparison
from .gsa.problem import read_range
from .discovery.result import METHODS as DISCOVERY_METHODS
from .gsa.result import METHODS as SENSITIVITY_METHODS
from .solvers.response_regions import response_picture
from .solvers.selection import SELECTION_RULES
from .dynamics.spec import BOUNDS_RULES, DYNAMIC_SELECTION
from .sweeps.grid import read_axis
from .sweeps.output import output_format
from .sweeps.run import check_workers

GAME_HELP = (
    "GAME is a .toml game file (normal form or sequential), a Gambit .nfg or .efg file, "
    "or the name of a bundled game (see 'gtre list')."
)


#: The flag of every argument name that library errors use as their source
#: (``GameFileError("vary", ...)``) or write as ``name=`` in their message:
#: the one translation from the Python API's words to the command line's.
FLAGS = {
    "params": "--set", "orders": "--orders", "vary": "--vary", "samples": "--samples",
    "sample_params": "--sample-param", "seed": "--seed", "latin": "--latin", "outcomes": "--outcome",
    "outcome": "--outcome", "param": "--param", "equilibria": "--equilibria", "chunk_size": "--chunk-size",
    "scheduler": "--scheduler", "plot": "--plot", "out": "--out", "resume": "--resume", "workers": "--workers",
    "tol": "--tol", "time_budget": "--time-budget", "max_support": "--max-support", "exact": "--exact",
    "points": "--points", "xtol": "--xtol", "overwrite": "--force", "free": "--free", "mixed": "--no-mixed",
    "boundaries": "--boundaries", "select": "--select", "status": "--status", "method": "--method", "fix": "--fix",
    "ranges": "--range", "table": "--from", "second_order": "--second-order", "resamples": "--resamples",
    "conf_level": "--conf-level", "harmonics": "--harmonics", "slices": "--slices", "threshold": "--threshold",
    "peel_alpha": "--peel-alpha", "paste_alpha": "--paste-alpha", "mass_min": "--mass-min", "box": "--box",
    "max_depth": "--max-depth", "min_leaf": "--min-leaf",
    "periods": "--periods", "fallback": "--fallback", "bounds": "--bounds", "compare": "--compare",
    "rule": "--rule", "iterations": "--iterations", "start": "--start", "tie": "--tie", "lam": "--lam",
    "step": "--step", "etha": "--etha", "epsilon_bar": "--epsilon-bar", "horizon": "--horizon",
    "random_state": "--seed", "qre": "--qre", "qre_lambdas": "--qre-lambdas", "lambdas": "--qre-lambdas",
    "qre_maxregret": "--qre-maxregret", "maxregret": "--qre-maxregret", "sweeps": "--sweep",
    "conditions": "--conditions",
}

#: What a user adds to replace an existing output file.
FORCE_HINT = "add --force"

_ARGUMENT = re.compile(r"(?<![\w-])(" + "|".join(sorted(FLAGS, key=len, reverse=True)) + r")=(?![\w\"'])")


#: Text a message quotes (as Python's repr does), e.g. the user's own value: never translated.
_QUOTED = re.compile(r"""(?<!\w)(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?!\w)""")


def _in_flags(text: str) -> str:
    """A library message in the command line's words: ``vary=`` becomes ``--vary``.

    Only the library's own words are translated; what it quotes from the
    input is shown as the user wrote it.

    Examples
    --------
    >>> _in_flags("pictures need a grid (vary= once or twice)")
    'pictures need a grid (--vary once or twice)'
    >>> _in_flags("expected a number such as 0.3, found 'tol= 1'")
    "expected a number such as 0.3, found 'tol= 1'"
    """
    text = text.replace(OVERWRITE_HINT, FORCE_HINT)
    parts, start = [], 0
    for quoted in _QUOTED.finditer(text):
        parts.append(_ARGUMENT.sub(lambda m: FLAGS[m.group(1)], text[start:quoted.start()]))
        parts.append(quoted.group(0))
        start = quoted.end()
    parts.append(_ARGUMENT.sub(lambda m: FLAGS[m.group(1)], text[start:]))
    return "".join(parts)


def error_line(exc: GameError, given=()) -> str:
    """The one line ``gtre`` prints for a library error, the arguments it names said as flags.

    ``given`` holds the command's own values (the GAME, an output file): a
    source equal to one of them is that file, not an argument, and is kept.

    Examples
    --------
    >>> error_line(GameFileError("params", "K", "unknown parameter"))
    '--set: K: unknown parameter'
    >>> error_line(GameFileError("plot", "m.png", "pictures need a grid (vary= once or twice)"))
    '--plot: m.png: pictures need a grid (--vary once or twice)'
    >>> error_line(GameFileError("params", "", "no such file"), given={"params"})   # a file named params
    'params: no such file'
    """
    if isinstance(exc, GameFileError):
        source = exc.source if exc.source in given else FLAGS.get(exc.source, exc.source)
        return str(GameFileError(source, exc.key, _in_flags(exc.message)))
    return _in_flags(str(exc))


def _user_errors(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            result = command(*args, **kwargs)
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
            return result
        except BrokenPipeError:
            # The reader went away (gtre ... | head): stop quietly, as Unix tools do.
            sys.stderr.close()
            sys.exit(1)
        except OSError as exc:
            # Files the commands write name themselves (atomic.replacing); what
            # is left is the standard output, e.g. redirected to a full disk.
            click.echo(f"error: <standard output>: cannot write: {exc.strerror or exc}", err=True)
            sys.exit(2)
        except GameError as exc:
            # str() of a GameError already escapes control characters from the
            # input; escaping here too keeps every subclass and caller safe.
            given = {v for v in kwargs.values() if isinstance(v, str)}
            click.echo(f"error: {escape_unprintable(error_line(exc, given))}", err=True)
            sys.exit(2)
        except RecursionError:
            click.echo("error: the input is nested too deeply to process", err=True)
            sys.exit(2)

    return wrapper


def _parse_sets(values: tuple[str, ...], flag: str = "--set") -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise GameFileError(flag, item, f"expected NAME=VALUE, e.g. {flag} K=2 or {flag} s=1/3")
        out[name.strip()] = value.strip()
    return out


set_option = click.option(
    "--set", "sets", multiple=True, metavar="NAME=VALUE",
    help="Set a parameter (repeatable); VALUE is a number such as 0.3 or 1/3.",
)


force_option = click.option("--force", is_flag=True, help="Replace output files that already exist.")


class _OptionLine(click.ClickException):
    """A bad option value, printed as one line ``error: ...`` (exit status 2), not click's usage block."""

    exit_code = 2

    def show(self, file=None):
        # click's messages quote the option's value as typed: escape it.
        click.echo(f"error: {escape_unprintable(self.message)}", err=True)


# ``gtre`` alone prints its help (click >= 8.2 raises this usage error for it).
_HELP_REQUEST = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _one_line(exc: click.UsageError, ctx) -> click.ClickException:
    if isinstance(exc, _HELP_REQUEST):
        return exc
    if isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter):
        return _OptionLine(exc.format_message())
    return _OptionLine(f"{exc.format_message()} (see '{ctx.command_path} --help')")


class OneLineErrors(click.Command):
    """A command whose usage errors (bad option values, missing or unknown
    options, extra arguments) are one error line, not click's usage block."""

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _one_line(exc, ctx) from None


class OneLineGroup(click.Group):
    """``gtre`` itself: an unknown command is one error line too."""

    command_class = OneLineErrors

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _one_line(exc, ctx) from None

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise _one_line(exc, ctx) from None


def _checked(check, **limits):
    """A click callback running ``check(flag, value, **limits)`` while the options
    are parsed; a bad value is the one line ``error: --FLAG: VALUE: message``."""

    def callback(ctx, param, value):
        if value is None or value == ():
            return value
        flag = max(param.opts, key=len)
        try:
            return check(flag, value, **limits)
        except GameError as exc:
            if isinstance(exc, GameFileError) and exc.source != flag:
                # A check that names the value (a file name) rather than the flag.
                exc = GameFileError(flag, exc.key or exc.source, exc.message)
            raise _OptionLine(str(exc)) from None

    return callback


def _picture(flag, path):
    picture_format(path)
    return path


def _picture_option(help_text):
    return click.option("--plot", type=click.Path(dir_okay=False), default=None, callback=_checked(_picture),
                        help=help_text + " (" + ", ".join(PICTURE_FORMATS) + ").")


@click.group(cls=OneLineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gametheory_re")
def main():
    """gtre: equilibria of rare-earth strategy games (US, China, Japan...).

    \b
    Examples:
      gtre list
      gtre show us_japan_china
      gtre solve us_japan_china
      gtre solve us_china --set q=0.3 --json
    """


@main.command("list")
@_user_errors
def list_games():
    """List the bundled games."""
    for entry in api.list_games():
        click.echo(show_entry(entry))


@main.command()
@click.argument("game")
@set_option
@click.option("--parameters", is_flag=True, help="Also list the parameters with defaults, bounds and units.")
@_user_errors
def show(game, sets, parameters):
    """Print the payoff matrices of GAME, best responses marked with *.

    A 3-player game is shown as one matrix per strategy of the last player;
    a sequential game is drawn as a text tree.
    """
    description = api.show(game, _parse_sets(sets))
    click.echo(show_description(description))
    if parameters:
        click.echo("")
        click.echo(describe_parameters(description.game))


show.help += "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n  gtre show us_china\n  gtre show us_japan_china --set s=0.5 --parameters"


@main.command()
@click.argument("game")
@_user_errors
def validate(game):
    """Check GAME and summarise it; exit status 2 if it is not valid."""
    click.echo(show_validation(api.validate(game)))


validate.help += "\n\n" + GAME_HELP + "\n\n\b\nExample:\n  gtre validate us_china"


def _lambda_list(flag, text):
    """``--qre-lambdas 0.5,1,2``: the precisions as the user wrote them (the library checks each)."""
    return [x.strip() for x in text.split(",")]


@main.command()
@click.argument("game")
@set_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--tol", default=None, metavar="T", callback=_checked(check_tolerance),
              help="Regret tolerance, at least 0 (default 1e-9 x max |payoff|).")
@click.option("--exact", is_flag=True, help="Also give exact probabilities (rationals, radicals, algebraic numbers).")
@click.option("--time-budget", default=str(DEFAULT_TIME_BUDGET), show_default=True, metavar="SECONDS",
              callback=_checked(check_time_budget),
              help="Time the whole solve may spend, exact values included ('inf': no limit); past it the "
                   "output says the list may be incomplete, or which equilibria lack exact values.")
@click.option("--max-support", default=None, metavar="K", callback=_checked(check_integer, minimum=1),
              help="2-player games: search equilibria in which each player mixes over at most K strategies "
                   "(default: as many as the enumeration limit allows); below the game's size the list "
                   "may be incomplete.")
@click.option("--qre", is_flag=True,
              help="Normal-form games: trace the principal branch of logit quantal response equilibria from "
                   "lambda = 0 to the Nash equilibrium it selects (instead of listing every equilibrium).")
@click.option("--qre-lambdas", default=None, metavar="L,L,...", callback=_checked(_lambda_list),
              help="With --qre: the precisions at which to print the QRE (default 0.1 to 300 over the payoff range).")
@click.option("--qre-maxregret", default=None, metavar="R", callback=_checked(check_tolerance),
              help="With --qre: stop once the largest regret is at most R x the payoff range (default 1e-8, "
                   "Gambit's).")
@_picture_option("Draw a picture: 2x2 games, both best responses with the equilibria; two-player games with "
                 "2 or 3 strategies each, one panel per player: its mixes (a triangle for 3 strategies) coloured "
                 "by the other's best response, equilibria marked E1, E2, ...; sequential games, the tree with "
                 "the subgame-perfect path; with --qre, the branch; to a picture file")
@click.option("--verbose", is_flag=True, help="Also print each player's regret and the tolerance it is checked with.")
@click.option("--explain", is_flag=True,
              help="Normal-form games: also say why each equilibrium is one, in words: dominance steps (or none), "
                   "each strategy's payoff against the others' play, the indifferences behind mixes.")
@click.option("--normal-form", is_flag=True,
              help="Sequential games: also list every Nash equilibrium of the reduced normal form (the text "
                   "gives the subgame-perfect answer and counts them).")
@click.option("--spe-only", is_flag=True,
              help="Sequential games with --json: only the subgame-perfect equilibria and the count of "
                   "normal-form ones (compact).")
@force_option
@_user_errors
def solve(game, sets, as_json, tol, exact, time_budget, max_support, qre, qre_lambdas, qre_maxregret, verbose,
          explain, normal_form, spe_only, plot, force):
    """Find the Nash equilibria of GAME, each checked by its regrets.

    Two-player games: all equilibria (pure and mixed) of non-degenerate games.
    Games with 3 or more players: every isolated equilibrium, by exact
    polynomial solving, and continua of equilibria.  Sequential games:
    every subgame-perfect equilibrium (path and full strategies), the tree,
    and the Nash equilibria of the reduced normal form, marked subgame
    perfect or not.
    """
    for flag, value in (("--qre-lambdas", qre_lambdas), ("--qre-maxregret", qre_maxregret)):
        if value is not None and not qre:
            raise GameFileError(flag, "", "applies only with --qre")
    parametric = load_game(game)
    for flag, value in (("--normal-form", normal_form), ("--spe-only", spe_only)):
        if value and not isinstance(parametric, ParametricTree):
            raise GameFileError(flag, "", "applies only to sequential games")
    if explain and (isinstance(parametric, ParametricTree) or qre or as_json):
        raise GameFileError("--explain", "", "explains the equilibria of a normal-form game in the text output "
                                             "(not with a tree, --qre or --json)")
    if spe_only and not as_json:
        raise GameFileError("--spe-only", "", "shapes the --json output; the text gives the subgame-perfect answer "
                                              "by default")
    if qre:
        extra = {} if qre_maxregret is None else {"qre_maxregret": qre_maxregret}
        branch = api.solve(parametric, _parse_sets(sets), tol=tol, exact=exact, time_budget=time_budget,
                           max_support=max_support, plot=plot, overwrite=force, qre=True, qre_lambdas=qre_lambdas,
                           **extra)
        click.echo(json.dumps(qre_dict(branch, source=parametric.source), indent=2) if as_json else show_qre(branch))
        return
    if plot and not isinstance(parametric, ParametricTree) and response_picture(parametric.shape) is None:
        # Said here rather than by api.solve: the advice names another command.
        raise GameFileError("--plot", plot, "pictures of 'solve' are for two-player games with 2 or 3 strategies "
                                            "each, sequential games and --qre; use 'gtre sweep --plot' for maps")
    result = api.solve(parametric, _parse_sets(sets), tol=tol, exact=exact, time_budget=time_budget,
                       max_support=max_support, plot=plot, overwrite=force)
    if isinstance(parametric, ParametricTree):
        if as_json:
            click.echo(json.dumps(sequential_dict(result, source=parametric.source, spe_only=spe_only), indent=2))
        else:
            click.echo(show_sequential(result, normal_form=normal_form, verbose=verbose))
        return
    if as_json:
        click.echo(json.dumps(result_dict(result, source=parametric.source), indent=2))
    else:
        click.echo(show_result(result, verbose=verbose))
        if explain:
            click.echo("\n" + explain_result(result))


solve.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n  gtre solve us_japan_china\n"
    "  gtre solve us_china --set q=0.3\n  gtre solve us_china --set rho=0.3 --json\n"
    "  gtre solve rock_paper_scissors\n  gtre solve stag_hunt --explain\n  gtre solve stag_hunt --plot responses.png\n"
    "  gtre solve rock_paper_scissors --plot regions.png\n"
    "  gtre solve us_japan_china --set gamma_U=0.7 --set gamma_AB=0.8 --exact\n"
    "  gtre solve us_japan_china_sequential --plot tree.png\n"
    "  gtre solve us_japan_china_sequential --set gamma_U=0.7 --set gamma_AB=0.8 --json --spe-only\n"
    "  gtre solve us_japan_china_sequential --normal-form\n"
    "  gtre solve battle_of_the_sexes --qre --qre-lambdas 0.5,1,2 --plot qre.png"
)


@main.command()
@click.argument("game")
@click.argument("out", type=click.Path(dir_okay=False))
@set_option
@force_option
@_user_errors
def convert(game, out, sets, force):
    """Write GAME, at its parameter point, as a Gambit .nfg or .efg file OUT.

    A normal-form game becomes .nfg; a sequential game becomes .efg (its
    tree) or .nfg (its reduced normal form).  The file is written to a
    temporary file and renamed, so OUT is never left half-written; an
    existing OUT is replaced only with --force.
    """
    conversion = api.convert(game, out, _parse_sets(sets), overwrite=force)
    click.echo(f"wrote {escape_unprintable(conversion.out)}")


convert.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n  gtre convert us_china us_china.nfg --set q=0.3\n"
    "  gtre convert us_japan_china_sequential game_c.efg"
)


@main.command()
@click.argument("game")
@click.option("--orders", "orders", multiple=True, metavar="P1,P2,...",
              help="A move order, players separated by commas (e.g. US,Japan,China). "
                   "Repeatable; default: every order.")
@set_option
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@_user_errors
def compare(game, orders, sets, as_json):
    """Simultaneous play of GAME against each move order: the value of moving first.

    For each order, the subgame-perfect outcome and every player's gain over
    simultaneous play (its pure equilibria); a range when several equilibria
    exist.
    """
    comparison = api.compare(game, orders, _parse_sets(sets))
    click.echo(json.dumps(comparison_dict(comparison), indent=2) if as_json else show_comparison(comparison))


compare.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n  gtre compare us_japan_china\n"
    "  gtre compare us_japan_china --orders US,Japan,China --orders China,US,Japan\n"
    "  gtre compare us_japan_china_sequential --set gamma_U=0.7 --set gamma_AB=0.8 --json"
)


# The sweep options are checked with the sweep package's own checks.

#: Help of --equilibria, shared by sweep and threshold.
EQUILIBRIA_HELP = (
    "pure: pure equilibria only (fast, any number of players); all: every equilibrium (batched where "
    "the batched solver covers the game, else the one-game solver at every point, slow); auto: all "
    "for 1- and 2-player games and the 3-player games the batched solver covers, pure otherwise. "
    "The output's header says which ran and why."
)


def _read_axes(flag, values):
    return tuple(read_axis(v, flag) for v in values)


def _sweep_output(flag, path):
    output_format(path)
    return path


def _workers(flag, value):
    return check_workers(value, flag)


class _ProgressBar:
    """``progress(done, total)`` for :func:`gametheory_re.api.sweep`: a bar on
    stderr, opened at the first call, when the total is known."""

    def __init__(self, shown: bool, label: str = "sweep"):
        self.shown, self.bar, self.done, self.label = shown, None, 0, label

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, hidden=not self.shown)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _sweep_maps(flag, values):
    """``--sweep s=0:1:41,b_U=0:0.5:26``: each a map's axes, read here so that mistakes name the flag."""
    return [[read_axis(a.strip(), flag) for a in value.split(",")] for value in values]


@main.command()
@click.argument("game")
@click.option("-o", "--out", required=True, metavar="FILE.html", help="The page to write (refused if it exists, "
                                                                      "unless --force).")
@set_option
@click.option("--sweep", "sweeps", multiple=True, metavar="AXIS[,AXIS]", callback=_checked(_sweep_maps),
              help="Add a map over 1 or 2 parameters, each AXIS NAME=START:STOP:N (repeatable: one map each).")
@click.option("--conditions", default=None, metavar="NAME[,NAME...]",
              help="Add the exact conditions, with these parameters free (the others at --set or the defaults).")
@click.option("--time-budget", default=str(DEFAULT_TIME_BUDGET), show_default=True, metavar="SECONDS",
              callback=_checked(check_time_budget), help="Time the equilibrium search and the conditions may each "
                                                         "spend ('inf': no limit).")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON (file, bytes, sections).")
@force_option
@_user_errors
def report(game, out, sets, sweeps, conditions, time_budget, as_json, force):
    """Write one self-contained HTML page about GAME for a class or a reader.

    The page holds the game's description, references and parameters; the
    payoff matrices with best responses and Nash cells marked; dominance
    (strict and weak); every equilibrium with its payoffs and why it is one;
    Pareto efficiency over all profiles; the best-response picture (2x2
    games; the regions of best responses with 3 strategies for a player) or
    the tree with its subgame-perfect path; the value of commitment; and the
    maps and exact conditions asked for.  Pictures and styles are inside
    the file: it opens offline, prints, and reads on a phone.
    """
    page = api.report(game, _parse_sets(sets), sweeps=sweeps, conditions=conditions, out=out, overwrite=force,
                      time_budget=time_budget)
    sections = [heading for _, heading in report_outline(page)]
    if as_json:
        click.echo(json.dumps({"out": page.out, "bytes": page.size, "sections": sections}, indent=2))
    else:
        click.echo(f"wrote {escape_unprintable(page.out)} ({page.size / 1024:.0f} KB): {', '.join(sections)}")


report.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n  gtre report prisoners_dilemma -o pd.html\n"
    "  gtre report us_japan_china -o r.html --sweep s=0:1:41,b_U=0:0.5:26 --conditions s,K\n"
    "  gtre report us_japan_china_sequential -o c.html --set gamma_U=0.7"
)


@main.command()
@click.argument("game")
@click.option("--vary", multiple=True, metavar="NAME=START:STOP:N[:log]", callback=_checked(_read_axes),
              help="A grid axis (repeatable).")
@click.option("--samples", type=click.IntRange(1, MAX_POINTS), default=None,
              help="Random points over the declared bounds instead of a grid.")
@click.option("--sample-param", "sample_params", multiple=True, metavar="NAME",
              help="Parameter to sample (repeatable; default: every bounded parameter).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Seed of --samples (0 or more).")
@click.option("--latin", is_flag=True, help="Latin-hypercube samples instead of independent ones.")
@set_option
@click.option("--outcome", "outcomes", multiple=True, metavar="NAME", help="Outcome to report (repeatable; default all).")
@click.option("--equilibria", type=click.Choice(["auto", "pure", "all"]), default="auto", show_default=True,
              help=EQUILIBRIA_HELP)
@click.option("--out", type=click.Path(dir_okay=False), default=None, callback=_checked(_sweep_output),
              help="Write one row per point to a .csv, .jsonl or .parquet file (Parquet needs pyarrow).")
@click.option("--resume", is_flag=True, help="Finish an interrupted sweep to --out from its finished chunks.")
@click.option("--select", default=None, metavar="RULE",
              help="Equilibrium selection (first, payoff_dominant or risk_dominant): the --out rows also get, per "
                   "outcome, a column OUTCOME@RULE with its probability in the equilibrium the rule selects "
                   "(empty where it selects none).")
@_picture_option("Draw a band chart (1 axis) or a regime map (2 axes) with a strip or an outcome map for each "
                 "outcome (the --outcome ones, default all; the first 4 if more, as the picture says) to a picture "
                 "file")
@click.option("--boundaries", is_flag=True,
              help="With --plot and two --vary axes: draw the exact curves of the game's conditions (as 'gtre "
                   "conditions' gives them) where they separate regions, each named in a legend.")
@force_option
@click.option("--workers", type=int, default=1, show_default=True, callback=_checked(_workers),
              help=f"Local worker processes (at most {MAX_WORKERS_PER_CPU} per CPU core).")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="A dask.distributed scheduler to run chunks on.")
@click.option("--chunk-size", type=click.IntRange(1, 10**7), default=None,
              help="Points per chunk (default 65536, fewer for games with many payoffs).")
@click.option("--periods", type=click.IntRange(1, MAX_PERIODS), default=None, metavar="T",
              help="Dynamic games: simulate T periods from each point (default: the file's); each row is the "
                   "long-run outcome, the play at period T, with columns limit, switches and first_OUTCOME.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_user_errors
def sweep(game, vary, samples, sample_params, seed, latin, sets, outcomes, equilibria, out, resume, select, plot,
          boundaries, force, workers, scheduler, chunk_size, periods, as_json, quiet):
    """Equilibria and outcomes of GAME over a grid or sample of parameter points.

    Prints which equilibria were searched and why, how many points fall in
    each equilibrium set by support (regime) and, per outcome, in how many
    points it holds in all, some or no equilibria.  Rows written with --out
    have a label column (with the mixing players' probabilities) and a
    support column (without); pictures colour regions by support, each
    support in a colour of its own label (the same in every picture of the
    game), supports too small to see grey and summed as 'other'.
    Without --out only the counts (and, with --plot, one label per grid
    cell) are kept in memory, so any number of points runs in bounded memory.
    """
    bar = _ProgressBar(not quiet and not as_json and sys.stderr.isatty())
    try:
        result = api.sweep(game, vary, samples=samples, sample_params=sample_params, seed=seed, latin=latin,
                           params=_parse_sets(sets), outcomes=outcomes or None, equilibria=equilibria, out=out,
                           resume=resume, plot=plot, boundaries=boundaries, overwrite=force, workers=workers,
                           scheduler=scheduler,
                           chunk_size=chunk_size, collect=False, progress=bar, select=select, periods=periods)
    finally:
        bar.close()
    if as_json:
        click.echo(json.dumps(summary_dict(result.summary), indent=2))
    else:
        click.echo(show_summary(result.summary))


sweep.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n"
    "  gtre sweep us_japan_china --vary s=0:1:101 --vary K=0.1:3:101 --out bs.csv --plot bs.png\n"
    "  gtre sweep us_china --vary rho=0:1:201 --plot rho.svg\n"
    "  gtre sweep us_japan_china --vary s=0:1:101 --vary K=0.1:3:101 --plot bs.png --boundaries\n"
    "  gtre sweep us_japan_china --samples 100000 --latin --seed 1 --out lhs.jsonl --workers 2\n"
    "  gtre sweep us_japan_china --vary K=0.1:3:2000 --out k.csv --resume\n"
    "  gtre sweep us_japan_china_dual_chain --vary phi_theta=0:0.5:11 --vary phi_gamma=0:0.5:11 --periods 30"
)


@main.command()
@click.argument("game")
@click.option("--param", required=True, metavar="NAME", help="The parameter to move (needs declared bounds).")
@click.option("--outcome", required=True, metavar="NAME", help="The outcome whose status is followed.")
@set_option
@click.option("--points", default="201", show_default=True, metavar="N",
              callback=_checked(check_integer, minimum=2, maximum=10**6), help="Initial grid size.")
@click.option("--xtol", default=None, metavar="X", callback=_checked(check_positive),
              help="Bracket width to stop at, above 0 (default 1e-9 x range).")
@click.option("--equilibria", type=click.Choice(["auto", "pure", "all"]), default="auto", show_default=True,
              help=EQUILIBRIA_HELP)
@click.option("--exact", is_flag=True,
              help="Also give each switch as an exact boundary (PARAM = formula, and its exact value) where it is "
                   "one of the equilibrium conditions; bisection otherwise, and says so. Normal-form games only.")
@click.option("--json", "as_json", is_flag=True, help="Print the switches as JSON.")
@_user_errors
def threshold(game, param, outcome, sets, points, xtol, equilibria, exact, as_json):
    """Values of a parameter at which an outcome switches (e.g. from 'none' to 'all').

    Scans the parameter's range on a grid, then bisects every interval where
    the outcome's status (all / some / none equilibria) changes.  Each
    switch shows the equilibrium sets on both sides with probabilities; a
    change of probabilities alone is no switch.  With --exact each switch
    is matched to the condition of an equilibrium that appears or
    disappears there, solved for the parameter with all others free: the
    boundary as a formula and its exact value at the point.
    """
    result = api.threshold(game, param, outcome, _parse_sets(sets), points, xtol, equilibria=equilibria,
                           exact=exact)
    click.echo(json.dumps(threshold_dict(result), indent=2) if as_json else show_switches(result))


threshold.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n"
    "  gtre threshold us_japan_china --param s --outcome burden_sharing --set K=0.5\n"
    "  gtre threshold us_china --param rho --outcome status_quo --json\n"
    "  gtre threshold us_china --param rho --outcome status_quo --exact"
)



def _free_names(ctx, param, value):
    if value is None:
        return None
    names = [n.strip() for n in value.split(",")]
    if not all(names):
        raise click.BadParameter("expected parameter names separated by commas, e.g. --free s,K")
    return names


@main.command()
@click.argument("game")
@set_option
@click.option("--free", default=None, metavar="NAME[,NAME...]", callback=_free_names,
              help="Keep only these parameters free; the others take --set values or their defaults.")
@click.option("--outcome", "outcomes", multiple=True, metavar="NAME", help="Outcome to give conditions for (repeatable; default all).")
@click.option("--no-mixed", "no_mixed", is_flag=True, help="Pure equilibria only: no closed-form mixed equilibria.")
@click.option("--time-budget", default=str(DEFAULT_TIME_BUDGET), show_default=True, metavar="SECONDS",
              callback=_checked(check_time_budget),
              help="Seconds for the whole analysis, at least 0 ('inf': no limit); the mixed part stops at it and says so.")
@click.option("--latex", is_flag=True, help="Write the conditions in LaTeX.")
@click.option("--json", "as_json", is_flag=True, help="Print the conditions as JSON (strings sympy's parser reads back).")
@_user_errors
def conditions(game, sets, free, outcomes, no_mixed, time_budget, latex, as_json):
    """Exact conditions on the parameters under which each equilibrium and each outcome holds.

    For every pure profile: the inequalities (one per player and
    deviation, simplified over the parameters' bounds, min/max payoffs
    split into cases) under which it is a Nash equilibrium, in words.
    Then the mixed equilibria in closed form (probabilities as formulas of
    the parameters) where two players mix, and per outcome where it holds
    in every and in some pure equilibrium.  With one --free parameter each
    condition is solved for it and given as intervals.
    """
    if latex and as_json:
        raise GameFileError("--latex", "", "not with --json: the JSON holds every condition both ways "
                            "('condition' and 'latex')")
    result = api.conditions(game, _parse_sets(sets), free, outcomes or None, not no_mixed, time_budget)
    if isinstance(result, SequentialConditions):  # a tree: subgame perfection node by node
        click.echo(json.dumps(sequential_conditions_dict(result), indent=2) if as_json
                   else show_sequential_conditions(result, latex=latex))
        return
    click.echo(json.dumps(conditions_dict(result), indent=2) if as_json else show_conditions(result, latex=latex))


conditions.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n"
    "  gtre conditions us_china\n"
    "  gtre conditions us_china --free rho --outcome status_quo\n"
    "  gtre conditions us_japan_china --free s,K --outcome burden_sharing\n"
    "  gtre conditions us_japan_china --set kappa=0 --no-mixed --json\n"
    "  gtre conditions us_japan_china_sequential --free s,K"
)


def _read_ranges(flag, values):
    return dict(read_range(v, flag) for v in values)


def _options(*decorators):
    """One decorator applying ``decorators`` as if written one above the other."""
    def apply(command):
        for decorator in reversed(decorators):
            command = decorator(command)
        return command
    return apply


# The options gtre sensitivity and gtre discover share: the quantity and what varies ...
_study_quantity = _options(
    click.option("--status", type=click.Choice(["all", "some"]), default=None,
                 help="The quantity: 1 where the outcome holds in every (all, the default) or some equilibrium."),
    click.option("--select", type=click.Choice(SELECTION_RULES), default=None,
                 help="Instead: the outcome's probability in the equilibrium this rule selects."),
    click.option("--vary", multiple=True, metavar="NAME",
                 help="Parameter to vary (repeatable; default: every parameter with declared bounds not --fix'ed)."),
    click.option("--fix", "fixes", multiple=True, metavar="NAME=VALUE", help="Hold a parameter at a value (repeatable)."),
    click.option("--range", "ranges", multiple=True, metavar="NAME=LO:HI", callback=_checked(_read_ranges),
                 help="Vary a parameter over LO..HI instead of its declared bounds (within them; repeatable)."),
)
# ... where the runs go ...
_study_out = click.option("--out", type=click.Path(dir_okay=False), default=None, callback=_checked(_sweep_output),
                          help="Write every run's row to a .csv, .jsonl or .parquet file, as 'gtre sweep --out' does.")
# ... and how they are run and shown.
_study_engine = _options(
    force_option,
    click.option("--workers", type=int, default=1, show_default=True, callback=_checked(_workers),
                 help=f"Local worker processes (at most {MAX_WORKERS_PER_CPU} per CPU core)."),
    click.option("--scheduler", default=None, metavar="ADDRESS", help="A dask.distributed scheduler to run chunks on."),
    click.option("--chunk-size", type=click.IntRange(1, 10**7), default=None, help="Runs per chunk of the sweep engine."),
    click.option("--json", "as_json", is_flag=True, help="Print the result as JSON."),
    click.option("--quiet", is_flag=True, help="No progress bar."),
)


@main.command()
@click.argument("game")
@click.option("--outcome", required=True, metavar="NAME", help="The outcome whose quantity is analysed.")
@click.option("--method", type=click.Choice(SENSITIVITY_METHODS), default="sobol", show_default=True,
              help="sobol: S1 and ST with bootstrap intervals (own Saltelli design); rbd-fast: S1 from one Latin "
                   "hypercube, cheap for many parameters; pawn: Kolmogorov-Smirnov statistics over slices; "
                   "filtering: Monte-Carlo filtering, holds vs does not.")
@_study_quantity
@click.option("--samples", type=click.IntRange(2, MAX_POINTS), default=None,
              help="sobol: base samples N, a power of 2 (default 1024; runs N(D+2), N(2D+2) with --second-order); "
                   "others: points of the Latin hypercube (default 8192).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Seed of the sample and bootstrap.")
@click.option("--second-order", is_flag=True, help="Also Sobol second-order indices (pairs of parameters).")
@click.option("--resamples", type=click.IntRange(1, 10_000), default=100, show_default=True,
              help="Bootstrap resamples of the confidence intervals (sobol, rbd-fast).")
@click.option("--conf-level", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.95,
              show_default=True, help="Confidence level of the intervals.")
@click.option("--harmonics", type=click.IntRange(1, 100), default=10, show_default=True, help="RBD-FAST's harmonics M.")
@click.option("--slices", type=click.IntRange(2, 100), default=10, show_default=True, help="PAWN's slices per parameter.")
@click.option("--equilibria", type=click.Choice(["auto", "pure", "all"]), default="auto", show_default=True,
              help=EQUILIBRIA_HELP)
@click.option("--from", "table", type=click.Path(dir_okay=False), default=None, callback=_checked(_sweep_output),
              help="Analyse the rows of an earlier 'gtre sweep --samples N --latin --out FILE' (sobol: of an "
                   "earlier 'gtre sensitivity --out FILE') instead of solving again.")
@_study_out
@click.option("--resume", is_flag=True, help="Finish an interrupted study to --out from the chunks it wrote.")
@_picture_option("Draw the indices as a bar chart")
@_study_engine
@_user_errors
def sensitivity(game, outcome, method, status, select, vary, fixes, ranges, samples, seed, second_order, resamples,
                conf_level, harmonics, slices, equilibria, table, out, resume, plot, force, workers, scheduler,
                chunk_size, as_json, quiet):
    """Which parameters decide whether an outcome holds: global sensitivity indices.

    Every varied parameter is drawn uniformly over its range, GAME is
    solved at every run by the vectorised sweep engine, and the quantity
    (--status, or --select's probability) is analysed by SALib.  Runs with
    no equilibrium found to judge by are counted and left out, never taken
    as "does not hold".  Needs the 'sensitivity' extra.
    """
    bar = _ProgressBar(not quiet and not as_json and sys.stderr.isatty(), label="runs")
    try:
        result = api.sensitivity(
            game, outcome, method=method, status=status, select=select, vary=vary, fix=_parse_sets(fixes, "--fix"),
            ranges=ranges, samples=samples, seed=seed, second_order=second_order, resamples=resamples,
            conf_level=conf_level, harmonics=harmonics, slices=slices, equilibria=equilibria, table=table, out=out,
            resume=resume, plot=plot, overwrite=force, workers=workers, scheduler=scheduler, chunk_size=chunk_size,
            progress=bar,
        )
    finally:
        bar.close()
    click.echo(json.dumps(sensitivity_dict(result), indent=2) if as_json else show_sensitivity(result))


sensitivity.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n"
    "  gtre sensitivity us_japan_china --outcome burden_sharing --plot indices.png\n"
    "  gtre sensitivity us_japan_china --outcome burden_sharing --samples 256 --workers 2 --out runs.csv\n"
    "  gtre sensitivity us_china --outcome status_quo --vary rho --vary g --vary K --second-order --json\n"
    "  gtre sensitivity us_japan_china --outcome burden_sharing --method rbd-fast --fix kappa=0 --range K=0.5:2\n"
    "  gtre sensitivity us_japan_china --outcome burden_sharing --status some --method filtering"
)


@main.command()
@click.argument("game")
@click.option("--outcome", required=True, metavar="NAME", help="The outcome whose region is described.")
@click.option("--method", type=click.Choice(DISCOVERY_METHODS), default="prim", show_default=True,
              help="prim: a box by peeling and pasting (EMA Workbench), with its trade-off curve; tree: one rule "
                   "per leaf of a decision tree (scikit-learn).")
@_study_quantity
@click.option("--samples", type=click.IntRange(20, MAX_POINTS), default=None,
              help="Points of the Latin hypercube (default 10000).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the sample (and the tree's tie-breaks).")
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True), default=0.8, show_default=True,
              help="prim: the density the box should reach; the box reported is the step with the largest "
                   "coverage at or above it (the densest when none is).")
@click.option("--peel-alpha", type=click.FloatRange(0, 0.5, min_open=True), default=0.05, show_default=True,
              help="prim: share of the box's runs peeled off per step.")
@click.option("--paste-alpha", type=click.FloatRange(0, 0.5, min_open=True), default=0.05, show_default=True,
              help="prim: share of the box's runs pasted back per step.")
@click.option("--mass-min", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05, show_default=True,
              help="prim: the least share of all runs a box keeps.")
@click.option("--box", type=click.IntRange(min=0), default=None,
              help="prim: report this step of the trajectory instead (0: the whole sample).")
@click.option("--max-depth", type=click.IntRange(1, 20), default=3, show_default=True, help="tree: most levels.")
@click.option("--min-leaf", type=click.FloatRange(0, 0.5, min_open=True), default=0.05, show_default=True,
              help="tree: the least share of the runs in a leaf.")
@click.option("--equilibria", type=click.Choice(["auto", "pure", "all"]), default="auto", show_default=True,
              help=EQUILIBRIA_HELP)
@click.option("--from", "table", type=click.Path(dir_okay=False), default=None, callback=_checked(_sweep_output),
              help="Analyse the rows of an earlier 'gtre sweep --samples N [--latin] --out FILE' instead of "
                   "solving again.")
@_study_out
@click.option("--resume", is_flag=True, help="Finish an interrupted discovery to --out from the chunks it wrote.")
@_picture_option("Draw the trade-off curve and box limits (prim) or the rules (tree)")
@_study_engine
@_user_errors
def discover(game, outcome, method, status, select, vary, fixes, ranges, samples, seed, threshold, peel_alpha,
             paste_alpha, mass_min, box, max_depth, min_leaf, equilibria, table, out, resume, plot, force, workers,
             scheduler, chunk_size, as_json, quiet):
    """Where an outcome holds, in a few readable bounds: scenario discovery.

    Every varied parameter is drawn over its range (a Latin hypercube),
    GAME is solved at every run by the vectorised sweep engine, and the runs
    where the quantity holds are described by a PRIM box (its restricted
    parameters with bounds and quasi-p-values, coverage and density) or by
    decision-tree rules (support and purity).  Runs with no equilibrium
    found to judge by are counted and left out.  Needs the 'sensitivity'
    extra.
    """
    bar = _ProgressBar(not quiet and not as_json and sys.stderr.isatty(), label="runs")
    try:
        result = api.discover(
            game, outcome, method=method, status=status, select=select, vary=vary, fix=_parse_sets(fixes, "--fix"),
            ranges=ranges, samples=samples, seed=seed, threshold=threshold, peel_alpha=peel_alpha,
            paste_alpha=paste_alpha, mass_min=mass_min, box=box, max_depth=max_depth, min_leaf=min_leaf,
            equilibria=equilibria, table=table, out=out, resume=resume, plot=plot, overwrite=force,
            workers=workers, scheduler=scheduler, chunk_size=chunk_size, progress=bar,
        )
    finally:
        bar.close()
    click.echo(json.dumps(discovery_dict(result), indent=2) if as_json else show_discovery(result))


discover.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n"
    "  gtre discover us_japan_china --outcome burden_sharing --vary s --vary K --samples 2000\n"
    "  gtre discover us_japan_china --outcome burden_sharing --samples 1000 --plot box.png --out runs.csv\n"
    "  gtre discover us_japan_china --outcome burden_sharing --method tree --max-depth 2 --samples 2000\n"
    "  gtre discover us_china --outcome status_quo --vary rho --vary g --threshold 0.95 --samples 1000 --json"
)


@main.command()
@click.argument("game")
@click.option("--periods", type=click.IntRange(1, MAX_PERIODS), default=None, metavar="T",
              help="Updates to run: periods 0..T are played (default: the file's dynamics.periods).")
@set_option
@click.option("--select", type=click.Choice(DYNAMIC_SELECTION), default=None,
              help="Which equilibrium is played when a period has several (default: the file's dynamics.select); "
                   "'all' follows every one as a branch.")
@click.option("--fallback", type=click.Choice(SELECTION_RULES), default=None,
              help="persist's rule in period 0 and when last period's play stops being an equilibrium "
                   "(default: the file's).")
@click.option("--bounds", type=click.Choice(BOUNDS_RULES), default=None,
              help="A state value leaving its parameter's bounds is clipped or stops the run (default: the file's).")
@click.option("--compare", "compares", multiple=True, metavar="NAME=VALUE[,NAME=VALUE]",
              help="Also run a counterfactual with these parameters changed (repeatable: one run each), "
                   "shown side by side.")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write the per-period table as CSV.")
@_picture_option("Draw the state over time and the play in each period to a picture file")
@force_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@_user_errors
def simulate(game, periods, sets, select, fallback, bounds, compares, out, plot, force, as_json):
    """Play the dynamic GAME period after period, the play feeding back into its parameters.

    Each period the stage game is solved at the current state, one
    equilibrium is selected, and the state parameters take the values of the
    file's update rules under that play.  Prints, per period, the state,
    the play and the named outcomes; then the periods where the play
    switches, the first period of each outcome, and the limit reached
    (fixed point, cycle, or still moving).
    """
    counterfactuals = [_parse_sets(tuple(c.split(",")), "--compare") for c in compares]
    result = api.simulate(game, _parse_sets(sets), periods=periods, select=select, fallback=fallback, bounds=bounds,
                          compare=counterfactuals, out=out, plot=plot, overwrite=force)
    click.echo(json.dumps(simulation_dict(result), indent=2) if as_json else show_simulation(result))
    for label, target in (("wrote", out), ("drew", plot)):
        if target is not None and not as_json:
            click.echo(f"{label} {escape_unprintable(target)}")


simulate.help += (
    "\n\nGAME is a .toml game file with a [dynamics] section, or the name of a bundled one.\n\n\b\nExamples:\n"
    "  gtre simulate us_japan_china_dual_chain\n"
    "  gtre simulate us_japan_china_dual_chain --periods 30 --compare phi_gamma=0\n"
    "  gtre simulate us_japan_china_dual_chain --set phi_theta=0.3 --select first --json"
)


def _start_profile(flag, text):
    """``--start 0.5,0.5;1,0``: each player's probabilities, players separated by ';'."""
    try:
        return [[float(x) for x in part.split(",")] for part in text.split(";")]
    except ValueError:
        raise GameFileError(flag, text, "expected each player's probabilities, e.g. 0.8,0.2;0.5,0.5") from None


@main.command()
@click.argument("game")
@click.option("--rule", type=click.Choice(list(LEARNING_RULES)), default="fictitious-play", show_default=True,
              help="The learning rule.")
@click.option("--iterations", type=click.IntRange(1, 10**6), default=None, metavar="N",
              help="Updates (replicator: time steps over --horizon); default 100 for best-response, 1000 otherwise.")
@set_option
@click.option("--start", default=None, metavar="P;P;...", callback=_checked(_start_profile),
              help="Each player's initial probabilities, e.g. 0.8,0.2;0.5,0.5 (fictitious play: initial counts).")
@click.option("--tie", type=click.Choice(["first", "random", "stay"]), default=None,
              help="Ties between best replies: fictitious-play first (default) or random; best-response stay "
                   "(default), first or random.")
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Seed of random ties and draws.")
@click.option("--lam", default=None, metavar="L", help="logit: precision, above 0 (default 10).")
@click.option("--step", default=None, metavar="H", help="logit: step, in (0, 1] (default 0.1).")
@click.option("--etha", default=None, metavar="E", help="stochastic-fictitious-play: logit noise (default 0.1).")
@click.option("--epsilon-bar", default=None, metavar="E",
              help="stochastic-fictitious-play: largest payoff perturbation (default 0.01).")
@click.option("--horizon", default=None, metavar="T", help="replicator: time span from 0 (default 10).")
@click.option("--tol", default=None, metavar="T", callback=_checked(check_tolerance),
              help="Regret tolerance of the final profile (default 1e-6 x max |payoff|).")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write the trajectory as CSV.")
@_picture_option("Draw the trajectory (a simplex for 3 strategies, probability paths otherwise) to a picture file")
@force_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@_user_errors
def learn(game, rule, iterations, sets, start, tie, seed, lam, step, etha, epsilon_bar, horizon, tol, out, plot, force,
          as_json):
    """Run a learning rule on GAME and say where play ends up.

    Prints the final profile with each player's regret, whether it is an
    equilibrium within the tolerance, whether and when the rule converged,
    and a summary of the trajectory.
    """
    result = api.learn(game, rule=rule, params=_parse_sets(sets), iterations=iterations, start=start, tie=tie,
                       seed=seed, lam=lam, step=step, etha=etha, epsilon_bar=epsilon_bar, horizon=horizon, tol=tol,
                       out=out, plot=plot, overwrite=force)
    click.echo(json.dumps(learning_dict(result), indent=2) if as_json else show_learning(result))
    for label, target in (("wrote", out), ("drew", plot)):
        if target is not None and not as_json:
            click.echo(f"{label} {escape_unprintable(target)}")


learn.help += (
    "\n\n" + GAME_HELP + "\n\n\b\nExamples:\n"
    "  gtre learn matching_pennies --rule fictitious-play --iterations 2000\n"
    "  gtre learn rock_paper_scissors --rule replicator --start '0.5,0.3,0.2;0.2,0.3,0.5'\n"
    "  gtre learn stag_hunt --rule replicator-discrete --start '0.8,0.2;0.8,0.2' --json\n"
    "  gtre learn us_japan_china --rule logit --lam 20 --set s=0.5"
)


def run(prog_name: str | None = None):
    """The ``gtre`` console script: :func:`main`, with the interpreter's shutdown kept short.

    Everything ``gtre`` imported (sympy above all) is moved out of the
    garbage collector's sight once the imports are done and again before the
    interpreter exits, so that neither the collections during the run nor the
    ones at shutdown walk those objects again: 0.2 to 0.45 s of every
    command's wall time on a 2-core machine (benchmarks/README.md).  Exit
    handlers still run; nothing is skipped.
    """
    gc.freeze()
    try:
        main(prog_name=prog_name)
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
