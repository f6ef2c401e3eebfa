/*
 * ReLTanh: tanh(x) for lambda_neg <= x <= lambda_pos; outside, the tangent
 * of tanh at the threshold l: tanh(l) + (x - l) sech^2(l).  f' = sech^2(x)
 * inside, sech^2(l) outside (masks x > lambda_pos, x < lambda_neg as the
 * scalar code); d/dl = -2 (x - l) tanh(l) sech^2(l) on that threshold's side.
 * From the output: sech^2(l) where y > tanh(lambda_pos) or y < tanh(lambda_neg),
 * else (1 - y)(1 + y).
 * sech^2 t = 4h^2/(1 + h^2)^2 and tanh |t| = (1 - h^2)/(1 + h^2) with
 * h = e^-|t| <= 1, all in double (h from a small double exp below: with
 * SLEEF's expf the 1 ULP of h became 2 ULP of sech^2 and 2.2 of f on the
 * lines); the tangent lines are sums of two terms of one sign (lambda_neg
 * <= 0 <= lambda_pos), formed in double and rounded once; inside, tanh x
 * likewise (one exp per lane, at l or x).  So f and f' are within
 * 0.5 + 2^-40 ULP (declared 0.51); measured 0.5 on all three builds.
 * From the output, the masks compare y with the double tanh of the
 * thresholds as the scalar code does: SLEEF's tanhf
 * decides every lane more than 2^-20 relative away from it, and a vector
 * with a lane that close takes the threshold from libm's double tanh,
 * rounded toward the side that keeps the comparison exact.
 * At x = +-inf, f = x (both lines rise).
 */
#include <float.h>

#include "kernel.h"

#include "vecd.h"
#define reltanh_d(v) __builtin_convertvector((v), vd)

/* sech^2 t = 4h^2/(1 + h^2)^2 and, if th, tanh t = sign(t) (1 - h^2)/(1 + h^2),
   h = e^-|t|, in double: no cancellation in sech^2 (1 - tanh^2 would
   cancel); tanh by its series below |t| = 2^-6 (truncation 2^-66), where
   1 - h^2 would. */
V_INLINE void reltanh_sech2(vf t, vd *s2, vd *th)
{
    vd h, a = reltanh_d(vabs(t));
    vd_expneg(a, vabs(t) < 200, &h);
    vd h2 = h * h, q = 1.0 + h2;
    *s2 = 4.0 * h2 / (q * q);
    if (th) {
        vd a2 = a * a;
        vd ser = a * (1.0 + a2 * (-1.0 / 3 + a2 * (2.0 / 15 + a2 * (-17.0 / 315 + a2 * (62.0 / 2835)))));
        vdm small = __builtin_convertvector(vabs(t) < 0x1p-6f, vdm);
        vd big = (1.0 - h2) / q;
        vd tt = (vd)(((vdm)ser & small) | ((vdm)big & ~small));
        *th = __builtin_convertvector(vcopysign(vset(1), t), vd) * tt;
    }
}
V_INLINE vf reltanh_f(vf x, const vf *P)
{
    /* one tanh/sech^2 evaluation per lane, at l (lines) or x (inside) */
    vm hi = x > P[0], lo = x < P[1];
    vf z = vsel(hi, P[0], vsel(lo, P[1], x));
    vd s2, th;
    reltanh_sech2(z, &s2, &th);
    vf xc = vmax(vmin(x, vset(FLT_MAX)), vset(-FLT_MAX));
    vd r = th + (reltanh_d(xc) - reltanh_d(z)) * s2; /* inside, x - z = 0 */
    return vsel(vabs(x) == INFINITY, x, __builtin_convertvector(r, vf));
}
V_INLINE vf reltanh_df(vf x, const vf *P)
{
    vf t = vsel(x > P[0], P[0], vsel(x < P[1], P[1], x));
    vd s2;
    reltanh_sech2(t, &s2, NULL);
    return __builtin_convertvector(s2, vf);
}
/* the float threshold T with y > T (up) or y < T (!up) exactly when y compares so with tanh(l) in double */
static inline float reltanh_edge(float l, int up)
{
    double t = tanh((double)l);
    float f = (float)t;
    if (up && (double)f > t) f = nextafterf(f, -INFINITY);
    if (!up && (double)f < t) f = nextafterf(f, INFINITY);
    return f;
}
V_INLINE vf reltanh_dy(vf y, const vf *P)
{
    vf tp = vtanh(P[0]), tn = vtanh(P[1]);
    vm hi = y > tp, lo = y < tn;
    if (vany(vabs(y - tp) <= 0x1p-20f * vabs(tp) + 0x1p-126f)) hi = y > reltanh_edge(P[0][0], 1);
    if (vany(vabs(y - tn) <= 0x1p-20f * vabs(tn) + 0x1p-126f)) lo = y < reltanh_edge(P[1][0], 0);
    vd s2;
    reltanh_sech2(vsel(hi, P[0], P[1]), &s2, NULL);
    vd yd = reltanh_d(y);
    vf mid = __builtin_convertvector((1.0 - yd) * (1.0 + yd), vf);
    return vsel(hi | lo, __builtin_convertvector(s2, vf), mid);
}
/* -2 tanh(l) (x - l) sech^2(l), 0 where l = 0 */
V_INLINE vf reltanh_dl(vf x, vf l)
{
    vd s2, th;
    reltanh_sech2(l, &s2, &th);
    vd r = -2.0 * th * ((reltanh_d(vmax(vmin(x, vset(FLT_MAX)), vset(-FLT_MAX))) - reltanh_d(l)) * s2);
    return vsel(l == 0, vset(0), __builtin_convertvector(r, vf));
}
V_INLINE void reltanh_dp(vf x, const vf *P, vf *g)
{
    g[0] = vsel(x > P[0], reltanh_dl(x, P[0]), vset(0));
    g[1] = vsel(x < P[1], reltanh_dl(x, P[1]), vset(0));
}
ACTIV_KERNEL_YP(reltanh, 2, 0.51f, 0.51f, 0, NULL)
