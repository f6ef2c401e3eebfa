/*
 * ReSech: x sech x = 2 x e/(1 + q) with u = |x|, e = e^-u, q = e^2 (no
 * overflow; x is clamped to +-200, where f is 0 in float, so that +-inf
 * gives +-0, not inf*0).
 * f' = sech x (1 - x tanh x), even, with sech = 2e/(1 + q) and, as the
 * double code, 1 - u tanh u = (q(1 + u) + (1 - u))/(1 + q): 1 - u is exact
 * near the zero of f' at u = 1.19968 (Sterbenz), so only the roundings of q
 * and 1 + u are left there.  Below u = 1 (where those roundings, of numbers
 * near 1, would dominate) sech and tanh come from E = expm1(-u) instead.
 * Error (measured): f 2.28 ULP per unit of condition (x ~ -2.1), f' 4.71
 * (|x| ~ 2.0-2.3: e's 1 ULP plus the roundings of 2eh and (1+q)^2);
 * declared 3 and 6 (15% over the worst of four samples).
 */
#include "kernel.h"

V_INLINE vf resech_f(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(vmin(x, vset(200)), vset(-200));
    vf e = vexp(-vabs(xc));
    return 2.0f * xc * e / vfma(e, e, vset(1));
}
V_INLINE vf resech_df(vf x, const vf *P)
{
    (void)P;
    vf u = vmin(vabs(x), vset(200));
    vf e = vexp(-u), q = e * e;
    vf d = 1.0f + q;
    vf h = vfma(q, 1.0f + u, 1.0f - u);
    vf big = 2.0f * e * h / (d * d);
    /* u < 1: from E = e^-u - 1, sech = 2(1 + E)/(2 + E(2 + E)) and
       tanh = -E(2 + E)/(2 + E(2 + E)), where the roundings of e and q near 1 no
       longer enter; 1 - u tanh u >= 0.238 does not cancel there */
    vf E = vexpm1(-vmin(u, vset(1)));
    vf n = E * (2.0f + E), rd = 1.0f / (2.0f + n);
    vf small = (2.0f + 2.0f * E) * rd * vfma(u, n * rd, vset(1));
    return vsel(u < 1, small, big);
}
ACTIV_KERNEL(resech, 0, 3, 6, 0, NULL)
