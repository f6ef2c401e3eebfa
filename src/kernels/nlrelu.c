/*
 * NLReLU: ln(1 + beta max(0, x)); f' = beta/(1 + beta x) for x > 0, else 0
 * (f'(0) = 0, as the scalar code); d/dbeta = x/(1 + beta x) for x > 0.
 * From the output: f' = beta e^-y.
 * f: t = beta x exactly in double, ln(1 + t) by a small double log1p
 * (below) and one rounding: 0.5 ULP (SLEEF's log1pf after the float product
 * was 1.5 ULP, and gives inf past 1e38).  beta = 0 gives 0 also at x = +inf
 * (the scalar's ax_mul0).
 * f' and d/dbeta are formed in double (beta x exact there, one add, one
 * divide, no overflow) and rounded once: within 0.5 + 2^-28 ULP.
 * From y, beta e^-y with e^-y from a small double exp (below) and one
 * rounding: 0.5 ULP (SLEEF's expf and a float multiply made it 1.51).
 * Measured: f, f' and f' from y 0.5 ULP.
 */
#include <float.h>

#include "kernel.h"

#include "vecd.h"
#define nlrelu_d(v) __builtin_convertvector((v), vd)

/* *r = ln(1 + t) in double for t >= 0 finite: u = 1 + t with the rounding
   correction c = (t - (u - 1))/u, u = m 2^k with m in [sqrt(1/2), sqrt 2),
   ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.1716, by its series to
   s^25 (truncation 2^-65). */
V_INLINE void nlrelu_log1p(vd t, vd *r)
{
    vd u = 1.0 + t;
    vd c = (t - (u - 1.0)) / u;
    /* u = m 2^k without compares (musl's offset: k rounds at mantissa sqrt 2) */
    vdm bits = (vdm)u;
    vdm k = (bits - 0x3fe6a09e667f3bcdLL) >> 52;
    vd m = (vd)(bits - (k << 52));
    vd s = (m - 1.0) / (m + 1.0), s2 = s * s;
    vd p = 1.0 / 23 + s2 * (1.0 / 25);
    p = 1.0 / 21 + s2 * p, p = 1.0 / 19 + s2 * p, p = 1.0 / 17 + s2 * p, p = 1.0 / 15 + s2 * p;
    p = 1.0 / 13 + s2 * p, p = 1.0 / 11 + s2 * p, p = 1.0 / 9 + s2 * p, p = 1.0 / 7 + s2 * p;
    p = 1.0 / 5 + s2 * p, p = 1.0 / 3 + s2 * p, p = 1.0 + s2 * p;
    vd ed = (vd)(k + 0x4338000000000000LL) - 0x1.8p52; /* k as a double */
    *r = ed * 6.93147180369123816490e-01 + (2.0 * s * p + (ed * 1.90821492927058770002e-10 + c));
}
V_INLINE vf nlrelu_f(vf x, const vf *P)
{
    vd t = nlrelu_d(P[0]) * nlrelu_d(vmin(vmax(x, vset(0)), vset(FLT_MAX))), r;
    nlrelu_log1p(t, &r);
    vf f = vsel(x == INFINITY, vsel(P[0] == 0, vset(0), x), __builtin_convertvector(r, vf));
    return vsel(x > 0, f, vset(0));
}
V_INLINE vf nlrelu_df(vf x, const vf *P)
{
    vd b = nlrelu_d(P[0]), xd = nlrelu_d(vmax(x, vset(0)));
    vf r = __builtin_convertvector(b / (1.0 + b * xd), vf);
    return vsel((x > 0) & (P[0] != 0), r, vset(0));
}
V_INLINE vf nlrelu_dy(vf y, const vf *P)
{
    vd h;
    vd_expneg(nlrelu_d(vmax(y, vset(0))), y < 200, &h);
    vf r = __builtin_convertvector(nlrelu_d(P[0]) * h, vf);
    return vsel(y > 0, r, vset(0));
}
V_INLINE void nlrelu_dp(vf x, const vf *P, vf *g)
{
    vd b = nlrelu_d(P[0]), xd = nlrelu_d(vmax(x, vset(0)));
    vd one = b - b + 1.0;
    vd small = xd / (one + b * xd), large = one / (b + one / xd);
    vf s = __builtin_convertvector(small, vf), l = __builtin_convertvector(large, vf);
    g[0] = vsel(x > 0, vsel(P[0] == 0, x, vsel(x > 1, l, s)), vset(0));
}
ACTIV_KERNEL_YP(nlrelu, 1, 0.51f, 0.51f, 0, NULL)
