/*
 * FReLU (flexible ReLU): max(0, x) + b; f' = 1[x > 0] (f'(0) = 0);
 * d/db = 1.  From the output: f' = 1[y > b], as the scalar code.
 * One addition, correctly rounded: 0.5 ULP.
 */
#include "kernel.h"

V_INLINE vf frelu_f(vf x, const vf *P) { return vsel(x > 0, x + P[0], P[0]); }
V_INLINE vf frelu_df(vf x, const vf *P)
{
    (void)P;
    return vsel(x > 0, vset(1), vset(0));
}
V_INLINE vf frelu_dy(vf y, const vf *P) { return vsel(y > P[0], vset(1), vset(0)); }
V_INLINE void frelu_dp(vf x, const vf *P, vf *g)
{
    (void)x, (void)P;
    g[0] = vset(1);
}
ACTIV_KERNEL_YP(frelu, 1, 0.5f, 0, 0, NULL)
