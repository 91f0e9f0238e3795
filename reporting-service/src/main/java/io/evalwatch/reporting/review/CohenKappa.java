package io.evalwatch.reporting.review;

import java.util.List;

/**
 * Cohen's kappa for two raters giving yes/no to the same entries: how much more they agree than two raters with the
 * same yes rates would by chance, kappa = (po - pe) / (1 - pe), where po is the share of entries they agree on and
 * pe = pYesA * pYesB + pNoA * pNoB. Undefined (null, with the reason) when there are no entries or when chance
 * alone already agrees on everything (pe = 1: both raters gave one and the same answer throughout).
 */
public record CohenKappa(Double kappa, int entries, Double observedAgreement, Double chanceAgreement,
        String undefinedBecause) {

    /** The four cells of the 2x2 table: a both yes, b A yes and B no, c A no and B yes, d both no. */
    public static CohenKappa of(int a, int b, int c, int d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + a + ", " + b + ", " + c + ", " + d);
        }
        int n = a + b + c + d;
        if (n == 0) {
            return new CohenKappa(null, 0, null, null, "no entries both rated");
        }
        double po = (double) (a + d) / n;
        double yesA = (double) (a + b) / n;
        double yesB = (double) (a + c) / n;
        double pe = yesA * yesB + (1 - yesA) * (1 - yesB);
        if (pe >= 1) {
            return new CohenKappa(null, n, po, pe, "both gave the same answer to every entry ("
                    + (a > 0 ? "yes" : "no") + "): agreement expected by chance is already 1");
        }
        return new CohenKappa((po - pe) / (1 - pe), n, po, pe, null);
    }

    /** Kappa of paired ratings: first.get(i) and second.get(i) rate the same entry. */
    public static CohenKappa of(List<Boolean> first, List<Boolean> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("paired ratings differ in number: " + first.size() + " and "
                    + second.size());
        }
        int a = 0;
        int b = 0;
        int c = 0;
        int d = 0;
        for (int i = 0; i < first.size(); i++) {
            boolean x = first.get(i);
            boolean y = second.get(i);
            if (x && y) {
                a++;
            } else if (x) {
                b++;
            } else if (y) {
                c++;
            } else {
                d++;
            }
        }
        return of(a, b, c, d);
    }
}
