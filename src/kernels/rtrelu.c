/*
 * RTReLU with the translation a as given (parameter 1; drawn N(0, sigma^2)
 * per element in training, 0 in evaluation, by the caller): max(0, x + a);
 * f' = 1[x + a > 0] (f'(-a) = 0); d/da = 1[x + a > 0], d/dsigma = 0.
 * The float sum has the sign of the exact one, so the masks agree with the
 * scalar's.  From the output: 1[y > 0].  One addition: 0.5 ULP.
 */
#include "kernel.h"

V_INLINE vf rtrelu_f(vf x, const vf *P)
{
    vf t = x + P[1];
    return vsel(t > 0, t, vset(0));
}
V_INLINE vf rtrelu_df(vf x, const vf *P) { return vsel(x + P[1] > 0, vset(1), vset(0)); }
V_INLINE vf rtrelu_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y > 0, vset(1), vset(0));
}
V_INLINE void rtrelu_dp(vf x, const vf *P, vf *g)
{
    g[0] = vset(0);
    g[1] = vsel(x + P[1] > 0, vset(1), vset(0));
}
V_INLINE vf rtrelu_draw(vdraw d, const vf *P) { return P[0] * vdraw_z(d); } /* sigma z */
ACTIV_KERNEL_DRAWN(rtrelu, 2, 1, 0.5f, 0, 0, NULL)
