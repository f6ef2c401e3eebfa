/*
 * PAU (m = 5, n = 4), both 'safe' denominators; this file holds pau (A:
 * Q = 1 + sum |b_k| |x|^k) and pau_b (B: Q = 1 + |R|, R = sum b_k x^k).
 * f = P/Q, f' = (P' - f Q')/Q, d/da_j = x^j/Q, d/db_k = -(f/Q) s_k X^k
 * (A: X = |x|, s_k = sign(b_k); B: X = x, s_k = sign(R)).
 * Evaluated in double per lane (Horner; the catalog uses double-double) and
 * rounded to float once.  For |x| <= 1 directly; for |x| > 1 in powers of
 * u = 1/x as the scalar does beyond 2^60 (P/x^5 and Q/x^4, f = x (P/x^5)/(Q/x^4),
 * f' = (P'/x^4 - (f/x) Q'/x^3)/(Q/x^4)), so that nothing overflows and
 * x = +-inf gives the scalar's limits (f = 0 where the ratio is 0).  The
 * double roundings (2^-53 relative to the terms) matter only next to a root
 * of f or f', where the test scales by the condition number.  In B, R's sign
 * is taken from x and S = R/x (from R/x^4 when scaled), as the scalar.
 * Measured (all three ISAs, default and random coefficients, densities
 * 0.25, 1, 1.7): 0.5 ULP for f and f' (bound 0.6: the double roundings).
 */
#include "kernel.h"

typedef double pau_vd __attribute__((vector_size(VW * 8)));
typedef long long pau_vl __attribute__((vector_size(VW * 8)));
#define pau_d(v) __builtin_convertvector((v), pau_vd)
#define pau_f32(v) __builtin_convertvector((v), vf)
/* sign (-1, 0, 1) of a float vector, in double */
#define PAU_SGNF(v) pau_d(vsel((v) > 0, vset(1), vsel((v) < 0, vset(-1), vset(0))))
/* ... of a double vector, compared in halves of one register each (a compare of the whole
   double vector went lane by lane) */
typedef double pau_hd __attribute__((vector_size(VW * 4)));
typedef long long pau_hl __attribute__((vector_size(VW * 4)));
V_INLINE void pau_sgn(const pau_vd *v, pau_vd *s)
{
    pau_hd h[2];
    memcpy(h, v, sizeof h);
    for (int k = 0; k < 2; k++)
        h[k] = (pau_hd)(((pau_hl)(h[k] > 0) & (pau_hl)((pau_hd){0} + 1.0)) |
                        ((pau_hl)(h[k] < 0) & (pau_hl)((pau_hd){0} - 1.0)));
    memcpy(s, h, sizeof h);
}

/* f, f' and the parameter gradients of version ver ('A' or 'B'), as asked */
V_INLINE void pau_core(vf x, const vf *P, int ver, vf *f, vf *df, vf *g)
{
    vm small = vabs(x) <= 1;
    vf sx = vsel(x > 0, vset(1), vsel(x < 0, vset(-1), vset(0)));
    pau_vd a[6], b[4];
    for (int j = 0; j < 6; j++) a[j] = pau_d(P[j]);
    for (int k = 0; k < 4; k++) b[k] = ver == 'A' ? pau_d(vabs(P[6 + k])) : pau_d(P[6 + k]);
    /* direct, |x| <= 1 */
    pau_vd xd = pau_d(vsel(small, x, vset(0))), sgx = pau_d(sx);
    pau_vd Pn = ((((a[5] * xd + a[4]) * xd + a[3]) * xd + a[2]) * xd + a[1]) * xd + a[0];
    pau_vd Q, dQ, sR, X;
    if (ver == 'A') {
        X = xd * sgx;
        Q = (((b[3] * X + b[2]) * X + b[1]) * X + b[0]) * X + 1.0;
        dQ = sgx * (((4.0 * b[3] * X + 3.0 * b[2]) * X + 2.0 * b[1]) * X + b[0]);
        sR = sgx; /* unused */
    } else {
        X = xd;
        pau_vd S = ((b[3] * xd + b[2]) * xd + b[1]) * xd + b[0];
        pau_sgn(&S, &sR);
        sR *= sgx;
        Q = 1.0 + sR * (xd * S);
        dQ = sR * (((4.0 * b[3] * xd + 3.0 * b[2]) * xd + 2.0 * b[1]) * xd + b[0]);
    }
    pau_vd fs = Pn / Q;
    /* scaled, |x| > 1: u = 1/x */
    vf xl = vsel(small, vset(2), x);
    pau_vd xld = pau_d(xl), u = 1.0 / xld, t = 1.0 / pau_d(vabs(xl));
    pau_vd Pt = ((((a[0] * u + a[1]) * u + a[2]) * u + a[3]) * u + a[4]) * u + a[5];
    pau_vd Qt, dQt, sRt, U;
    if (ver == 'A') {
        U = t;
        Qt = (((t + b[0]) * t + b[1]) * t + b[2]) * t + b[3];
        dQt = ((b[0] * t + 2.0 * b[1]) * t + 3.0 * b[2]) * t + 4.0 * b[3];
        sRt = t; /* unused */
    } else {
        U = u;
        pau_vd Rt = ((b[0] * u + b[1]) * u + b[2]) * u + b[3];
        pau_sgn(&Rt, &sRt);
        Qt = (u * u) * (u * u) + sRt * Rt;
        dQt = sRt * (((b[0] * u + 2.0 * b[1]) * u + 3.0 * b[2]) * u + 4.0 * b[3]);
    }
    pau_vd ratio = Pt / Qt;
    if (f) {
        /* 0 where x = +-inf meets a ratio of 0 (not inf * 0); a double compare went lane by lane */
        vf fl = pau_f32(xld * ratio);
        fl = vsel((vabs(x) == __builtin_inff()) & visnan(fl), vset(0), fl);
        *f = vsel(small, pau_f32(fs), fl);
    }
    if (df) {
        pau_vd dPn = (((5.0 * a[5] * xd + 4.0 * a[4]) * xd + 3.0 * a[3]) * xd + 2.0 * a[2]) * xd + a[1];
        pau_vd ds = (dPn - fs * dQ) / Q;
        pau_vd dPt = ((((a[1] * u + 2.0 * a[2]) * u + 3.0 * a[3]) * u + 4.0 * a[4]) * u) + 5.0 * a[5];
        pau_vd dl = (dPt - ratio * dQt) / Qt;
        *df = vsel(small, pau_f32(ds), pau_f32(dl));
    }
    if (g) {
        pau_vd inv = 1.0 / Q, invt = 1.0 / Qt, xj = inv, uj = invt;
        for (int j = 0; j < 6; j++, xj *= xd) g[j] = pau_f32(xj);
        for (int j = 4; j >= 0; j--, uj *= u) g[j] = vsel(small, g[j], pau_f32(uj));
        g[5] = vsel(small, g[5], pau_f32(xld * invt));
        pau_vd fq = fs * inv, xk = X, w = ver == 'A' ? pau_d(sx) : (pau_vd){0} + 1.0;
        for (int k = 1; k <= 4; k++, xk *= X) {
            pau_vd s = ver == 'A' ? PAU_SGNF(P[5 + k]) : sR;
            g[5 + k] = pau_f32(-fq * xk * s);
        }
        for (int k = 3; k >= 1; k--, w *= U) {
            pau_vd s = ver == 'A' ? PAU_SGNF(P[5 + k]) : sRt;
            g[5 + k] = vsel(small, g[5 + k], pau_f32(-ratio * w * invt * s));
        }
        pau_vd s4 = ver == 'A' ? PAU_SGNF(P[9]) : sRt;
        g[9] = vsel(small, g[9], pau_f32(-s4 * (xld * (ratio * invt))));
    }
}

V_INLINE vf pau_f(vf x, const vf *P)
{
    vf r;
    pau_core(x, P, 'A', &r, NULL, NULL);
    return r;
}
V_INLINE vf pau_df(vf x, const vf *P)
{
    vf r;
    pau_core(x, P, 'A', NULL, &r, NULL);
    return r;
}
V_INLINE void pau_dp(vf x, const vf *P, vf *g)
{
    pau_core(x, P, 'A', NULL, NULL, g);
}
ACTIV_KERNEL_P(pau, 10, 0.6f, 0.6f, 0, NULL)

V_INLINE vf pau_b_f(vf x, const vf *P)
{
    vf r;
    pau_core(x, P, 'B', &r, NULL, NULL);
    return r;
}
V_INLINE vf pau_b_df(vf x, const vf *P)
{
    vf r;
    pau_core(x, P, 'B', NULL, &r, NULL);
    return r;
}
V_INLINE void pau_b_dp(vf x, const vf *P, vf *g)
{
    pau_core(x, P, 'B', NULL, NULL, g);
}
ACTIV_KERNEL_P(pau_b, 10, 0.6f, 0.6f, 0, NULL)
