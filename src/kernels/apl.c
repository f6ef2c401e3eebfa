/*
 * APL: max(0, x) + sum_{s=1,2} a_s max(0, b_s - x).
 * f' = 1[x > 0] - sum_s a_s 1[x <= b_s] (the left piece at every kink, as
 * the scalar); df/da_s = max(0, b_s - x), df/db_s = a_s 1[x <= b_s].
 * The terms can cancel (a_s may be negative), so f and f' are summed in
 * double per lane (double vectors stay local to each lane function): b - x of
 * two floats and its product with a float weight are exact or within 2^-53
 * there, and the sum rounds once to float; inactive hinges use x = b, so
 * +inf never meets a 0 weight.  x = -inf is the scalar's limit: (a1 + a2)
 * inf, or a1 b1 + a2 b2 when the slopes cancel.
 * Error (all three ISAs, defaults and random parameters, densities
 * 0.25/1/1.7): 0.5 ULP per unit of condition measured for f and f' (the
 * double sum adds ~2^-29 ULP); bound 0.6.
 */
#include "kernel.h"

typedef double apl_vd __attribute__((vector_size(VW * 8)));
#define apl_d(v) __builtin_convertvector((v), apl_vd)

V_INLINE vf apl_f(vf x, const vf *P)
{
    vf h1 = vsel(x < P[2], x, P[2]), h2 = vsel(x < P[3], x, P[3]);
    apl_vd s = apl_d(vmax(x, vset(0))) + apl_d(P[0]) * (apl_d(P[2]) - apl_d(h1)) +
               apl_d(P[1]) * (apl_d(P[3]) - apl_d(h2));
    vf r = __builtin_convertvector(s, vf);
    vf A = P[0] + P[1];
    vf left = vsel(A == 0, P[0] * P[2] + P[1] * P[3], A * vset(INFINITY));
    return vsel(x == -INFINITY, left, r);
}
V_INLINE vf apl_df(vf x, const vf *P)
{
    apl_vd s = apl_d(vsel(x > 0, vset(1), vset(0))) - apl_d(vsel(x <= P[2], P[0], vset(0))) -
               apl_d(vsel(x <= P[3], P[1], vset(0)));
    return __builtin_convertvector(s, vf);
}
V_INLINE void apl_dp(vf x, const vf *P, vf *g)
{
    g[0] = vsel(x < P[2], P[2] - x, vset(0));
    g[1] = vsel(x < P[3], P[3] - x, vset(0));
    g[2] = vsel(x <= P[2], P[0], vset(0));
    g[3] = vsel(x <= P[3], P[1], vset(0));
}
ACTIV_KERNEL_P(apl, 4, 0.6f, 0.6f, 0, NULL)
