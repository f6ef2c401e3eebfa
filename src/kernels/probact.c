/*
 * ProbAct: max(0, x) + s eps (eps the random parameter; 0 in evaluation).
 * f = fma(s, eps, relu(x)): one rounding with FMA (correctly rounded, as
 * the double code's sum of an exact product); the generic build rounds the
 * product first (1 ULP per unit of condition).  f' = 1[x > 0];
 * df/ds = eps, df/deps = s.  From the output f' = 1[y > s eps] with the
 * product exact: s eps = H + L (L = fma(s, eps, -H)).
 * Error: f <= 1 ULP (0.5 with FMA), f' exact.
 */
#include "kernel.h"

V_INLINE vf probact_f(vf x, const vf *P) { return vfma(P[0], P[1], vsel(x > 0, x, vset(0))); }
V_INLINE vf probact_df(vf x, const vf *P)
{
    (void)P;
    return vsel(x > 0, vset(1), vset(0));
}
V_INLINE vf probact_dy(vf y, const vf *P)
{
    vf h = P[0] * P[1];
    /* the product's rounding error, exact: P are broadcasts, one lane's double product is enough */
    vf l = vset((float)((double)P[0][0] * P[1][0] - h[0]));
    vm gt = (y > h) | ((y == h) & (l < 0));
    return vsel(gt, vset(1), vset(0));
}
V_INLINE void probact_dp(vf x, const vf *P, vf *g)
{
    (void)x;
    g[0] = P[1];
    g[1] = P[0];
}
V_INLINE vf probact_draw(vdraw d, const vf *P)
{
    (void)P;
    return vdraw_z(d);
}
ACTIV_KERNEL_DRAWN(probact, 2, 1, 1, 0, 0, NULL)
