/*
 * Hexpo: -a expm1(-x/b) for x > 0, c expm1(x/d) otherwise (expm1: no
 * cancellation near 0); f' = (a/b) e^(-x/b) or (c/d) e^(x/d), f'(0) = c/d
 * (the left piece, as the double code).  Gradients as the double code, with
 * t e^-t taken as 0 where e^-t is 0 (no inf*0).  From the output:
 * (a - y)/b for y > 0, (c + y)/d otherwise.
 * The rounding of x/b (x/d) is amplified by the condition of expm1, which
 * the test's bound scales by.
 * Error (measured, three parameter sets): f 1.98 ULP per unit of condition
 * (tiny x), f' 2.67 (x ~ 2.2), from the output 1.45; declared 2.5 and 3.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf hexpo_f(vf x, const vf *P)
{
    vm pos = x > 0;
    vf t = vsel(pos, -x / P[1], x / P[3]);
    vf m = vexpm1(t);
    return vsel(pos, -P[0] * m, P[2] * m);
}
V_INLINE vf hexpo_df(vf x, const vf *P)
{
    vm pos = x > 0;
    vf t = vsel(pos, -x / P[1], x / P[3]);
    vf k = vsel(pos, P[0] / P[1], P[2] / P[3]);
    return k * vexp(t);
}
V_INLINE vf hexpo_dy(vf y, const vf *P)
{
    return vsel(y > 0, (P[0] - y) / P[1], (P[2] + y) / P[3]);
}
V_INLINE void hexpo_dp(vf x, const vf *P, vf *g)
{
    vm pos = x > 0;
    vf t = vsel(pos, x / P[1], x / P[3]); /* >= 0 for x > 0, <= 0 otherwise */
    vf s = vsel(pos, -t, t);              /* the exponent, <= 0 */
    vf e = vexp(s);
    vf te = vsel(e == 0, vset(0), t * e);
    vf m = vexpm1(s);
    vf z = vset(0);
    g[0] = vsel(pos, -m, z);
    g[1] = vsel(pos, -(P[0] / P[1]) * te, z);
    g[2] = vsel(pos, z, m);
    g[3] = vsel(pos, z, -(P[2] / P[3]) * te);
}
ACTIV_KERNEL_YP(hexpo, 4, 2.8f, 3.4f, 0, NULL)
