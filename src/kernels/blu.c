/*
 * BLU: x + beta (sqrt(x^2 + 1) - 1), the scalar code's stable forms:
 * s = sqrt(x^2 + 1), s - 1 = |x| r with r = |x|/(s + 1);
 *   beta, x of the same sign (or either 0): f = x + beta |x| r, two terms of
 *   one sign; f' = 1 + |beta| |x|/s;
 *   opposite signs (the terms would cancel): f = sign(x) r (((1 - |beta|)|x|
 *   + 1) + 1/(s + |x|)), f' = (1 - |beta|)|x|/s + 1/((s + |x|) s), sums of
 *   non-negative terms.
 * d/dbeta = |x| r.  From the output (u = y + beta, w2 = 1 - beta^2, h =
 * sqrt(u^2 + 1), q = sqrt(u^2 + w2)/h, v = u/h): f' = q (q + beta v) when
 * beta u >= 0, else w2 q/(q - beta v), whichever has no cancellation.
 * All of it is formed in double and rounded once.  The square roots start
 * from the float sqrt (correctly rounded) and take one Newton step in double
 * (s0 + (Q - s0^2)/(2 s0), error ~2^-47); past |x| = 2^30 sqrt(x^2 + 1) = |x|
 * to 2^-61.  So every form is within 0.5 + 2^-26 ULP (declared 0.51).
 * At x = +-inf: f = x, or sign(x) when |beta| = 1 bends that side flat;
 * f' = 1 +- beta (the scalar's limits); from y likewise at u = +-inf.
 */
#include <float.h>

#include "kernel.h"

#include "vecd.h"
#define blu_d(v) __builtin_convertvector((v), vd)
/* compares are made in float and their masks widened: on double vectors
   wider than a register GCC would split them lane by lane */
#define blu_m(m) __builtin_convertvector((m), vdm)
#define blu_dsel(m, a, b) ((vd)(((vdm)(a) & (m)) | ((vdm)(b) & ~(m))))

/* *out = sqrt(Q) for 0 <= Q <= 2^62 (a double), to ~2^-47 relative */
V_INLINE void blu_sqrt(vd Q, vd *out)
{
    vf s0f = vsqrt(__builtin_convertvector(Q, vf));
    vd s0 = blu_d(s0f);
    vdm z = blu_m(s0f == 0);
    vd den = blu_dsel(z, s0 - s0 + 1.0, 2.0 * s0);
    *out = blu_dsel(z, s0, s0 + (Q - s0 * s0) / den);
}
/* s = sqrt(a^2 + 1) for a = |x| finite */
V_INLINE void blu_s(vf af, vd *s)
{
    vd a = blu_d(af);
    vdm big = blu_m(af > 0x1p30f);
    vd ac = blu_dsel(big, a - a, a);
    vd sm;
    blu_sqrt(ac * ac + 1.0, &sm);
    *s = blu_dsel(big, a, sm);
}
V_INLINE vm blu_opp(vf x, const vf *P) { return ((P[0] > 0) & (x < 0)) | ((P[0] < 0) & (x > 0)); }

V_INLINE vf blu_f(vf x, const vf *P)
{
    vf af = vmin(vabs(x), vset(FLT_MAX));
    vd a = blu_d(af), xd = blu_d(vcopysign(af, x)), b = blu_d(P[0]), ab = blu_d(vabs(P[0]));
    vd s;
    blu_s(af, &s);
    vd r = a / (s + 1.0);
    vd same = xd + b * (a * r);
    vd opp = r * (((1.0 - ab) * a + 1.0) + 1.0 / (s + a));
    vm o = blu_opp(x, P);
    vf fs = __builtin_convertvector(same, vf);
    vf fo = vcopysign(__builtin_convertvector(opp, vf), x);
    vf sg = vsel(x < 0, vset(-1), vset(1));
    vf finf = vsel(o & (vabs(P[0]) == 1), sg, x);
    return vsel(vabs(x) == INFINITY, finf, vsel(o, fo, fs));
}
V_INLINE vf blu_df(vf x, const vf *P)
{
    vf af = vmin(vabs(x), vset(FLT_MAX));
    vd a = blu_d(af), ab = blu_d(vabs(P[0]));
    vd s;
    blu_s(af, &s);
    vd same = 1.0 + ab * (a / s);
    vd opp = (1.0 - ab) * (a / s) + (1.0 / (s + a)) / s;
    vf dinf = __builtin_convertvector(1.0 + blu_d(vsel(x > 0, P[0], -P[0])), vf);
    vf d = vsel(blu_opp(x, P), __builtin_convertvector(opp, vf), __builtin_convertvector(same, vf));
    return vsel(vabs(x) == INFINITY, dinf, d);
}
V_INLINE vf blu_dy(vf y, const vf *P)
{
    vd b = blu_d(P[0]);
    vd u = blu_d(vmax(vmin(y, vset(FLT_MAX)), vset(-FLT_MAX))) + b;
    vd w2 = (1.0 - b) * (1.0 + b);
    vf uf = __builtin_convertvector(u, vf); /* for the masks, taken in float */
    vdm big = blu_m(vabs(uf) > 0x1p30f);
    vd uc = blu_dsel(big, u - u, u);
    vd h, R;
    blu_sqrt(uc * uc + 1.0, &h);
    blu_sqrt(uc * uc + w2, &R);
    vd one = b - b + 1.0;
    vd q = blu_dsel(big, one, R / h);
    vd v = blu_dsel(big, blu_dsel(blu_m(uf > 0), one, -one), uc / h);
    vd r1 = q * (q + b * v), r2 = w2 * q / (q - b * v);
    vdm m1 = blu_m(P[0] * uf >= 0); /* either form where b u underflows */
    vf r = __builtin_convertvector(blu_dsel(m1, r1, r2), vf);
    vf yb = y + P[0];
    vf dinf = vsel(yb > 0, 1.0f + P[0], 1.0f - P[0]);
    return vsel(vabs(y) == INFINITY, dinf, r);
}
V_INLINE void blu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    vf af = vmin(vabs(x), vset(FLT_MAX));
    vd a = blu_d(af), s;
    blu_s(af, &s);
    g[0] = vsel(vabs(x) == INFINITY, vset(INFINITY), __builtin_convertvector(a * (a / (s + 1.0)), vf));
}
ACTIV_KERNEL_YP(blu, 1, 0.51f, 0.51f, 0, NULL)
