/*
 * ELU: x for x > 0, alpha*expm1(x) otherwise (expm1 keeps the relative
 * accuracy near 0 that alpha*(e^x - 1) would lose); f' = 1 or alpha*e^x,
 * f'(0) = alpha (the x <= 0 piece, as the scalar); from the output f' =
 * y + alpha (exact in float where it cancels, Sterbenz); d/dalpha =
 * expm1(x) for x <= 0.
 * x is clamped to -104 before the exponentials: below, e^x is 0 and
 * expm1 is -1 in float, and -inf gives -alpha and f' = 0 like the scalar.
 * Error: SLEEF expm1f/expf u10 (1 ULP) and one multiply by alpha.
 * Measured (all three ISAs, default and random alpha): f 1.53 ULP per unit
 * of condition (near x = -4e-8), f' 1.46 (near x = -0.35); 1.0 and 0.77
 * at alpha = 1, where there is no multiply rounding.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf elu_f(vf x, const vf *P)
{
    vf xc = vmax(x, vset(-104));
    return vsel(x > 0, x, P[0] * vexpm1(xc));
}
V_INLINE vf elu_df(vf x, const vf *P)
{
    vf xc = vmax(vmin(x, vset(0)), vset(-104));
    return vsel(x > 0, vset(1), P[0] * vexp(xc));
}
V_INLINE vf elu_dy(vf y, const vf *P) { return vsel(y > 0, vset(1), y + P[0]); }
V_INLINE void elu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    vf xc = vmax(vmin(x, vset(0)), vset(-104));
    g[0] = vsel(x > 0, vset(0), vexpm1(xc));
}
ACTIV_KERNEL_YP(elu, 1, 2.6f, 1.8f, 0, NULL)
