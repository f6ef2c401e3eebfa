/*
 * AAF, p = {w, p, a, b}: sigma(z) PReLU(x; p) + sigma(-z) PELU(x; a, b),
 * z = w x.  As the scalar (src/catalog/adaptive.c):
 *   x > 0:  f  = x (sigma(z) + sigma(-z) a/b),
 *           f' = sigma(z) + sigma(-z) a/b + z sigma'(z) (b - a)/b;
 *   x <= 0: f  = p (x sigma(z)) + sigma(-z) a expm1(x/b),
 *           f' = p z sigma'(z) - w sigma'(z) a expm1(x/b) + sigma(z) p
 *                + (a/b) e^(x/b) sigma(-z)
 * (f'(0) takes the left pieces, (p + a/b)/2 at w = 0 or x = 0).  One exp
 * serves the gate: e = e^-|z|, sigma(+-z) = 1/(1+e) or e/(1+e), sigma' =
 * e/(1+e)^2, all without cancellation.  w x sigma'(w x) is formed as
 * z sigma'(z) (bounded by 0.224), and p x as p (x sigma(z)), so no product
 * overflows that the scalar's prod_exp avoids.  (b - a)/b, not 1 - a/b.
 * Values at +-inf: z is clamped to [-200, 200] (sigma is 0 or 1 in float
 * well before, and z sigma' is then 0, not inf*0), x/b to [-104, 0] (e^v is
 * 0 in float below), and x sigma(z) is 0 where sigma(z) is (x = -inf, w > 0)
 * and p (x sigma) is 0 for p = 0: the scalar's limits, no inf*0.
 * Error: where the terms keep one sign, SLEEF expf (1 ULP), vexpm1 (~2),
 * the divides and a few roundings: measured 4.0 ULP per unit of condition
 * for f and 3.9 for f' (all three ISAs, defaults and random parameters).
 * Where the gated PReLU and PELU terms cancel the error is about 2 ULP of
 * the largest term, not of f, as in the scalar (whose bound says the same):
 * zeros of f' such as the dip near x = -9 at the defaults (terms ~1e-4,
 * error 3e-11, up to 19 ULP of f'), and for p < 0 or a > b near the zeros
 * of f and f' (x -> 0-: p x against (a/b) x; x > 0: sigma(-z) a/b against
 * z sigma' (1 - a/b)).  Over 24 random parameter sets (|w|, |p|, a, b < 4,
 * so terms up to a/b ~ 40) that absolute error reached 1.1e-6 (p = -3.8,
 * a/b = 10.5): hence the absolute bound, which grows with the terms beyond.
 */
#include <float.h>

#include "kernel.h"

typedef struct {
    vf z, s, sn, ds; /* w x clamped, sigma(z), sigma(-z), sigma'(z) */
} aaf_gate_t;

V_INLINE aaf_gate_t aaf_gate(vf x, const vf *P)
{
    aaf_gate_t g;
    vf xc = vmax(vmin(x, vset(FLT_MAX)), vset(-FLT_MAX)); /* w = 0 at x = +-inf: z = 0, not NaN */
    g.z = vmax(vmin(P[0] * xc, vset(200)), vset(-200));
    vf e = vexp(-vabs(g.z));
    vf r = 1.0f / (1.0f + e), er = e * r;
    g.s = vsel(g.z >= 0, r, er);
    g.sn = vsel(g.z >= 0, er, r);
    g.ds = er * r;
    return g;
}
/* x/b for x <= 0, clamped where e^(x/b) is 0 in float */
V_INLINE vf aaf_v(vf x, const vf *P) { return vmax(vmin(x, vset(0)) / P[3], vset(-104)); }

V_INLINE vf aaf_f(vf x, const vf *P)
{
    aaf_gate_t g = aaf_gate(x, P);
    vf fp = x * (g.s + g.sn * (P[2] / P[3]));
    vm zero = (g.s == 0) | (P[1] == 0);
    vf prelu = vsel(zero, vset(0), P[1] * (x * g.s));
    vf fn = vfma(g.sn * P[2], vexpm1(aaf_v(x, P)), prelu);
    return vsel(x > 0, fp, fn);
}
V_INLINE vf aaf_df(vf x, const vf *P)
{
    aaf_gate_t g = aaf_gate(x, P);
    vf r = P[2] / P[3], zds = g.z * g.ds;
    vf dp = g.s + g.sn * r + zds * ((P[3] - P[2]) / P[3]);
    vf v = aaf_v(x, P);
    vf dn = vfma(P[1], zds + g.s, vfma(-P[0] * g.ds, P[2] * vexpm1(v), r * vexp(v) * g.sn));
    return vsel(x > 0, dp, dn);
}
V_INLINE void aaf_dp(vf x, const vf *P, vf *g)
{
    aaf_gate_t q = aaf_gate(x, P);
    vf xc = vmax(vmin(x, vset(FLT_MAX)), vset(-FLT_MAX)), r = P[2] / P[3];
    vf v = aaf_v(x, P), em = vexpm1(v), xds = xc * q.ds, xsn_b = (xc * q.sn) / P[3];
    vm pos = x > 0;
    g[0] = vsel(pos, (xds * xc) * ((P[3] - P[2]) / P[3]), (xds * xc) * P[1] - xds * (P[2] * em));
    g[1] = vsel(pos, vset(0), xc * q.s);
    g[2] = vsel(pos, xsn_b, q.sn * em);
    g[3] = -r * vsel(pos, xsn_b, v * vexp(v) * q.sn);
}
ACTIV_KERNEL_P(aaf, 4, 4.6f, 4.6f, 2e-6f,
               "f and f' have zeros where the gated PReLU and PELU terms cancel (the dip near x = -9 at the "
               "defaults, p < 0 or a > b near x = 0); there the error is about 2 ULP of the largest term "
               "(up to a/b or |p x|), not relative to f")
