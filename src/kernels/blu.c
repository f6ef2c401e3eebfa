/*
 * BLU: x + beta (sqrt(x^2 + 1) - 1).  f, f' and d/dbeta in float; s = sqrt(x^2 + 1) from the
 * float root of x^2 + 1 (one FMA rounding under it), past |x| = 2^30 s = |x| to 2^-61.
 *   f = x + beta (s - 1) for |x| < 2^20, with s - 1 = h + l, h = s0 - 1 exact and l the Newton
 *   correction of s0 (its residual x^2 + 1 - s0^2 formed exactly from products and their
 *   errors), and x + beta h summed compensated (TwoSum, FMA): as if in twice float's precision,
 *   so the cancellation where beta and x have opposite signs (f ~ x (1 - |beta|) or ~ sign(x)
 *   for |beta| = 1) costs ~2^-48 relative to the terms, |x| 2^-28 ULP at most;
 *   beyond 2^20 with opposite signs: sign(x) ((1 - 1/(s + |x|)) + (1 - |beta|)(s - 1)), two
 *   non-negative terms (the scalar code's stable form, rearranged).
 *   f' = 1 + beta sign(x) |x|/s (an FMA) unless that cancels (opposite signs, |beta||x|/s >
 *   1/2): then (1 - |beta|)|x|/s + 1/((s + |x|) s), non-negative terms.
 *   d/dbeta = h + l.
 * It was double per lane.  From the output (u = y + beta, w2 = 1 - beta^2, h = sqrt(u^2 + 1),
 * q = sqrt(u^2 + w2)/h, v = u/h): f' = q (q + beta v) when beta u >= 0, else w2 q/(q - beta v),
 * still formed in double (the square roots from the float root and one Newton step in double,
 * ~2^-47) and rounded once: not on the training path, which keeps f' from the forward.
 * At x = +-inf: f = x, or sign(x) when |beta| = 1 bends that side flat; f' = 1 +- beta (the
 * scalar's limits); from y likewise at u = +-inf.
 * Measured (all three ISAs, default and random beta, densities 0.25, 1, 1.7): f 2.05 ULP per
 * unit of condition (at |x| ~ 5e7, the far form), f' 3.2 (near |x| ~ 1.2-1.8, where the
 * cancelling form starts), f' from y 0.5 (bounds 2.4, 3.7; from y the test allows f''s + 1).
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
/* sf = sqrt(a^2 + 1) in float for a = |x| (finite): one rounding under the root (FMA), one of the
   root; past 2^30 it is a to 2^-61 */
V_INLINE vf blu_sf(vf af)
{
    vf ac = vmin(af, vset(0x1p30f));
    return vsel(af > 0x1p30f, af, vsqrt(vfma(ac, ac, vset(1))));
}
/* sqrt(a^2 + 1) - 1 = h + l, h = s0 - 1 (exact: s0 = blu_sf(a) in [1, 2^24]), l = the Newton
   correction of s0, (a^2 + 1 - s0^2)/(2 s0), its residual formed exactly (m - s0^2 from s0^2
   as a product and its error, m = a^2 + 1 rounded, m's own rounding by TwoSum); l = 0 past a = 2^30 */
V_INLINE void blu_sm1(vf af, vf s0, vf *h, vf *l)
{
    vf ac = vmin(af, vset(0x1p30f));
    vf ph = ac * ac, pl = vprod_lo(ac, ac, ph);
    vf m = ph + 1.0f, bb = m - ph, mlo = ((ph - (m - bb)) + (1.0f - bb)) + pl;
    *h = s0 - 1.0f;
    vf qh = s0 * s0, ql = vprod_lo(s0, s0, qh); /* not one FMA: the generic build has none */
    *l = vsel(af > 0x1p30f, vset(0), (((m - qh) - ql) + mlo) / (2.0f * s0));
}

V_INLINE vf blu_f(vf x, const vf *P)
{
    vf a = vmin(vabs(x), vset(FLT_MAX)), s0 = blu_sf(a), h, l;
    blu_sm1(a, s0, &h, &l);
    vm mid = a < 0x1p20f;
    /* x + beta (h + l) compensated: x + beta h by TwoSum and an FMA, beta l added to the errors */
    vf p = P[0] * h, S = x + p, bb = S - x;
    vf e = ((x - (S - bb)) + (p - bb)) + (vprod_lo(P[0], vsel(mid, h, vset(0)), p) + P[0] * l);
    vf near = S + vsel(mid, e, vset(0));
    /* past 2^20, opposite signs: (1 - 1/(s + a)) + (1 - |beta|)(s - 1), two non-negative terms */
    vf far = vcopysign(vfma(1.0f - vabs(P[0]), h, 1.0f - 1.0f / (s0 + a)), x);
    vm o = blu_opp(x, P);
    vf sg = vsel(x < 0, vset(-1), vset(1));
    vf finf = vsel(o & (vabs(P[0]) == 1), sg, x);
    return vsel(vabs(x) == INFINITY, finf, vsel(o & ~mid, far, near));
}
V_INLINE vf blu_df(vf x, const vf *P)
{
    vf a = vmin(vabs(x), vset(FLT_MAX)), s = blu_sf(a), ab = vabs(P[0]), as = a / s;
    vf near = vfma(vsel(blu_opp(x, P), -ab, ab), as, vset(1));
    vf opp = (1.0f - ab) * as + (1.0f / (s + a)) / s;
    vf dinf = 1.0f + vsel(x > 0, P[0], -P[0]);
    return vsel(vabs(x) == INFINITY, dinf, vsel(blu_opp(x, P) & (ab * as > 0.5f), opp, near));
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
    vf a = vmin(vabs(x), vset(FLT_MAX)), h, l;
    blu_sm1(a, blu_sf(a), &h, &l);
    g[0] = vsel(vabs(x) == INFINITY, vset(INFINITY), h + l);
}
ACTIV_KERNEL_YP(blu, 1, 2.4f, 3.7f, 0, NULL)
