/*
 * RReLU with the slope as given (parameter 2; drawn per element in training,
 * (lower+upper)/2 in evaluation, by the caller): x for x > 0, slope*x
 * otherwise; f' = 1 or slope (f'(0) = slope, the left piece, as the scalar
 * code); d/dslope = x for x <= 0, d/dlower = d/dupper = 0.
 * slope*x is 0 when slope is 0 (also at x = -inf, as the scalar's ax_mul0).
 * One multiply, correctly rounded: 0.5 ULP.
 */
#include "kernel.h"

V_INLINE vf rrelu_f(vf x, const vf *P)
{
    return vsel(x > 0, x, vsel(P[2] == 0, vset(0), P[2] * x));
}
V_INLINE vf rrelu_df(vf x, const vf *P) { return vsel(x > 0, vset(1), P[2]); }
V_INLINE vf rrelu_dy(vf y, const vf *P) { return vsel(y > 0, vset(1), P[2]); }
V_INLINE void rrelu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = vset(0);
    g[1] = vset(0);
    g[2] = vsel(x > 0, vset(0), x);
}
V_INLINE vf rrelu_draw(vdraw d, const vf *P) { return vfma(P[1] - P[0], vdraw_u(d), P[0]); } /* lower + (upper - lower) u */
ACTIV_KERNEL_DRAWN(rrelu, 3, 2, 0.5f, 0, 0, NULL)
