/*
 * Scaled softplus k (ln(1 + e^x) - ln 2), and in this file also SLU
 * (alpha x for x > 0, beta (ln(1 + e^x) - ln 2) otherwise).
 * g(x) = softplus(x) - ln 2 as the double code: log1p(expm1(x)/2) for
 * x <= 2 (relative accuracy at the root x = 0), (x - ln 2) + log1p(e^-x)
 * beyond.  One expm1 serves both: E = expm1(+-x), u = E/2 or E + 1 = e^-x
 * (the absolute error of E + 1 is below an ULP of f >= 1.3 there), then one
 * log1p: two transcendentals.
 * f' = k sigma(x) ((1 or e)/(1 + e), one divide).  From the output
 * f' = k (1 - e^(-y/k)/2) = -k expm1(-(y + k ln 2)/k): k ln 2 in two float
 * parts (from the double product), so the cancellation at y -> -k ln 2 is
 * exact.
 * Error (tests/test_kernels.c): f <= 3 ULP per unit of condition, f' <= 3.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

#define SSP_LN2_HI 0.693147182464599609375f
#define SSP_LN2_LO -1.904654323148236e-09f

V_INLINE vf ssp_g(vf x)
{
    vm lo = x <= 2;
    vf E = vexpm1(vsel(lo, x, -x));
    vf L = vlog1p(vsel(lo, 0.5f * E, E + 1.0f));
    return vsel(lo, L, ((x - SSP_LN2_HI) - SSP_LN2_LO) + L);
}
V_INLINE vf ssp_sig(vf x)
{
    vf e = vexp(-vabs(x));
    return vsel(x >= 0, vset(1), e) / (1.0f + e);
}
/* 1 - e^(-y/k)/2 = -expm1(-(y + k ln 2)/k); k ln 2 = c_hi + c_lo from one
   lane in double (k is a broadcast), y + c_hi exact near the cancellation */
V_INLINE vf ssp_from_y(vf y, vf k)
{
    double c = (double)k[0] * 0.69314718055994530942;
    float ch = (float)c, cl = (float)(c - ch);
    vf t = (y + ch) + cl;
    return -vexpm1(-t / k);
}

V_INLINE vf scaled_softplus_f(vf x, const vf *P) { return P[0] * ssp_g(x); }
V_INLINE vf scaled_softplus_df(vf x, const vf *P) { return P[0] * ssp_sig(x); }
V_INLINE vf scaled_softplus_dy(vf y, const vf *P) { return P[0] * ssp_from_y(y, P[0]); }
V_INLINE void scaled_softplus_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = ssp_g(x);
}
ACTIV_KERNEL_YP(scaled_softplus, 1, 3.5f, 3, 0, NULL)

/* SLU, p = {alpha, beta}: f' = alpha or beta sigma(x); f'(0) = beta/2. */
V_INLINE vf slu_f(vf x, const vf *P) { return vsel(x > 0, P[0] * x, P[1] * ssp_g(vmin(x, vset(0)))); }
V_INLINE vf slu_df(vf x, const vf *P) { return vsel(x > 0, P[0], P[1] * ssp_sig(x)); }
V_INLINE vf slu_dy(vf y, const vf *P) { return vsel(y > 0, P[0], P[1] * ssp_from_y(y, P[1])); }
V_INLINE void slu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    vm pos = x > 0;
    g[0] = vsel(pos, x, vset(0));
    g[1] = vsel(pos, vset(0), ssp_g(vmin(x, vset(0))));
}
ACTIV_KERNEL_YP(slu, 2, 3, 3, 0, NULL)
