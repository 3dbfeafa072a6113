"""A safe evaluator for the formulas editors write in calculators: Decimal arithmetic, no eval.

A formula is one expression over names and numbers: + - * / **, comparisons, `and`, `or`, `not`,
`x if condition else y`, and the functions min, max, round and abs. Comparisons give 1 or 0, and any
value other than 0 counts as true. Anything else (attributes, subscripts, other calls, strings,
comprehensions, lambdas, assignment) is refused with a `FormulaError` whose message is Dutch.

No Django import: the pages, the tests and the benchmark all use this module as it is.
"""

import ast
import decimal
import operator
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache

MAX_LENGTH = 1000
# No sensible amount in a calculator for customers comes near this; it also keeps every step fast.
MAX_MAGNITUDE = Decimal("1e15")
MAX_EXPONENT = 1200  # a hundred years in months
MAX_ROUND_DIGITS = 10
MAX_DEPTH = 100  # nesting levels; keeps the walk far from Python's recursion limit, even inside a view
FUNCTIONS = frozenset({"min", "max", "round", "abs"})

_CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999,
    Emin=-999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_ONE, _ZERO = Decimal(1), Decimal(0)


def gettext_noop(message):
    """Marks a message for the translation catalogue; the Django side translates it (no Django import here)."""
    return message


DIVISION_BY_ZERO = gettext_noop("Deling door nul: met deze waarden kan de formule niet rekenen.")
TOO_COMPLEX = gettext_noop("De formule is te ingewikkeld; maak hem korter of splits hem in tussenwaarden.")
TOO_LARGE = gettext_noop("De uitkomst is te groot.")
NUMBER_TOO_LARGE = gettext_noop("Het getal %(number)s is te groot voor een formule.")
NOT_ALLOWED = gettext_noop("Deze bewerking kan niet in een formule.")


class FormulaError(ValueError):
    """The formula or its values cannot give a result; the message says why, in Dutch.

    `message` and `params` let the Django side translate it: gettext(error.message) % error.params.
    """

    def __init__(self, message, **params):
        self.message = message
        self.params = params
        super().__init__(message % params if params else message)


class DivideByZero(FormulaError):
    """The formula is sound but these values make it divide by zero."""


def _refuse(message, **params):
    raise FormulaError(message, **params)


_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_COMPARE = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_OPERATOR_HINTS = {
    ast.BitXor: gettext_noop("Gebruik ** voor machtsverheffen, niet ^."),
    ast.FloorDiv: gettext_noop("Gebruik / en round() in plaats van //."),
    ast.Mod: gettext_noop("Het procentteken kan niet in een formule; deel door 100 voor een percentage."),
}


def _check(node, names, depth=0):
    """Walk the tree once, refusing every construct that is not arithmetic; collect the names used."""
    if depth > MAX_DEPTH:
        _refuse(TOO_COMPLEX)
    depth += 1
    if isinstance(node, ast.Expression):
        _check(node.body, names, depth)
    elif isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(value, str):
                _refuse(gettext_noop("Tekst tussen aanhalingstekens kan niet in een formule."))
            _refuse(gettext_noop("Alleen getallen en namen kunnen in een formule."))
    elif isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            _refuse(gettext_noop("%(name)s is een functie; schrijf %(name)s(…)."), name=node.id)
        names.add(node.id)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            _refuse(_OPERATOR_HINTS.get(type(node.op), NOT_ALLOWED))
        _check(node.left, names, depth)
        _check(node.right, names, depth)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.UAdd | ast.USub | ast.Not):
            _refuse(NOT_ALLOWED)
        _check(node.operand, names, depth)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value, names, depth)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARE:
                _refuse(gettext_noop("Vergelijk met <, <=, >, >=, == of !=."))
        _check(node.left, names, depth)
        for comparator in node.comparators:
            _check(comparator, names, depth)
    elif isinstance(node, ast.IfExp):
        _check(node.test, names, depth)
        _check(node.body, names, depth)
        _check(node.orelse, names, depth)
    elif isinstance(node, ast.Call):
        _check_call(node, names, depth)
    elif isinstance(node, ast.Tuple):
        _refuse(gettext_noop("Gebruik een punt als decimaalteken (0.5), geen komma."))
    elif isinstance(node, ast.Attribute):
        _refuse(gettext_noop("Een punt na een naam kan niet in een formule."))
    elif isinstance(node, ast.Subscript):
        _refuse(gettext_noop("Blokhaken kunnen niet in een formule."))
    elif isinstance(node, ast.Lambda):
        _refuse(gettext_noop("Een lambda kan niet in een formule."))
    elif isinstance(node, ast.NamedExpr):
        _refuse(gettext_noop("Een toekenning kan niet in een formule."))
    elif isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
        _refuse(gettext_noop("Een opsomming met for kan niet in een formule."))
    else:
        _refuse(
            gettext_noop("Dit deel van de formule wordt niet begrepen; gebruik alleen getallen, namen en rekentekens.")
        )


def _check_call(node, names, depth):
    function = node.func.id if isinstance(node.func, ast.Name) else None
    if function not in FUNCTIONS:
        allowed = ", ".join(sorted(FUNCTIONS))
        _refuse(gettext_noop("Alleen deze functies kunnen in een formule: %(functions)s."), functions=allowed)
    if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
        _refuse(gettext_noop("Geef %(function)s alleen waarden tussen de haakjes."), function=function)
    count = len(node.args)
    if function in ("min", "max") and count < 2:
        _refuse(gettext_noop("%(function)s vergelijkt twee of meer waarden."), function=function)
    if function == "abs" and count != 1:
        _refuse(gettext_noop("abs neemt één waarde."))
    if function == "round" and count not in (1, 2):
        _refuse(gettext_noop("round neemt een waarde en eventueel het aantal decimalen: round(x, 2)."))
    for arg in node.args:
        _check(arg, names, depth)


def _short(value):
    text = str(value)
    return text if len(text) <= 20 else text[:17] + "…"


def _compile(expression):
    """Parse and check once per distinct formula; the result is a checked tree and its names."""
    if not isinstance(expression, str):
        raise FormulaError(gettext_noop("Een formule is tekst."))
    return _compile_text(expression)


@lru_cache(maxsize=2048)
def _compile_text(expression):
    if len(expression) > MAX_LENGTH:
        raise FormulaError(gettext_noop("Een formule mag hoogstens %(count)s tekens lang zijn."), count=MAX_LENGTH)
    # Line breaks from a text area mean nothing in a formula.
    source = " ".join(expression.split())
    if not source:
        raise FormulaError(gettext_noop("Vul een formule in."))
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise _syntax_error(error) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError(TOO_COMPLEX) from None
    names = set()
    _check(tree, names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            node.decimal = _literal(source, node)
            if abs(node.decimal) > MAX_MAGNITUDE:
                raise FormulaError(NUMBER_TOO_LARGE, number=_short(node.decimal))
    return tree.body, frozenset(names)


def _literal(source, node):
    """A number exactly as written (0.30000000000000001 keeps every digit), never through a float."""
    text = (ast.get_source_segment(source, node) or "").replace("_", "")
    try:
        return Decimal(text)
    except decimal.InvalidOperation:  # 0x1F and other ways Python writes whole numbers
        return Decimal(node.value) if isinstance(node.value, int) else Decimal(repr(node.value))


def _syntax_error(error):
    if "nested" in str(error.msg) or "too many" in str(error.msg):
        return FormulaError(gettext_noop("De formule heeft te veel haakjes in elkaar."))
    text = error.text or ""
    if "=" in text and not any(operator in text for operator in ("==", "<=", ">=", "!=")):
        return FormulaError(gettext_noop("Een formule rekent alleen; gebruik == om te vergelijken, niet =."))
    if error.offset:
        return FormulaError(
            gettext_noop("De formule klopt niet (bij teken %(position)s): controleer haakjes en rekentekens."),
            position=error.offset,
        )
    return FormulaError(gettext_noop("De formule klopt niet: controleer haakjes en rekentekens."))


def names_in(expression: str) -> frozenset[str]:
    """The names a formula uses; raises `FormulaError` when it is not a valid formula."""
    return _compile(expression)[1]


def validate(expression: str, names: Iterable[str]) -> None:
    """Raise `FormulaError` unless the formula is valid and uses only the given names."""
    known = set(names)
    unknown = sorted(names_in(expression) - known)
    if unknown:
        if len(unknown) == 1:
            raise FormulaError(gettext_noop("De formule gebruikt de onbekende naam %(names)s."), names=unknown[0])
        raise FormulaError(gettext_noop("De formule gebruikt de onbekende namen %(names)s."), names=", ".join(unknown))


def evaluate(expression: str, variables: Mapping[str, Decimal]) -> Decimal:
    """The value of the formula for these values; raises `FormulaError` for anything invalid."""
    body, names = _compile(expression)
    missing = sorted(names - set(variables))
    if missing:
        raise FormulaError(gettext_noop("Er ontbreekt een waarde voor: %(names)s."), names=", ".join(missing))
    values = {}
    for name in names:
        value = variables[name]
        if isinstance(value, bool) or not isinstance(value, Decimal | int) or not Decimal(value).is_finite():
            raise FormulaError(gettext_noop("De waarde van %(name)s is geen getal."), name=name)
        values[name] = value
    try:
        with decimal.localcontext(_CONTEXT):
            # Unary plus rounds every value to the context's 28 digits: no step ever works on longer numbers.
            values = {name: _bounded(+Decimal(value)) for name, value in values.items()}
            result = _bounded(_evaluate(body, values) + _ZERO)  # + 0 applies the context to a bare value
            return _ZERO if result.is_zero() else result
    except FormulaError:
        raise
    except decimal.DivisionByZero:
        raise DivideByZero(DIVISION_BY_ZERO) from None
    except decimal.InvalidOperation:
        raise FormulaError(gettext_noop("Met deze waarden heeft de formule geen uitkomst.")) from None
    except (decimal.Overflow, OverflowError):
        raise FormulaError(TOO_LARGE) from None


def _bounded(value):
    if not value.is_finite() or abs(value) > MAX_MAGNITUDE:
        raise FormulaError(TOO_LARGE)
    return value


def _truth(value):
    return value != _ZERO


def _evaluate(node, values):
    match node:
        case ast.Constant():
            return node.decimal
        case ast.Name(id=name):
            return values[name]
        case ast.BinOp(left=left, op=op, right=right):
            a, b = _evaluate(left, values), _evaluate(right, values)
            if isinstance(op, ast.Div) and b == _ZERO:
                raise DivideByZero(DIVISION_BY_ZERO)
            if isinstance(op, ast.Pow):
                return _bounded(_power(a, b))
            return _bounded(_BINARY[type(op)](a, b))
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            return -_evaluate(operand, values)
        case ast.UnaryOp(op=ast.UAdd(), operand=operand):
            return _evaluate(operand, values)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return _ZERO if _truth(_evaluate(operand, values)) else _ONE
        case ast.BoolOp(op=op, values=operands):
            # Like Python: `and` stops at the first false value, `or` at the first true one.
            want = isinstance(op, ast.Or)
            for operand in operands:
                result = _evaluate(operand, values)
                if _truth(result) == want:
                    return result
            return result
        case ast.Compare(left=left, ops=ops, comparators=comparators):
            a = _evaluate(left, values)
            for op, comparator in zip(ops, comparators, strict=True):
                b = _evaluate(comparator, values)
                if not _COMPARE[type(op)](a, b):
                    return _ZERO
                a = b
            return _ONE
        case ast.IfExp(test=test, body=body, orelse=orelse):
            return _evaluate(body if _truth(_evaluate(test, values)) else orelse, values)
        case ast.Call(func=ast.Name(id=function), args=args):
            return _call(function, [_evaluate(arg, values) for arg in args])
    raise FormulaError(NOT_ALLOWED)  # unreachable after _check


def _power(base, exponent):
    if abs(exponent) > MAX_EXPONENT:
        raise FormulaError(gettext_noop("Een macht mag hoogstens %(count)s zijn."), count=MAX_EXPONENT)
    if base == _ZERO:
        if exponent < _ZERO:
            raise DivideByZero(DIVISION_BY_ZERO)
        return _ONE if exponent == _ZERO else _ZERO
    if base < _ZERO and exponent != exponent.to_integral_value():
        raise FormulaError(gettext_noop("Een negatief getal heeft geen gebroken macht."))
    return base**exponent


def _call(function, args):
    if function == "min":
        return min(args)
    if function == "max":
        return max(args)
    if function == "abs":
        return abs(args[0])
    # round: half away from zero, as people round money; round(x, -2) rounds to hundreds.
    digits = args[1] if len(args) == 2 else _ZERO
    if digits != digits.to_integral_value() or abs(digits) > MAX_ROUND_DIGITS:
        raise FormulaError(
            gettext_noop("Rond af op een heel aantal decimalen tussen -%(count)s en %(count)s."), count=MAX_ROUND_DIGITS
        )
    return args[0].quantize(Decimal(1).scaleb(-int(digits)), rounding=decimal.ROUND_HALF_UP)
