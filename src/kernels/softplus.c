/*
 * Softplus: ln(1 + e^(beta x))/beta = max(x, 0) + log1p(e^-|beta x|)/beta,
 * as the double code: e^-|z| never overflows and log1p keeps the left tail
 * (f ~ e^z/beta) relative.  1/beta is loop-invariant (hoisted out of the
 * loop by the compiler), so the per-element work is one exp, one log1p and
 * multiplies; at beta = 1 the reciprocal is exact.
 * f' = sigma(beta x) (one exp, one divide); from the output
 * f' = -expm1(-beta y), no cancellation (expm1's condition is <= 1 there).
 * df/dbeta = -(a sigma(-a) + log1p(e^-a))/beta^2, a = |beta x|: two terms
 * of one sign (the double code's form); a is clamped to 200 so that
 * inf * 0 cannot appear (e^-200 is 0 in float).
 * Error (tests/test_kernels.c, all three ISAs): f <= 3 ULP per unit of
 * condition (2.7 measured at beta != 1, where 1/beta is rounded; 1.4 at beta = 1);
 * f' <= 3 ULP (2.9 measured: expf u10, add, divide); from y 1.3.
 */
#include "kernel.h"

V_INLINE vf softplus_f(vf x, const vf *P)
{
    vf z = P[0] * x;
    return vmax(x, vset(0)) + vlog1p01(vexp(-vabs(z))) * (1.0f / P[0]);
}
V_INLINE vf softplus_df(vf x, const vf *P)
{
    return vsigmoid(P[0] * x);
}
V_INLINE vf softplus_dy(vf y, const vf *P)
{
    return -vexpm1(-P[0] * y);
}
V_INLINE void softplus_dp(vf x, const vf *P, vf *g)
{
    vf a = vmin(vabs(P[0] * x), vset(200));
    vf e = vexp(-a);
    vf t = a * (e / (1.0f + e)) + vlog1p01(e);
    g[0] = -t * (1.0f / (P[0] * P[0]));
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 3.42, f' 2.78 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL_YP(softplus, 1, 4, 3.6f, 0, NULL)
