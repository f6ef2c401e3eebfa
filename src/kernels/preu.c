/*
 * PREU: alpha*x for x > 0 (and for beta = 0); alpha*x*e^z, z = beta*x,
 * otherwise.  f' = alpha, or alpha*(1 + beta*x)*e^z with 1 + beta*x by fma
 * (it keeps its relative accuracy next to its zero at x = -1/beta, where f'
 * is ill-conditioned anyway); no backward from y (the entry has none).
 * d/dalpha = x or x*e^z, d/dbeta = alpha*x^2*e^z for x <= 0.
 * v*e^z (v = x or 1 + beta*x): where e^z is subnormal (z < -80) but the
 * product may still be a normal float, it is formed as sign(v)*e^(z +
 * ln|v|) instead (only when some lane needs it), as the scalar's
 * ax_prod_exp; x is clamped to -FLT_MAX so that -inf gives the limit 0.
 * Error: SLEEF expf u10 (and logf in the far tail), the rounding of beta*x
 * (an input perturbation, scaled by f's condition |1 + beta*x| in the
 * test) and three products, each up to 1 ULP of the result when its own
 * mantissa is large.  Measured (all three ISAs, default and random alpha,
 * beta): f 3.33 ULP per unit of condition (near x = -0.65), f' 3.33 (near
 * x = -0.8, FMA), 2.46 generic; 1.46 and 1.95 at the defaults.
 */
#include <float.h>

#include "kernel.h"

/* v*e^z without losing the product to a subnormal e^z; 0 when v = 0 or z = -inf */
V_INLINE vf preu_vexp(vf v, vf z)
{
    vf r = v * vexp(vmax(z, vset(-200)));
    vm far = z < -80.0f;
    if (vany(far)) {
        vf t = vexp(vmax(z + vlog(vabs(v)), vset(-200))); /* clamped: SSE2 expf gives NaN near -1e38 */
        r = vsel(far, vcopysign(t, v), r);
    }
    return r;
}
V_INLINE vf preu_f(vf x, const vf *P)
{
    vf xc = vmax(vmin(x, vset(0)), vset(-FLT_MAX));
    return vsel((x > 0) | (P[1] == 0), P[0] * x, P[0] * preu_vexp(xc, P[1] * xc));
}
V_INLINE vf preu_df(vf x, const vf *P)
{
    vf xc = vmax(vmin(x, vset(0)), vset(-FLT_MAX));
    vf v = vfma(P[1], xc, vset(1));
    return vsel((x > 0) | (P[1] == 0), P[0], P[0] * preu_vexp(v, P[1] * xc));
}
V_INLINE void preu_dp(vf x, const vf *P, vf *g)
{
    vf xc = vmax(vmin(x, vset(0)), vset(-FLT_MAX));
    vf xe = preu_vexp(xc, vsel(P[1] == 0, vset(0), P[1] * xc));
    g[0] = vsel(x > 0, x, xe);
    g[1] = vsel(x > 0, vset(0), P[0] * xc * xe);
}
ACTIV_KERNEL_P(preu, 2, 3.9f, 4, 0, NULL)
