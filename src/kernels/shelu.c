/*
 * ShELU: ELU(x + b): t = x + b, t for t > 0, expm1(t) otherwise; f' = 1 or
 * e^t (C1); from the output f' = 1 or y + 1 (exact where it cancels);
 * d/db = f'(x).  x + b is exact where it cancels (Sterbenz), otherwise one
 * rounding of t.  t is clamped to -104 before the exponentials (e^t is 0
 * in float there), so -inf gives -1 and f' = 0.
 * Error: SLEEF expm1f/expf u10 and the sum.  Measured (all three ISAs,
 * default and random b): f 0.999 ULP per unit of condition, f' 0.98.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf shelu_f(vf x, const vf *P)
{
    vf t = x + P[0];
    return vsel(t > 0, t, vexpm1(vmax(t, vset(-104))));
}
V_INLINE vf shelu_df(vf x, const vf *P)
{
    vf t = x + P[0];
    return vsel(t > 0, vset(1), vexp(vmax(vmin(t, vset(0)), vset(-104))));
}
V_INLINE vf shelu_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y > 0, vset(1), y + 1.0f);
}
V_INLINE void shelu_dp(vf x, const vf *P, vf *g) { g[0] = shelu_df(x, P); }
ACTIV_KERNEL_YP(shelu, 1, 1.5f, 1.2f, 0, NULL)
