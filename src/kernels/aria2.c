/*
 * ARiA2: x sigma(z)^alpha, z = beta x, with w = sigma(z)^alpha =
 * e^(-alpha softplus(-z)) (the double code's form: no overflow, and the
 * power of a tiny sigmoid is taken in the exponent); softplus(-z) =
 * max(-z, 0) + log1p(e), e = e^-|z|.
 * In float the exponent alpha softplus(-z) carries a few 2^-24 of its own
 * size into w (9 ULP measured at alpha = 4 near x = -0.2, where f is well
 * conditioned), so each half of the lanes is widened to VW/2 doubles (the
 * byte size of vf: no ABI change between builds) and evaluated with SLEEF's
 * 1-ULP double exp/log1p (libm per lane off x86), rounded once to float.
 * f' = w (1 + alpha z sigma(-z)), sigma(-z) = e/(1+e) or 1/(1+e) by the
 * sign of z (the bracket vanishes at one z < 0, where f' is
 * ill-conditioned and the bound scales).  df/dalpha = -x softplus(-z) w,
 * df/dbeta = alpha x^2 w sigma(-z).
 * Where w = 0 (x = -inf, or alpha softplus(-z) > 745) everything is 0, as
 * the scalar's ax_prod_exp gives, not inf*0; z is clamped to +-1e5 for f'
 * and the gradients (beyond, w or sigma(-z) is 0 in double for alpha >=
 * 0.0075).
 * Error (all three ISAs, alpha = 1.5, beta = 1 and random alpha, beta in
 * [0.1, 4], densities 0.25/1/1.7): 0.5 ULP per unit of condition measured
 * for f and f' (the double result's own error is ~2^-29 ULP); bound 0.6.
 */
#include "kernel.h"

typedef double aria2_vd __attribute__((vector_size(VW * 4))); /* VW/2 doubles */
typedef float aria2_vh __attribute__((vector_size(VW * 2)));  /* VW/2 floats */
typedef int64_t aria2_vl __attribute__((vector_size(VW * 4)));

#if defined(ACTIV_HAVE_SLEEF) && defined(ACTIV_BUILD_AVX512)
#define ARIA2_EXP(a) ((aria2_vd)Sleef_expd8_u10avx512f((__m512d)(a)))
#define ARIA2_LOG1P(a) ((aria2_vd)Sleef_log1pd8_u10avx512f((__m512d)(a)))
#elif defined(ACTIV_HAVE_SLEEF) && defined(ACTIV_BUILD_AVX2)
#define ARIA2_EXP(a) ((aria2_vd)Sleef_expd4_u10avx2((__m256d)(a)))
#define ARIA2_LOG1P(a) ((aria2_vd)Sleef_log1pd4_u10avx2((__m256d)(a)))
#elif defined(ACTIV_HAVE_SLEEF)
#define ARIA2_EXP(a) ((aria2_vd)Sleef_expd2_u10sse2((__m128d)(a)))
#define ARIA2_LOG1P(a) ((aria2_vd)Sleef_log1pd2_u10sse2((__m128d)(a)))
#else
#define ARIA2_EXP(a) aria2_lanes(a, exp)
#define ARIA2_LOG1P(a) aria2_lanes(a, log1p)
V_INLINE aria2_vd aria2_lanes(aria2_vd a, double (*fn)(double))
{
    for (int i = 0; i < VW / 2; i++) a[i] = fn(a[i]);
    return a;
}
#endif

V_INLINE aria2_vd aria2_dsel(aria2_vl m, aria2_vd a, aria2_vd b)
{
    return (aria2_vd)(((aria2_vl)a & m) | ((aria2_vl)b & ~m));
}

/* what: 0 f, 1 f', 2 df/dalpha, 3 df/dbeta, on VW/2 lanes in double */
V_INLINE aria2_vd aria2_half(aria2_vd x, aria2_vd a, aria2_vd b, int what)
{
    aria2_vd z = b * x;
    if (what) z = aria2_dsel(z > 1e5, (aria2_vd){0} + 1e5, aria2_dsel(z < -1e5, (aria2_vd){0} - 1e5, z));
    aria2_vd az = aria2_dsel(z < 0, -z, z);
    aria2_vd e = ARIA2_EXP(-az);
    aria2_vd sp = aria2_dsel(z < 0, -z, (aria2_vd){0}) + ARIA2_LOG1P(e);
    aria2_vd w = ARIA2_EXP(-a * sp);
    aria2_vd r;
    if (what == 0) {
        r = x * w;
    } else {
        aria2_vd m = aria2_dsel(z >= 0, e, (aria2_vd){0} + 1.0) / (1.0 + e); /* sigma(-z) */
        if (what == 1) r = w * (1.0 + a * z * m);
        else if (what == 2) r = -(x * sp) * w;
        else r = a * (x * w) * (x * m);
    }
    return aria2_dsel(w == 0, (aria2_vd){0}, r);
}

#define ARIA2_SPLIT(v, lo, hi)                                                                            \
    do {                                                                                                  \
        aria2_vh a_, b_;                                                                                  \
        memcpy(&a_, &(v), sizeof a_);                                                                     \
        memcpy(&b_, (char *)&(v) + sizeof a_, sizeof b_);                                                 \
        lo = __builtin_convertvector(a_, aria2_vd);                                                       \
        hi = __builtin_convertvector(b_, aria2_vd);                                                       \
    } while (0)

V_INLINE vf aria2_eval(vf x, const vf *P, int what)
{
    aria2_vd xl, xh, al, ah, bl, bh;
    ARIA2_SPLIT(x, xl, xh);
    ARIA2_SPLIT(P[0], al, ah);
    ARIA2_SPLIT(P[1], bl, bh);
    aria2_vh lo = __builtin_convertvector(aria2_half(xl, al, bl, what), aria2_vh);
    aria2_vh hi = __builtin_convertvector(aria2_half(xh, ah, bh, what), aria2_vh);
    vf r;
    memcpy(&r, &lo, sizeof lo);
    memcpy((char *)&r + sizeof lo, &hi, sizeof hi);
    return r;
}

V_INLINE vf aria2_f(vf x, const vf *P) { return aria2_eval(x, P, 0); }
V_INLINE vf aria2_df(vf x, const vf *P) { return aria2_eval(x, P, 1); }
V_INLINE void aria2_dp(vf x, const vf *P, vf *g)
{
    g[0] = aria2_eval(x, P, 2);
    g[1] = aria2_eval(x, P, 3);
}
ACTIV_KERNEL_P(aria2, 2, 0.6f, 0.6f, 0, NULL)
