/*
 * RAF, type (3,2): f = P/Q, P = p0 + p1 x + p2 x^2 + p3 x^3, Q = q0 + q1 x
 * + q2 x^2 (Q > 0 everywhere over the entry's parameter ranges).
 * f' = (P' - f Q')/Q; d/dp_j = x^j/Q, d/dq_k = -(f/Q) x^k.  Evaluated in
 * double per lane (Horner; the catalog uses double-double) and rounded to
 * float once.  For |x| <= 1 directly; for |x| > 1 in powers of u = 1/x as
 * the scalar does beyond 2^60: f = x (P/x^3)/(Q/x^2), f' = (P'/x^2 - (f/x)
 * Q'/x)/(Q/x^2), so nothing overflows and x = +-inf gives the scalar's
 * limits (f = 0 where the ratio is 0).  The double roundings (2^-53 relative
 * to the terms) matter only next to a root of f or f', where the test scales
 * by the condition number.  Measured (all three ISAs, default and random
 * coefficients, densities 0.25, 1, 1.7): 0.5 ULP for f and f' (bound 0.6).
 */
#include "kernel.h"

typedef double raf_vd __attribute__((vector_size(VW * 8)));
#define raf_d(v) __builtin_convertvector((v), raf_vd)
#define raf_f32(v) __builtin_convertvector((v), vf)

V_INLINE void raf_core(vf x, const vf *P, vf *f, vf *df, vf *g)
{
    vm small = vabs(x) <= 1;
    raf_vd a0 = raf_d(P[0]), a1 = raf_d(P[1]), a2 = raf_d(P[2]), a3 = raf_d(P[3]);
    raf_vd b0 = raf_d(P[4]), b1 = raf_d(P[5]), b2 = raf_d(P[6]);
    raf_vd xd = raf_d(vsel(small, x, vset(0)));
    raf_vd Pn = ((a3 * xd + a2) * xd + a1) * xd + a0, Q = (b2 * xd + b1) * xd + b0, fs = Pn / Q;
    raf_vd xld = raf_d(vsel(small, vset(2), x)), u = 1.0 / xld;
    raf_vd Pt = ((a0 * u + a1) * u + a2) * u + a3, Qt = (b0 * u + b1) * u + b2, ratio = Pt / Qt;
    if (f) {
        /* 0 where x = +-inf meets a ratio of 0 (not inf * 0); a double compare went lane by lane */
        vf fl = raf_f32(xld * ratio);
        *f = vsel(small, raf_f32(fs), vsel((vabs(x) == __builtin_inff()) & visnan(fl), vset(0), fl));
    }
    if (df) {
        raf_vd ds = (((3.0 * a3 * xd + 2.0 * a2) * xd + a1) - fs * (2.0 * b2 * xd + b1)) / Q;
        raf_vd dl = (((a1 * u + 2.0 * a2) * u + 3.0 * a3) - ratio * (b1 * u + 2.0 * b2)) / Qt;
        *df = vsel(small, raf_f32(ds), raf_f32(dl));
    }
    if (g) {
        raf_vd inv = 1.0 / Q, invt = 1.0 / Qt, fq = -fs * inv, rq = -ratio * invt;
        g[0] = vsel(small, raf_f32(inv), raf_f32(u * u * invt));
        g[1] = vsel(small, raf_f32(xd * inv), raf_f32(u * invt));
        g[2] = vsel(small, raf_f32(xd * xd * inv), raf_f32(invt));
        g[3] = vsel(small, raf_f32(xd * xd * xd * inv), raf_f32(xld * invt));
        g[4] = vsel(small, raf_f32(fq), raf_f32(rq * u));
        g[5] = vsel(small, raf_f32(fq * xd), raf_f32(rq));
        g[6] = vsel(small, raf_f32(fq * xd * xd), raf_f32(rq * xld));
    }
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
