/*
 * Flatten-T Swish: x sigma(x) + T for x > 0, T otherwise.
 * sigma(x) = 1/(1 + e), e = e^-x, for x > 0; f = fma(x, sigma, T), one
 * rounding after sigma's (where x sigma(x) ~ -T the sum cancels, and there
 * the condition number of f, which scales the bound, is large too).
 * f' = sigma(x)(1 + x sigma(-x)) = (1 + e + x e)/(1 + e)^2 for x > 0 (the
 * swish kernel's form, one divide), 0 for x <= 0; df/dT = 1.
 * From the output: s = y - T (exact where y is near T, by Sterbenz), 0 when
 * s <= 0; else x solves x sigma(x) = s in (s, min(2s, s + 0.27846)] (the
 * double code's bracket), by six float Newton steps from the upper end,
 * kept inside the bracket; s is clamped to 40, where f' rounds to 1.
 * Error (tests/test_kernels.c, all three ISAs, T = -0.2 and random T in
 * [-4, 4], densities 0.25/1/1.7): f 2.78 ULP per unit of condition measured
 * (generic build, no FMA, near x = 8; 1.9 with FMA), f' 2.61 (near
 * x = 0.8-1.2), from y 2.66; bounds 3.2 and 3.
 */
#include "kernel.h"

V_INLINE vf fts_dz(vf x) /* SiLU' for x >= 0 */
{
    vf e = vexp(-x);
    vf d = 1.0f + e;
    return vfma(x, e, d) / (d * d);
}
V_INLINE vf flatten_t_swish_f(vf x, const vf *P)
{
    vf s = 1.0f / (1.0f + vexp(-vabs(x)));
    return vsel(x > 0, vfma(x, s, P[0]), P[0]);
}
V_INLINE vf flatten_t_swish_df(vf x, const vf *P)
{
    (void)P;
    vf xc = vmin(vmax(x, vset(0)), vset(200));
    return vsel(x > 0, fts_dz(xc), vset(0));
}
V_INLINE vf flatten_t_swish_dy(vf y, const vf *P)
{
    vf s = y - P[0];
    vf sc = vmin(vmax(s, vset(0x1p-126f)), vset(40));
    vf lo = sc, hi = vmin(sc + sc, sc + 0.27846454f);
    vf x = hi;
    for (int i = 0; i < 6; i++) {
        vf e = vexp(-x);
        vf d = 1.0f + e;
        vf r = x / d - sc;
        x = x - r * (d * d) / vfma(x, e, d);
        x = vmin(vmax(x, lo), hi);
    }
    return vsel(s > 0, fts_dz(x), vset(0));
}
V_INLINE void flatten_t_swish_dp(vf x, const vf *P, vf *g)
{
    (void)x, (void)P;
    g[0] = vset(1);
}
ACTIV_KERNEL_YP(flatten_t_swish, 1, 3.2f, 3, 0, NULL)
