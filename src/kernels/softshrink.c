/*
 * Softshrink: x - lambda (x > lambda), x + lambda (x < -lambda), 0 between;
 * f' = 1[|x| > lambda] (f'(+-lambda) = 0, PyTorch); d/dlambda = -1, 1, 0.
 * From the output: f' = 1[y != 0] (x - lambda of two distinct floats is
 * never 0 in float, gradual underflow included).
 * One subtraction, correctly rounded: 0.5 ULP.
 */
#include "kernel.h"

V_INLINE vf softshrink_f(vf x, const vf *P)
{
    return vsel(x > P[0], x - P[0], vsel(x < -P[0], x + P[0], vset(0)));
}
V_INLINE vf softshrink_df(vf x, const vf *P) { return vsel((x > P[0]) | (x < -P[0]), vset(1), vset(0)); }
V_INLINE vf softshrink_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y != 0, vset(1), vset(0));
}
V_INLINE void softshrink_dp(vf x, const vf *P, vf *g)
{
    g[0] = vsel(x > P[0], vset(-1), vsel(x < -P[0], vset(1), vset(0)));
}
ACTIV_KERNEL_YP(softshrink, 1, 0.5f, 0, 0, NULL)
