/*
 * ABReLU with the mean beta as given (parameter 0, computed by the layer):
 * max(0, x - beta); f' = 1[x > beta] (f'(beta) = 0); d/dbeta = -1[x > beta].
 * x - beta of two distinct floats is never 0, so from the output f' = 1[y > 0]
 * as the scalar code.  One subtraction: 0.5 ULP.
 */
#include "kernel.h"

V_INLINE vf abrelu_f(vf x, const vf *P) { return vsel(x > P[0], x - P[0], vset(0)); }
V_INLINE vf abrelu_df(vf x, const vf *P) { return vsel(x > P[0], vset(1), vset(0)); }
V_INLINE vf abrelu_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y > 0, vset(1), vset(0));
}
V_INLINE void abrelu_dp(vf x, const vf *P, vf *g) { g[0] = vsel(x > P[0], vset(-1), vset(0)); }
ACTIV_KERNEL_YP(abrelu, 1, 0.5f, 0, 0, NULL)
