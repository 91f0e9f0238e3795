#!/usr/bin/env python3
"""Exact alert probabilities for 150 paired items, every task passing with the same probability (the homogeneous
case of RESULTS.md), and the most any level-5% test can reach. Needs numpy and scipy (Debian: python3-scipy)."""
import numpy as np
from scipy.stats import binom, hypergeom, norm

N, ALPHA = 150, 0.05


def mcnemar(pb, pc, kind):
    """P(alert) of the one-sided McNemar test: 'exact', 'mid' (mid-p) or 'randomized' (exact size alpha)."""
    pw, pbt = pb * (1 - pc), (1 - pb) * pc
    total = 0.0
    for d in range(N + 1):
        weight = binom.pmf(d, N, pw + pbt)
        if weight < 1e-15:
            continue
        w = np.arange(d + 1)
        upper = binom.sf(w - 1, d, 0.5)  # P(X >= w)
        at = binom.pmf(w, d, 0.5)
        alt = binom.pmf(w, d, pw / (pw + pbt))
        if kind == "exact":
            total += weight * alt[upper <= ALPHA].sum()
        elif kind == "mid":
            total += weight * alt[upper - at / 2 <= ALPHA].sum()
        else:
            strictly = upper - at  # P(X > w)
            c = int(np.argmax(strictly <= ALPHA))
            gamma = (ALPHA - strictly[c]) / at[c]
            total += weight * (alt[c + 1:].sum() + gamma * alt[c])
    return total


def umpu_two_binomials(pb, pc):
    """Power of the uniformly most powerful unbiased level-alpha test of pc < pb for two independent binomials
    (randomized, conditional on the total number of passes): the ceiling for pass/fail data when runs are
    independent."""
    total = 0.0
    for s in range(2 * N + 1):
        x = np.arange(max(0, s - N), min(N, s) + 1)  # baseline passes
        h = hypergeom.pmf(x, 2 * N, N, s)
        joint = binom.pmf(x, N, pb) * binom.pmf(s - x, N, pc)
        reject = np.zeros(len(x))
        budget = ALPHA
        for i in range(len(x) - 1, -1, -1):  # from the largest baseline count down
            take = min(1.0, budget / h[i]) if h[i] > 0 else 1.0
            reject[i] = take
            budget -= take * h[i]
            if budget <= 0:
                break
        total += (joint * reject).sum()
    return total


if __name__ == "__main__":
    for name, (pb, pc) in {"size (0.80 = 0.80)": (0.8, 0.8), "power (0.80 -> 0.65)": (0.8, 0.65)}.items():
        print(name)
        print(f"  McNemar conventional exact  {mcnemar(pb, pc, 'exact'):.4f}")
        print(f"  McNemar mid-p               {mcnemar(pb, pc, 'mid'):.4f}")
        print(f"  McNemar randomized          {mcnemar(pb, pc, 'randomized'):.4f}")
        print(f"  UMPU, independent binomials {umpu_two_binomials(pb, pc):.4f}")
    z = norm.isf(ALPHA)
    se0 = np.sqrt(2 * 0.725 * 0.275 / N)
    se1 = np.sqrt((0.8 * 0.2 + 0.65 * 0.35) / N)
    print(f"  (normal approximation of the two-proportion z test: {norm.cdf((0.15 - z * se0) / se1):.4f})")
    print("worst size of the mid-p test over base pass rates 0.01..0.99:")
    for n in (30, 150):
        worst = 0.0
        for p in np.linspace(0.01, 0.99, 99):
            d = np.arange(n + 1)
            weights = binom.pmf(d, n, 2 * p * (1 - p))
            size = 0.0
            for k in range(1, n + 1):
                w = np.arange(k + 1)
                mid = binom.sf(w, k, 0.5) + binom.pmf(w, k, 0.5) / 2
                size += weights[k] * binom.pmf(w, k, 0.5)[mid <= ALPHA].sum()
            worst = max(worst, size)
        print(f"  {n} pairs: {worst:.4f}")
