/*
 * RAF, type (3,2): f = P/Q, P = p0 + p1 x + p2 x^2 + p3 x^3, Q = q0 + q1 x
 * + q2 x^2 (Q > 0 everywhere over the entry's parameter ranges).
 * f' = (P' - f Q')/Q; d/dp_j = x^j/Q, d/dq_k = -(f/Q) x^k.  Evaluated in
 * double per lane (Horner; the catalog uses double-double) and rounded to
 * float once: in float P's and P' - f Q''s terms cancel where the
 * condition number in x is small (as in PAU; a rational function with
 * trainable coefficients can put a near-root of P anywhere), so float
 * Horner would miss 4 ULP by orders of magnitude there.  For every finite x
 * directly: |x|^3 <= 2^384 and Q ~ x^2 stay in double's range, so the
 * scalar's 1/x form beyond 2^60 is not needed; one double divide, 1/Q,
 * serves f = P/Q, f' = (P' - f Q')/Q and the gradients (it was both forms,
 * six divides per vector).  x = +-inf gives the scalar's limits from P/x^3
 * and Q/x^2 at 1/x = 0 (f = 0 where x meets a ratio of 0).  The double
 * roundings (2^-53 relative to the terms) matter only next to a root of f
 * or f', where the test scales by the condition number.  Measured (all three
 * ISAs, default and random coefficients, densities 0.25, 1, 1.7): 0.5 ULP
 * for f and f' (bound 0.6).
 */
#include "kernel.h"

typedef double raf_vd __attribute__((vector_size(VW * 8)));
#define raf_d(v) __builtin_convertvector((v), raf_vd)
#define raf_f32(v) __builtin_convertvector((v), vf)

/* the limits at x = +-inf (lanes in inf), from P/x^3 and Q/x^2 at 1/x = 0: f/x -> p3/q2 (0 where
   x meets a ratio of 0, not inf * 0) */
V_INLINE void raf_at_inf(vf x, const vf *P, vm inf, vf *f, vf *df, vf *g)
{
    vf r = P[3] / P[6];
    if (f) {
        vf fl = x * r;
        *f = vsel(inf, vsel(visnan(fl), vset(0), fl), *f);
    }
    if (df) *df = vsel(inf, (3.0f * P[3] - r * (2.0f * P[6])) / P[6], *df);
    if (g) {
        vf rq = -r / P[6];
        g[0] = vsel(inf, vset(0), g[0]), g[1] = vsel(inf, vset(0), g[1]);
        g[2] = vsel(inf, 1.0f / P[6], g[2]), g[3] = vsel(inf, x / P[6], g[3]);
        g[4] = vsel(inf, vset(0), g[4]), g[5] = vsel(inf, rq, g[5]), g[6] = vsel(inf, rq * x, g[6]);
    }
}

V_INLINE void raf_core(vf x, const vf *P, vf *f, vf *df, vf *g)
{
    vm inf = vabs(x) == __builtin_inff();
    raf_vd a0 = raf_d(P[0]), a1 = raf_d(P[1]), a2 = raf_d(P[2]), a3 = raf_d(P[3]);
    raf_vd b0 = raf_d(P[4]), b1 = raf_d(P[5]), b2 = raf_d(P[6]);
    raf_vd xd = raf_d(vsel(inf, vset(0), x));
    raf_vd Pn = ((a3 * xd + a2) * xd + a1) * xd + a0, Q = (b2 * xd + b1) * xd + b0;
    raf_vd inv = 1.0 / Q, fd = Pn * inv;
    if (f) *f = raf_f32(fd);
    if (df) *df = raf_f32((((3.0 * a3 * xd + 2.0 * a2) * xd + a1) - fd * (2.0 * b2 * xd + b1)) * inv);
    if (g) {
        raf_vd fq = -fd * inv;
        g[0] = raf_f32(inv), g[1] = raf_f32(xd * inv), g[2] = raf_f32(xd * xd * inv);
        g[3] = raf_f32(xd * xd * xd * inv);
        g[4] = raf_f32(fq), g[5] = raf_f32(fq * xd), g[6] = raf_f32(fq * xd * xd);
    }
    if (vany(inf)) raf_at_inf(x, P, inf, f, df, g);
}
V_INLINE vf raf_f(vf x, const vf *P)
{
    vf r;
    raf_core(x, P, &r, NULL, NULL);
    return r;
}
V_INLINE vf raf_df(vf x, const vf *P)
{
    vf r;
    raf_core(x, P, NULL, &r, NULL);
    return r;
}
V_INLINE void raf_dp(vf x, const vf *P, vf *g)
{
    raf_core(x, P, NULL, NULL, g);
}
ACTIV_KERNEL_P(raf, 7, 0.6f, 0.6f, 0, NULL)
