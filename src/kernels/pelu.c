/*
 * PELU: (a/b)*x for x > 0, a*expm1(x/b) otherwise; f' = a/b or
 * (a/b)*e^(x/b) (C1 at 0); from the output f' = a/b or (y + a)/b (the sum
 * is exact where it cancels); d/da = x/b or expm1(x/b), d/db = -(a/b)*v or
 * -(a/b)*v*e^v with v = x/b.
 * The rounding of x/b is an input perturbation (scaled by f's condition in
 * the test).  v is clamped to -104 before the exponentials (e^v is 0 in
 * float there; v*e^v is then 0 as in the scalar).
 * Error: SLEEF expm1f/expf u10 and two roundings (a/b, the product).
 * Measured (all three ISAs, default and random a, b): f 2.06 ULP per unit
 * of condition (near x = -1e-8: x/b, expm1 and the multiply by a), f' 2.32,
 * f' from y 1.46; at a = b = 1 (ELU) 1.0 and 0.77.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf pelu_v(vf x, const vf *P) { return vmax(vmin(x, vset(0)) / P[1], vset(-104)); }
V_INLINE vf pelu_f(vf x, const vf *P)
{
    return vsel(x > 0, (P[0] / P[1]) * x, P[0] * vexpm1(pelu_v(x, P)));
}
V_INLINE vf pelu_df(vf x, const vf *P)
{
    vf r = P[0] / P[1];
    return vsel(x > 0, r, r * vexp(pelu_v(x, P)));
}
V_INLINE vf pelu_dy(vf y, const vf *P) { return vsel(y > 0, P[0] / P[1], (y + P[0]) / P[1]); }
V_INLINE void pelu_dp(vf x, const vf *P, vf *g)
{
    vf r = P[0] / P[1], v = pelu_v(x, P), vp = x / P[1];
    g[0] = vsel(x > 0, vp, vexpm1(v));
    g[1] = vsel(x > 0, -r * vp, vsel(v > -104, -r * v * vexp(v), vset(0)));
}
ACTIV_KERNEL_YP(pelu, 2, 2.6f, 2.8f, 0, NULL)
