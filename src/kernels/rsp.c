/*
 * RSP (rand softplus): (1 - rho) max(0, x) + rho ln(1 + e^x) =
 * max(0, x) + rho log1p(e^-|x|), as the double code (x + rho softplus(-x)
 * for x > 0): no overflow, and the left tail keeps its relative accuracy.
 * P = {rho, lower, upper}; rho is drawn per element by the caller.
 * f' = 1 - rho sigma(-x) for x > 0 (>= 1/2, no cancellation), rho sigma(x)
 * otherwise (rho/2 at 0, the left piece); sigma(-|x|) = e/(1 + e),
 * e = e^-|x|.  df/drho = log1p(e^-|x|); lower and upper get 0.
 * From the output: y <= rho ln 2 (the scalar's f(0), compared exactly:
 * the float threshold is the largest float <= the double value) is the
 * left piece, f' = -rho expm1(-y/rho); above it x solves
 * x + rho softplus(-x) = y (slope >= 1/2), five float Newton steps from
 * y - rho softplus(-y) (y clamped to 40, where f' rounds to 1).
 * Error (tests/test_kernels.c, all three ISAs, rho = 0.5 and random rho in
 * [0, 1], densities 0.25/1/1.7): f 1.92 ULP per unit of condition measured
 * (generic, near x = 0: expf, log1pf, the product), f' 2.31 (near
 * x = -1.3: expf, the divide, the product), from y 1.6; bounds 2.25 and 2.7.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf rsp_sp(vf x) { return vlog1p01(vexp(-vabs(x))); } /* softplus(x) - relu(x) */

V_INLINE vf rsp_f(vf x, const vf *P) { return vfma(P[0], rsp_sp(x), vmax(x, vset(0))); }
V_INLINE vf rsp_df(vf x, const vf *P)
{
    vf e = vexp(-vabs(x));
    vf sg = e / (1.0f + e); /* sigma(-|x|) */
    vf t = P[0] * sg;
    return vsel(x > 0, 1.0f - t, t);
}
V_INLINE vf rsp_dy(vf y, const vf *P)
{
    vf r = P[0];
    /* the scalar's f(0) = rho ln 2 in double, and the largest float not above it */
    double y0 = (double)r[0] * 0.69314718055994530942;
    float t = (float)y0;
    if ((double)t > y0) t = nextafterf(t, -INFINITY);
    vf left = vsel(r == 0, vset(0), -r * vexpm1(-y / r));
    vf yc = vmin(y, vset(40));
    vf x = yc - r * rsp_sp(yc);
    for (int i = 0; i < 5; i++) {
        vf e = vexp(-vabs(x));
        vf sg = vsel(x >= 0, e, vset(1)) / (1.0f + e); /* sigma(-x) */
        vf g = vfma(r, vlog1p01(e) + vmax(-x, vset(0)), x) - yc;
        x = x - g / (1.0f - r * sg);
    }
    vf e = vexp(-vabs(x));
    vf sg = vsel(x >= 0, e, vset(1)) / (1.0f + e);
    vf right = 1.0f - r * sg;
    return vsel(y <= t, left, right);
}
V_INLINE void rsp_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = rsp_sp(x);
    g[1] = vset(0);
    g[2] = vset(0);
}
V_INLINE vf rsp_draw(vdraw d, const vf *P) { return vfma(vdraw_u(d), P[2] - P[1], P[1]); } /* lower + u (upper - lower) */
ACTIV_KERNEL_DRAWN(rsp, 3, 0, 2.3f, 2.7f, 0, NULL)
