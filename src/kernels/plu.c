/*
 * PLU: x for -c < x <= c; alpha (x - c) + c for x > c; alpha (x + c) - c for
 * x <= -c.  f' = 1 inside, alpha outside (f'(-c) = alpha, f'(c) = 1: the
 * left piece's, masks x > c and x > -c as the scalar code); d/dalpha =
 * x -+ c and d/dc = +-(1 - alpha) outside, 0 inside.  From the output: the
 * same masks on y.  With c >= 0 the two terms of each outer piece have the
 * same sign.  In float, x -+ c then a fused multiply-add is within 1.5 ULP
 * (x - c's rounding is relative to x - c): the outer pieces are formed in
 * double instead (x -+ c exact but for |x| > 2^29 c, then two double
 * roundings) and rounded once to float: within 0.5 + 2^-28 ULP, the double
 * roundings being what the 0.51 allows.
 */
#include "kernel.h"

#include "vecd.h"
#define plu_d(v) __builtin_convertvector((v), vd)

V_INLINE vf plu_f(vf x, const vf *P)
{
    vd xd = plu_d(x), a = plu_d(P[0]), c = plu_d(P[1]);
    vf r = __builtin_convertvector(a * (xd - c) + c, vf);
    vf l = __builtin_convertvector(a * (xd + c) - c, vf);
    return vsel(x > P[1], r, vsel(x > -P[1], x, l));
}
V_INLINE vf plu_df(vf x, const vf *P) { return vsel((x > P[1]) | ~(x > -P[1]), P[0], vset(1)); }
V_INLINE vf plu_dy(vf y, const vf *P) { return vsel((y > P[1]) | ~(y > -P[1]), P[0], vset(1)); }
V_INLINE void plu_dp(vf x, const vf *P, vf *g)
{
    vm r = x > P[1], l = ~(x > -P[1]);
    g[0] = vsel(r, x - P[1], vsel(l, x + P[1], vset(0)));
    g[1] = vsel(r, 1.0f - P[0], vsel(l, P[0] - 1.0f, vset(0)));
}
ACTIV_KERNEL_YP(plu, 2, 0.51f, 0, 0, NULL)
