/*
 * PAU (m = 5, n = 4), both 'safe' denominators; this file holds pau (A:
 * Q = 1 + sum |b_k| |x|^k) and pau_b (B: Q = 1 + |R|, R = sum b_k x^k).
 * f = P/Q, f' = (P' - f Q')/Q, d/da_j = x^j/Q, d/db_k = -(f/Q) s_k X^k
 * (A: X = |x|, s_k = sign(b_k); B: X = x, s_k = sign(R)).
 * Evaluated in double per lane (Horner; the catalog uses double-double) and
 * rounded to float once: in float, P's terms cancel where the condition
 * number in x is ~1 (the default coefficients, a leaky-ReLU fit: P(-0.5) =
 * -0.004 from terms up to 0.41, a hundredfold loss, by hand).  For every finite x directly:
 * |x|^5 <= 2^640 and Q ~ x^4 stay in double's range, so the scalar's 1/x
 * form beyond 2^60 is not needed; one double divide, 1/Q, serves f = P/Q,
 * f' = (P' - f Q') / Q and the gradients (it was both forms, eight divides
 * per vector).  x = +-inf gives the scalar's limits from P/x^5 and Q/x^4 at
 * 1/x = 0 (f = 0 where x meets a ratio of 0).  The double roundings (2^-53
 * relative to the terms) matter only next to a root of f or f', where the
 * test scales by the condition number.  In B, R's sign is taken from x and
 * S = R/x, as the scalar.
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

/* the limits at x = +-inf (lanes in inf), from P/x^5 and Q/x^4 at 1/x = 0: f/x -> a5/|b4|, as the
   scalar's scaled form gives them (0 where x meets a ratio of 0, not inf * 0) */
V_INLINE void pau_at_inf(vf x, const vf *P, int ver, vm inf, vf *f, vf *df, vf *g)
{
    vf b4 = vabs(P[9]), r = P[5] / b4;
    if (f) {
        vf fl = x * r;
        *f = vsel(inf, vsel(visnan(fl), vset(0), fl), *f);
    }
    if (df) *df = vsel(inf, (5.0f * P[5] - r * (4.0f * b4)) / b4, *df);
    if (g) {
        vf sx = vsel(x > 0, vset(1), vset(-1)), s4 = vsel(P[9] > 0, vset(1), vsel(P[9] < 0, vset(-1), vset(0)));
        for (int j = 0; j < 4; j++) g[j] = vsel(inf, vset(0), g[j]);
        g[4] = vsel(inf, 1.0f / b4, g[4]);
        g[5] = vsel(inf, x / b4, g[5]);
        vf s3 = ver == 'A' ? sx * vsel(P[8] > 0, vset(1), vsel(P[8] < 0, vset(-1), vset(0))) : s4;
        g[8] = vsel(inf, -r * (1.0f / b4) * s3, g[8]);
        g[6] = vsel(inf, vset(0), g[6]), g[7] = vsel(inf, vset(0), g[7]);
        g[9] = vsel(inf, -s4 * (x * (r / b4)), g[9]);
    }
}

/* f, f' and the parameter gradients of version ver ('A' or 'B'), as asked.  In double for every
   finite x: |x|^5 <= 2^640 cannot overflow, so no scaled form is needed; one double divide, 1/Q,
   serves f = P/Q, f' = (P' - f Q')/Q and the gradients. */
V_INLINE void pau_core(vf x, const vf *P, int ver, vf *f, vf *df, vf *g)
{
    vm inf = vabs(x) == __builtin_inff();
    vf xf = vsel(inf, vset(0), x);
    pau_vd a[6], b[4];
    for (int j = 0; j < 6; j++) a[j] = pau_d(P[j]);
    for (int k = 0; k < 4; k++) b[k] = ver == 'A' ? pau_d(vabs(P[6 + k])) : pau_d(P[6 + k]);
    pau_vd xd = pau_d(xf), sgx = PAU_SGNF(xf);
    pau_vd Pn = ((((a[5] * xd + a[4]) * xd + a[3]) * xd + a[2]) * xd + a[1]) * xd + a[0];
    pau_vd Q, dQ, sR, X;
    if (ver == 'A') {
        X = pau_d(vabs(xf));
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
    pau_vd inv = 1.0 / Q, fd = Pn * inv;
    if (f) *f = pau_f32(fd);
    if (df) {
        pau_vd dPn = (((5.0 * a[5] * xd + 4.0 * a[4]) * xd + 3.0 * a[3]) * xd + 2.0 * a[2]) * xd + a[1];
        *df = pau_f32((dPn - fd * dQ) * inv);
    }
    if (g) {
        pau_vd xj = inv;
        for (int j = 0; j < 6; j++, xj *= xd) g[j] = pau_f32(xj);
        pau_vd fq = fd * inv, xk = X;
        for (int k = 1; k <= 4; k++, xk *= X) {
            pau_vd s = ver == 'A' ? PAU_SGNF(P[5 + k]) : sR;
            g[5 + k] = pau_f32(-fq * xk * s);
        }
    }
    if (vany(inf)) pau_at_inf(x, P, ver, inf, f, df, g);
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
