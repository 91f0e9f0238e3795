package io.evalwatch.events.work;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompletedFileTest {

    private static final SourceFile MONEY = new SourceFile("ledgerkit/money.py", """
            from ledgerkit.errors import LedgerError
            from .errors import ValidationFailed
            import ledgerkit.ids as ids


            def to_cents(amount):
                return round(amount * 100)
            """);

    @Test
    void contextFilesComeFirstAndCodebaseImportsBecomePassAtTheirIndentation() {
        CodeHole hole = new CodeHole("ledgerkit/credits.py", """
                import math
                from ledgerkit.money import to_cents


                def apply_credit(balance, credit):
                """, "\n\ndef other():\n    return 1\n");
        String module = CompletedFile.assemble(List.of(MONEY), hole, "    from ledgerkit.money import to_cents\n"
                + "    return balance - to_cents(credit)\n");
        assertEquals("""
                pass
                pass
                pass


                def to_cents(amount):
                    return round(amount * 100)
                import math
                pass


                def apply_credit(balance, credit):
                    pass
                    return balance - to_cents(credit)


                def other():
                    return 1
                """, module);
    }

    @Test
    void aMiddleWithoutItsIndentationOrNewlineIsFittedIntoTheBlock() {
        CodeHole hole = new CodeHole("ledgerkit/credits.py", "def f(x):\n", "\ndef g():\n    pass\n");
        assertEquals("def f(x):\n    y = x + 1\n    return y\n\ndef g():\n    pass\n",
                CompletedFile.assemble(List.of(), hole, "y = x + 1\nreturn y"));
        // already indented: untouched apart from the newline
        assertEquals("def f(x):\n    return x\n\ndef g():\n    pass\n",
                CompletedFile.assemble(List.of(), hole, "    return x"));
    }

    @Test
    void aHoleInsideALineTakesTheMiddleAsItIs() {
        CodeHole hole = new CodeHole("ledgerkit/x.py", "def f(x):\n    return ", " + 1\n");
        assertEquals("def f(x):\n    return x * 2 + 1\n", CompletedFile.assemble(List.of(), hole, "x * 2"));
    }
}
