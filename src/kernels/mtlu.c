/*
 * MTLU: a_k x + b_k in bin k of the edges -1, 0, 1, each bin closed on the
 * right (x <= -1, <= 0, <= 1, else), as the scalar code: at an edge f and f'
 * are the left bin's.  f' = a_k; d/da_k = x, d/db_k = 1 in bin k, 0 for the
 * other bins.  No from-output form (f may jump at the edges).
 * a x + b is rounded once (the scalar's fma): a fused multiply-add on
 * AVX2/AVX-512; the portable build forms it in double, where the product of
 * two floats is exact, so that every build is within 0.5 ULP.  a_k = 0 gives
 * b_k also at x = +-inf (the scalar's limit).
 */
#include "kernel.h"

V_INLINE vf mtlu_affine(vf a, vf x, vf b)
{
#if defined(ACTIV_BUILD_AVX2) || defined(ACTIV_BUILD_AVX512)
    vf r = vfma(a, x, b);
#else
    typedef double vd __attribute__((vector_size(VW * 8)));
    vd rd = __builtin_convertvector(a, vd) * __builtin_convertvector(x, vd) + __builtin_convertvector(b, vd);
    vf r = __builtin_convertvector(rd, vf);
#endif
    return vsel(a == 0, b, r);
}
/* bin masks: m0 x <= -1, m1 x <= 0, m2 x <= 1 */
#define MTLU_PICK(x, v0, v1, v2, v3) vsel((x) <= -1, v0, vsel((x) <= 0, v1, vsel((x) <= 1, v2, v3)))
V_INLINE vf mtlu_f(vf x, const vf *P)
{
    vf a = MTLU_PICK(x, P[0], P[1], P[2], P[3]);
    vf b = MTLU_PICK(x, P[4], P[5], P[6], P[7]);
    return mtlu_affine(a, x, b);
}
V_INLINE vf mtlu_df(vf x, const vf *P) { return MTLU_PICK(x, P[0], P[1], P[2], P[3]); }
V_INLINE void mtlu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    vm m0 = x <= -1, m1 = x <= 0, m2 = x <= 1;
    vm b0 = m0, b1 = m1 & ~m0, b2 = m2 & ~m1, b3 = ~m2;
    vf z = vset(0), o = vset(1);
    g[0] = vsel(b0, x, z), g[1] = vsel(b1, x, z), g[2] = vsel(b2, x, z), g[3] = vsel(b3, x, z);
    g[4] = vsel(b0, o, z), g[5] = vsel(b1, o, z), g[6] = vsel(b2, o, z), g[7] = vsel(b3, o, z);
}
ACTIV_KERNEL_P(mtlu, 8, 0.5f, 0, 0, NULL)
