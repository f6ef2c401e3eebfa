/*
 * CELU: x for x > 0, alpha*expm1(x/alpha) otherwise; f' = 1 or e^(x/alpha)
 * (C1 at 0); from the output f' = (y + alpha)/alpha
 * (the sum is exact where it cancels); d/dalpha = expm1(v) -
 * v e^v with v = x/alpha for x <= 0.
 * The rounding of x/alpha is an input perturbation (scaled by f's
 * condition in the test).  d/dalpha cancels to -v^2/2 near v = 0: there
 * (|v| < 1/2) it is the series -sum_{n>=2} (n-1) v^n/n! (Horner, 9 terms,
 * float-exact to 2^-27 at |v| = 1/2), as in the scalar.
 * v is clamped to -104 before the exponentials (e^v is 0 in float there).
 * Error: SLEEF expm1f/expf u10, one divide, one multiply.  Measured (all
 * three ISAs, default and random alpha): f 1.84 ULP per unit of condition
 * (near x = -1.27), f' 1.3, f' from y 1.48.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf celu_v(vf x, const vf *P) { return vmax(vmin(x, vset(0)) / P[0], vset(-104)); }
V_INLINE vf celu_f(vf x, const vf *P) { return vsel(x > 0, x, P[0] * vexpm1(celu_v(x, P))); }
V_INLINE vf celu_df(vf x, const vf *P) { return vsel(x > 0, vset(1), vexp(celu_v(x, P))); }
V_INLINE vf celu_dy(vf y, const vf *P) { return vsel(y > 0, vset(1), (y + P[0]) / P[0]); }
V_INLINE void celu_dp(vf x, const vf *P, vf *g)
{
    vf v = celu_v(x, P);
    /* -(v^2) * sum_{n>=2} (n-1) v^(n-2)/n!: coefficients (n-1)/n! for n = 2..10 */
    vf s = vset(9.0f / 3628800);
    s = vfma(s, v, vset(8.0f / 362880));
    s = vfma(s, v, vset(7.0f / 40320));
    s = vfma(s, v, vset(6.0f / 5040));
    s = vfma(s, v, vset(5.0f / 720));
    s = vfma(s, v, vset(4.0f / 120));
    s = vfma(s, v, vset(3.0f / 24));
    s = vfma(s, v, vset(2.0f / 6));
    s = vfma(s, v, vset(1.0f / 2));
    vf series = -(v * v) * s;
    vf direct = vexpm1(v) - v * vexp(v);
    g[0] = vsel(x > 0, vset(0), vsel(v > -0.5f, series, direct));
}
ACTIV_KERNEL_YP(celu, 1, 2.7f, 1.7f, 0, NULL)
