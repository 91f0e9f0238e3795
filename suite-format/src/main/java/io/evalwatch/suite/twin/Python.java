package io.evalwatch.suite.twin;

import java.util.Set;

/** Python's reserved words and builtin names (3.12): names a rename never touches and never chooses. */
final class Python {

    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield", "match", "case", "type", "_");

    /** Keywords only in their statements (match x: case ...:), names everywhere else. */
    static final Set<String> SOFT_KEYWORDS = Set.of("match", "case", "type", "_");

    static final Set<String> BUILTINS = Set.of("abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool",
            "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright",
            "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float",
            "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
            "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
            "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
            "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "vars",
            "zip", "__import__", "self", "cls", "NotImplemented", "Ellipsis", "BaseException", "Exception",
            "ArithmeticError", "AssertionError", "AttributeError", "EOFError", "FloatingPointError",
            "GeneratorExit", "ImportError", "ModuleNotFoundError", "IndexError", "KeyError", "KeyboardInterrupt",
            "LookupError", "MemoryError", "NameError", "NotImplementedError", "OSError", "OverflowError",
            "RecursionError", "ReferenceError", "RuntimeError", "StopIteration", "StopAsyncIteration",
            "SyntaxError", "SystemError", "SystemExit", "TypeError", "UnboundLocalError", "UnicodeError",
            "ValueError", "ZeroDivisionError", "IOError", "EnvironmentError", "Warning", "UserWarning",
            "DeprecationWarning", "RuntimeWarning", "TimeoutError", "ConnectionError", "FileNotFoundError",
            "PermissionError", "IsADirectoryError", "NotADirectoryError", "InterruptedError", "ExceptionGroup",
            "BaseExceptionGroup");

    private Python() {
    }

    /** A name no rename touches: reserved, builtin, or special ({@code __init__}, {@code __name__}). */
    static boolean reserved(String name) {
        return KEYWORDS.contains(name) || BUILTINS.contains(name) || (name.startsWith("__") && name.endsWith("__"));
    }
}
