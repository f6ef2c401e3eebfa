/*
 * Hardshrink: x if |x| > lambda, else 0; f' = 1[|x| > lambda] (at the jumps
 * +-lambda f = 0 and f' = 0, PyTorch's convention, as the scalar code);
 * d/dlambda = 0 away from the jumps.  From the output: f' = 1[y != 0].
 * Exact: compares and selects only.
 */
#include "kernel.h"

V_INLINE vm hardshrink_on(vf x, const vf *P) { return (x > P[0]) | (x < -P[0]); }
V_INLINE vf hardshrink_f(vf x, const vf *P) { return vsel(hardshrink_on(x, P), x, vset(0)); }
V_INLINE vf hardshrink_df(vf x, const vf *P) { return vsel(hardshrink_on(x, P), vset(1), vset(0)); }
V_INLINE vf hardshrink_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y != 0, vset(1), vset(0));
}
V_INLINE void hardshrink_dp(vf x, const vf *P, vf *g)
{
    (void)x, (void)P;
    g[0] = vset(0);
}
ACTIV_KERNEL_YP(hardshrink, 1, 0, 0, 0, NULL)
