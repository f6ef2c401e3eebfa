/*
 * BDAA: (sigma(x) + sigma(x + a))/2, a sum of two positive terms (no
 * cancellation); f' = (s'(x) + s'(x + a))/2 with s' = e/(1+e)^2, e = e^-|z|
 * (both tails accurate, no overflow); d/da = s'(x + a)/2.
 * From the output, the double code's closed form: with w = min(y, 1 - y),
 * m = e^-|a|, A = 1 - m, B = 1 + m - 2wA, u = sigma of the smaller argument
 * is the root of (1 - m)u^2 + Bu - 2wm = 0 taken without cancellation, and
 * f' = (u(1 - u) + v(1 - v))/2 with v = 2w - u, 1 - v = (1 - 2w) + u.
 * The rounding of x + a is amplified by the condition of sigma, which the
 * test's bound scales by.
 * Error (measured, three parameter sets): f 2.36 ULP per unit of condition
 * (x ~ -0.74), f' 3.27 (x ~ -1.41), from the output 3.41 (within f' + 1);
 * declared 3 and 4.4 (15% over the worst of four samples).
 */
#include "kernel.h"

V_INLINE vf bdaa_ds(vf z)
{
    vf e = vexp(-vabs(z));
    vf d = 1.0f + e;
    return e / (d * d);
}
V_INLINE vf bdaa_f(vf x, const vf *P)
{
    return 0.5f * (vsigmoid(x) + vsigmoid(x + P[0]));
}
V_INLINE vf bdaa_df(vf x, const vf *P)
{
    return 0.5f * (bdaa_ds(x) + bdaa_ds(x + P[0]));
}
V_INLINE vf bdaa_dy(vf y, const vf *P)
{
    vf w = vmin(y, 1.0f - y);
    vf na = -vabs(P[0]);
    vf m = vexp(na), A = -vexpm1(na);
    vf B = 1.0f + m - 2.0f * w * A;
    vf disc = vsqrt(vmax(B * B + 8.0f * A * w * m, vset(0)));
    vf u = vsel(B >= 0, 4.0f * w * m / (B + disc), (disc - B) / (2.0f * A));
    vf v = 2.0f * w - u, v1 = (1.0f - 2.0f * w) + u;
    vf d = 0.5f * (u * (1.0f - u) + v * v1);
    return vsel(w > 0, d, vset(0));
}
V_INLINE void bdaa_dp(vf x, const vf *P, vf *g)
{
    g[0] = 0.5f * bdaa_ds(x + P[0]);
}
ACTIV_KERNEL_YP(bdaa, 1, 3, 4.4f, 0, NULL)
