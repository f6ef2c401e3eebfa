/*
 * PTELU: x for x > 0; alpha tanh(beta x) otherwise.  f' = 1 for x > 0,
 * alpha beta sech^2(beta x) otherwise (f'(0) = alpha beta, the left piece,
 * as the scalar code); d/dalpha = tanh(beta x), d/dbeta = alpha x
 * sech^2(beta x) for x <= 0.  From the output: sech^2 = 1 - (y/alpha)^2, so
 * f' = beta (alpha - y)(alpha + y)/alpha (0 when alpha = 0).
 * t = beta x is formed exactly in double (x clamped to -FLT_MAX, so that
 * beta = 0 gives 0 also at x = -inf, the scalar's ax_mul0), and with h = e^t
 * from a small double exp (below), tanh t = -(1 - h^2)/(1 + h^2) (its series
 * near 0, where that cancels) and sech^2 t = 4h^2/(1 + h^2)^2 (no
 * cancellation, unlike 1 - tanh^2; no overflow, h <= 1), all in double and
 * rounded once: f, f' and the from-output form within 0.5 + 2^-40 ULP
 * (declared 0.51).  With SLEEF's float tanhf and expf they were 1.8 and 1.9.
 */
#include <float.h>

#include "kernel.h"

#include "vecd.h"
#define ptelu_d(v) __builtin_convertvector((v), vd)
#define ptelu_dsel(m, a, b) ((vd)(((vdm)(a) & (m)) | ((vdm)(b) & ~(m))))

/* t = beta min(x, 0) in double, exact (x clamped to -FLT_MAX so that beta = 0 gives 0) */
#define ptelu_td(x, P) (ptelu_d(P[1]) * ptelu_d(vmax(vmin(x, vset(0)), vset(-FLT_MAX))))
/* for t <= 0: sech^2 t = 4h^2/(1 + h^2)^2, tanh t = -(1 - h^2)/(1 + h^2), h = e^t;
   tanh by its series above t = -2^-6 (truncation 2^-66), where 1 - h^2 cancels */
V_INLINE void ptelu_th_s2(vd t, vd *th, vd *s2)
{
    vf tf = __builtin_convertvector(t, vf); /* for the masks, taken in float */
    vd a = -t, h;
    vd_expneg(a, tf > -200, &h);
    vd h2 = h * h, q = 1.0 + h2;
    *s2 = 4.0 * h2 / (q * q);
    vd a2 = a * a;
    vd ser = a * (1.0 + a2 * (-1.0 / 3 + a2 * (2.0 / 15 + a2 * (-17.0 / 315 + a2 * (62.0 / 2835)))));
    *th = -ptelu_dsel(__builtin_convertvector(tf > -0x1p-6f, vdm), ser, (1.0 - h2) / q);
}
V_INLINE vf ptelu_f(vf x, const vf *P)
{
    vd th, s2;
    ptelu_th_s2(ptelu_td(x, P), &th, &s2);
    return vsel(x > 0, x, __builtin_convertvector(ptelu_d(P[0]) * th, vf));
}
V_INLINE vf ptelu_df(vf x, const vf *P)
{
    vd th, s2;
    ptelu_th_s2(ptelu_td(x, P), &th, &s2);
    vf r = __builtin_convertvector(ptelu_d(P[0]) * ptelu_d(P[1]) * s2, vf);
    return vsel(x > 0, vset(1), r);
}
V_INLINE vf ptelu_dy(vf y, const vf *P)
{
    vd a = ptelu_d(P[0]), yd = ptelu_d(y);
    vf r = __builtin_convertvector(ptelu_d(P[1]) * ((a - yd) * (a + yd) / a), vf);
    return vsel(y > 0, vset(1), vsel(P[0] == 0, vset(0), r));
}
V_INLINE void ptelu_dp(vf x, const vf *P, vf *g)
{
    vd th, s2;
    ptelu_th_s2(ptelu_td(x, P), &th, &s2);
    vf g1 = __builtin_convertvector(ptelu_d(P[0]) * ptelu_d(vmax(x, vset(-FLT_MAX))) * s2, vf);
    g[0] = vsel(x > 0, vset(0), __builtin_convertvector(th, vf));
    g[1] = vsel(x > 0, vset(0), g1);
}
ACTIV_KERNEL_YP(ptelu, 2, 0.51f, 0.51f, 0, NULL)
