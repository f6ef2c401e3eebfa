/*
 * TAF: sqrt((x - a)^2 + b^2); f' = (x - a)/f; d/da = -(x - a)/f,
 * d/db = b/f.  Evaluated in double per lane: x - a and both squares are
 * exact there (floats have 24 bits, their squares fit in 53 and cannot
 * overflow), so f and the ratios are rounded to float once after a double
 * sqrt and divide: 0.5 ULP and the double rounding (below 2^-28 ULP more).
 * Measured (all three ISAs, default and random a, b): 0.5 for f and f'.  x = +-inf gives f = inf and
 * f' = +-1; d = b = 0 gives f' = 0, as the scalar.
 */
#include "kernel.h"

typedef double taf_vd __attribute__((vector_size(VW * 8)));
#define taf_d(v) __builtin_convertvector((v), taf_vd)

/* the double square root of each lane, two native registers at a time (lane by lane, libm's
   sqrt with its errno check took most of the kernel's time) */
#if defined(ACTIV_BUILD_AVX512)
#define TAF_HALF __m512d
#define TAF_SQRT _mm512_sqrt_pd
#elif defined(ACTIV_BUILD_AVX2)
#define TAF_HALF __m256d
#define TAF_SQRT _mm256_sqrt_pd
#elif defined(__SSE2__)
#define TAF_HALF __m128d
#define TAF_SQRT _mm_sqrt_pd
#endif
V_INLINE void taf_sqrt(taf_vd *h)
{
#if defined(TAF_HALF)
    TAF_HALF lo, hi;
    memcpy(&lo, h, sizeof lo), memcpy(&hi, (char *)h + sizeof lo, sizeof hi);
    lo = TAF_SQRT(lo), hi = TAF_SQRT(hi);
    memcpy(h, &lo, sizeof lo), memcpy((char *)h + sizeof lo, &hi, sizeof hi);
#else
    for (int i = 0; i < VW; i++) (*h)[i] = __builtin_sqrt((*h)[i]);
#endif
}
/* h = sqrt(d^2 + b^2) in double (a macro: double vectors are not passed to or returned from
   functions, whose ABI would differ between the builds) */
#define TAF_HYP(h, d, b)                                                                                 \
    taf_vd h = (d) * (d) + (b) * (b);                                                                     \
    taf_sqrt(&h);
V_INLINE vf taf_f(vf x, const vf *P)
{
    taf_vd d = taf_d(x) - taf_d(P[0]), b = taf_d(P[1]);
    TAF_HYP(h, d, b)
    return __builtin_convertvector(h, vf);
}
/* d/h and b/h as floats */
V_INLINE void taf_ratios(vf x, const vf *P, vf *rd, vf *rb)
{
    vm inf = vabs(x) == __builtin_inff();
    vf xc = vsel(inf, vset(0), x);
    taf_vd d = taf_d(xc) - taf_d(P[0]), b = taf_d(P[1]);
    TAF_HYP(h, d, b)
    vf fd = __builtin_convertvector(d / h, vf), fb = __builtin_convertvector(b / h, vf);
    vf hf = __builtin_convertvector(h, vf), zero = hf * 0.0f; /* 0 where h > 0 */
    vm h0 = hf == 0; /* as h == 0: d and b are 0 or at least 2^-149 (a double compare went lane by lane) */
    *rd = vsel(inf, vcopysign(vset(1), x), vsel(h0, zero, fd));
    *rb = vsel(inf, vset(0), vsel(h0, zero, fb));
}
V_INLINE vf taf_df(vf x, const vf *P)
{
    vf rd, rb;
    taf_ratios(x, P, &rd, &rb);
    return rd;
}
V_INLINE void taf_dp(vf x, const vf *P, vf *g)
{
    vf rd, rb;
    taf_ratios(x, P, &rd, &rb);
    g[0] = -rd;
    g[1] = rb;
}
ACTIV_KERNEL_P(taf, 2, 0.51f, 0.51f, 0, NULL)
