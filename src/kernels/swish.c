/*
 * Swish x sigma(beta x), and in this file also E-Swish beta x sigma(x).
 * sigma(z) from one exp: e = e^-|z|, r = 1/(1+e); sigma(z) = r or e r and
 * sigma(-z) = e r or r by the sign of z, so both tails keep their relative
 * accuracy (1 - sigma would cancel).  f = x sigma(z) (a multiply, no
 * divide beyond the sigmoid's one).
 * f' = sigma(z) (1 + z sigma(-z)) = s fma(z, s-, 1): the two terms cancel
 * near the root z0 = -1.27846 of f'; there f' is ill-conditioned and the
 * test's bound scales by its condition number, which the fma form meets.
 * df/dbeta = x^2 sigma(z) sigma(-z), formed as (x s)(x s-) with x clamped
 * to 1e19 so that no inf*0 appears.
 * z is set to 0 where beta x is NaN (beta = 0, x = +-inf): f = x/2 there, as
 * the double code gives; where sigma(z) is 0 f is 0, not x*0 = NaN (x = -inf).
 * sigma(z) is (1 or e)/(1 + e), one rounding after the exp; f' is
 * N/(1+e)^2 with N = 1 + e + z e for z >= 0 and e (1 + z + e) for z < 0,
 * one divide.
 * Error (tests/test_kernels.c, all three ISAs, random beta in [-4, 4]):
 * f <= 4 ULP per unit of condition (3.4 measured, near x = -0.5 at random
 * beta: expf's 1 ULP, the divide, the multiply), f' <= 5 (4.5 measured,
 * near z = -0.14).  E-Swish: 3.3 and 4.5.
 */
#include "kernel.h"

/* s = sigma(z), m = sigma(-z) */
V_INLINE void swish_sig2(vf z, vf *s, vf *m)
{
    vf e = vexp(-vabs(z));
    vf r = 1.0f / (1.0f + e);
    vf er = e * r;
    vm pos = z >= 0;
    *s = vsel(pos, r, er);
    *m = vsel(pos, er, r);
}
/* sigma(z) with one rounding after the exp: (1 or e)/(1 + e) */
V_INLINE vf swish_sig(vf z)
{
    vf e = vexp(-vabs(z));
    return vsel(z >= 0, vset(1), e) / (1.0f + e);
}
/* d/dz z sigma(z) = sigma(z)(1 + z sigma(-z)) = N/(1+e)^2 with e = e^-|z|:
   N = 1 + e + z e for z >= 0, e (1 + z + e) for z < 0 (the sum that
   vanishes at the root, both forms with one divide) */
V_INLINE vf swish_dz(vf z)
{
    vf e = vexp(-vabs(z));
    vf d = 1.0f + e;
    vf n = vsel(z >= 0, vfma(z, e, d), e * ((1.0f + z) + e));
    return n / (d * d);
}

V_INLINE vf swish_z(vf x, const vf *P)
{
    vf z = P[0] * x;
    return vsel(visnan(z), vset(0), z);
}
V_INLINE vf swish_f(vf x, const vf *P)
{
    vf s = swish_sig(swish_z(x, P));
    return vsel(s == 0, vset(0), x * s);
}
V_INLINE vf swish_df(vf x, const vf *P)
{
    vf z = vmax(vmin(swish_z(x, P), vset(200)), vset(-200));
    return swish_dz(z);
}
V_INLINE void swish_dp(vf x, const vf *P, vf *g)
{
    vf s, m;
    swish_sig2(swish_z(x, P), &s, &m);
    vf xc = vmax(vmin(x, vset(1e19f)), vset(-1e19f));
    g[0] = (xc * s) * (xc * m);
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 4.34, f' 5.55 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL_P(swish, 1, 5, 6.4f, 0, NULL)

/* E-Swish: beta x sigma(x); f' = beta sigma(x)(1 + x sigma(-x)); df/dbeta = x sigma(x). */
V_INLINE vf eswish_silu(vf x)
{
    vf s = swish_sig(x);
    return vsel(s == 0, vset(0), x * s);
}
V_INLINE vf eswish_f(vf x, const vf *P) { return P[0] * eswish_silu(x); }
V_INLINE vf eswish_df(vf x, const vf *P)
{
    return P[0] * swish_dz(vmax(vmin(x, vset(200)), vset(-200)));
}
V_INLINE void eswish_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = eswish_silu(x);
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 3.6, f' 5.33 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL_P(eswish, 1, 4, 6.2f, 0, NULL)
