/*
 * SReLU: t_r + a_r (x - t_r) for x > t_r; x for t_l < x <= t_r;
 * t_l + a_l (x - t_l) for x <= t_l.  f' = a_r, 1, a_l (the left piece's
 * slope at each kink: masks x > t_r, x > t_l, as the scalar code);
 * d/dt_r = 1 - a_r, d/da_r = x - t_r right of t_r, d/dt_l = 1 - a_l,
 * d/da_l = x - t_l left of t_l.  From the output: the same masks on y.
 * With t_l <= 0 <= t_r and a_l, a_r >= 0 the two terms of each outer piece
 * have the same sign: no cancellation.  In float, x - t then a fused
 * multiply-add is within 1.4 ULP (x - t's rounding is relative to x - t):
 * the outer pieces are formed in double instead (x - t exact there but for
 * |x| > 2^29 |t|, then two double roundings) and rounded once to float:
 * within 0.5 + 2^-28 ULP, the double roundings being what the 0.51 allows.
 * a_l = 0 gives t_l also at x = -inf (the scalar's ax_mul0).
 */
#include "kernel.h"

#include "vecd.h"
#define srelu_d(v) __builtin_convertvector((v), vd)

V_INLINE vf srelu_f(vf x, const vf *P)
{
    vd xd = srelu_d(x), tl = srelu_d(P[0]), tr = srelu_d(P[2]);
    vf r = __builtin_convertvector(tr + srelu_d(P[3]) * (xd - tr), vf);
    vf l = __builtin_convertvector(tl + srelu_d(P[1]) * (xd - tl), vf);
    l = vsel(P[1] == 0, P[0], l);
    return vsel(x > P[2], r, vsel(x > P[0], x, l));
}
V_INLINE vf srelu_df(vf x, const vf *P) { return vsel(x > P[2], P[3], vsel(x > P[0], vset(1), P[1])); }
V_INLINE vf srelu_dy(vf y, const vf *P) { return vsel(y > P[2], P[3], vsel(y > P[0], vset(1), P[1])); }
V_INLINE void srelu_dp(vf x, const vf *P, vf *g)
{
    vm r = x > P[2], l = ~(x > P[0]);
    g[0] = vsel(l, 1.0f - P[1], vset(0));
    g[1] = vsel(l, x - P[0], vset(0));
    g[2] = vsel(r, 1.0f - P[3], vset(0));
    g[3] = vsel(r, x - P[2], vset(0));
}
ACTIV_KERNEL_YP(srelu, 4, 0.51f, 0, 0, NULL)
