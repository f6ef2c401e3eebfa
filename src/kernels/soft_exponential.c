/*
 * Soft exponential (alpha >= 0), as the scalar: x for alpha = 0; with
 * u = alpha*x and c = alpha - 1/alpha = (alpha-1)(alpha+1)/alpha,
 *   alpha >= 1: e^u/alpha + c (two non-negative parts);
 *   alpha < 1:  (1 - alpha^2)*expm1(u - u0)/alpha, u0 = log1p(-alpha^2),
 *               which keeps the relative accuracy near the zero of f and
 *               where f tends to c for x -> -inf;
 * and where e^u (or expm1) would overflow before f does (u > 80, or
 * u - u0 > 80), e^(u - ln alpha) + c.
 * f' = e^u (1 for alpha = 0), the same e^u that f's alpha >= 1 form takes (one exp for
 * both in the fused forward).  Only the forms some lane needs are evaluated (alpha is
 * one value per call or per channel): expm1 and log1p(-alpha^2) where alpha < 1, log
 * alpha where u - u0 or u passes 80; it was every form for every lane, and log1p of
 * -alpha^2 <= -1 went lane by lane through the scalar path.  From the output
 * f' = (1 - alpha^2) + alpha*y: this cancels where f' is small, so both products are
 * carried exactly (value + FMA error) and the sums by TwoSum, the errors added once,
 * as if in twice float's precision (it was double per lane).
 * d/dalpha = (u e^u - e^u + 1)/alpha^2 + 1: for |u| < 1/2 as
 * x^2 * sum_{n>=2} (n-1) u^(n-2)/n! + 1 (Horner, to n = 10; this also
 * gives x^2/2 + 1 at alpha = 0), else as the scalar (e^u (u - 1) + 1)/alpha^2
 * or (1 - e^u (1 - u))/alpha^2, + 1.
 * The roundings of alpha*x are input perturbations (scaled by f's
 * condition in the test).  Error: the inline exp, expm1 and log1p (vec.h, vec_math.h), the
 * rounded c and 1 - alpha^2.  Measured (all three ISAs, random alpha; exact at the
 * default alpha = 0; densities 0.25, 1, 1.7, exhaustive windows included): f 1.94 ULP
 * per unit of condition (near x = 0.61), f' 1.5, f' from y 0.5 (bounds 2.25, 1.75).
 */
#include "kernel.h"

/* u = alpha x as f and f' take it (below -200, e^u is 0 in float) */
V_INLINE vf sexp_u(vf x, const vf *P) { return vmax(P[0] * x, vset(-200)); }

V_INLINE vf soft_exponential_f(vf x, const vf *P)
{
    vf a = P[0], u = sexp_u(x, P);
    vm lo = a < 1.0f;
    if (!vany(a != 0)) return x;
    vf c = (a - 1.0f) * (a + 1.0f) / a;
    vf e = vexp(u); /* the same e^u as f' (shared in the fused forward) */
    vf r = e / a + c;
    vm big = u > 80.0f;
    if (vany(lo)) {
        vf k = (1.0f - a) * (1.0f + a), v = u - vlog1p(vsel(lo, -(a * a), vset(0)));
        vm bl = v > 80.0f;
        vf w = v;
        if (vany(bl & lo)) w = vsel(bl, u - vlog(a), v);
        vf m = vexpm1(w);
        r = vsel(lo, vsel(bl, m + c, k * m / a), r);
        big &= ~lo;
    }
    if (vany(big)) r = vsel(big, vexp(u - vlog(a)) + c, r);
    return vsel(a == 0, x, r);
}
V_INLINE vf soft_exponential_df(vf x, const vf *P)
{
    return vsel(P[0] == 0, vset(1), vexp(sexp_u(x, P)));
}
/* 1 + alpha (y - alpha) = (1 - alpha^2) + alpha y: the products exact as value + FMA error, the
   sums by TwoSum, all errors added once (as if in twice float's precision); |y| is clamped to 2^60
   for the error term only (Dekker's split in the generic build), where nothing cancels */
V_INLINE vf soft_exponential_dy(vf y, const vf *P)
{
    vf a = P[0], h = a * a, hl = vprod_lo(a, a, h);
    vf k = 1.0f - h, kb = k - 1.0f, ke = (1.0f - (k - kb)) + (-h - kb);
    vf yc = vmax(vmin(y, vset(0x1p60f)), vset(-0x1p60f)), p = a * y;
    vf pe = vsel(vabs(y) < 0x1p60f, vprod_lo(a, yc, p), vset(0));
    vf g = k + p, gb = g - k, ge = (k - (g - gb)) + (p - gb);
    return vsel(vabs(g) == __builtin_inff(), g, g + (((ge + ke) + pe) - hl)); /* no inf - inf */
}
V_INLINE void soft_exponential_dp(vf x, const vf *P, vf *g)
{
    vf a = P[0], u = vsel(a == 0, vset(0), vmax(vmin(a * x, vset(80)), vset(-200)));
    vf s = vset(9.0f / 3628800);
    s = vfma(s, u, vset(8.0f / 362880));
    s = vfma(s, u, vset(7.0f / 40320));
    s = vfma(s, u, vset(6.0f / 5040));
    s = vfma(s, u, vset(5.0f / 720));
    s = vfma(s, u, vset(4.0f / 120));
    s = vfma(s, u, vset(3.0f / 24));
    s = vfma(s, u, vset(2.0f / 6));
    s = vfma(s, u, vset(1.0f / 2));
    vf e = vexp(u), ia2 = 1.0f / (a * a);
    vf pos = vfma(e, u - 1.0f, vset(1)) * ia2;
    vf neg = (1.0f - e * (1.0f - u)) * ia2;
    g[0] = vsel(vabs(u) < 0.5f, x * x * s, vsel(u > 0, pos, neg)) + 1.0f;
}
ACTIV_KERNEL_YP(soft_exponential, 1, 2.25f, 1.75f, 0, NULL)
