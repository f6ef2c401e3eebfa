/*
 * Softsign: x/(1 + |x|), f' = r^2 with r = 1/(1 + |x|) (r^2, not 1/u^2:
 * u^2 would overflow for |x| > 1.8e19 while f' is still a normal float).
 * x is clamped to +-1e30, where f is +-1 and f' is 0 in float, so that
 * +-inf gives +-1 (not inf/inf).  From the output: (1 - |y|)^2, exact
 * subtraction for |y| >= 1/2.
 * Error (measured): f 1.47 ULP (x ~ -0.004; one add, one divide), f' 3.42
 * (small |x|: the rounding of 1 + |x| is a whole ULP of r just below 1 and
 * the square doubles it), from the output 1.89; declared 1.5 and 3.5.
 */
#include "kernel.h"

V_INLINE vf softsign_f(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(vmin(x, vset(1e30f)), vset(-1e30f));
    return xc / (1.0f + vabs(xc));
}
V_INLINE vf softsign_df(vf x, const vf *P)
{
    (void)P;
    vf r = 1.0f / (1.0f + vabs(x));
    return r * r;
}
V_INLINE vf softsign_dy(vf y, const vf *P)
{
    (void)P;
    vf u = 1.0f - vabs(y);
    return u * u;
}
ACTIV_KERNEL_Y(softsign, 0, 1.5f, 3.5f, 0, NULL)
