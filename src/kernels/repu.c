/*
 * RePU: x^s for x > 0, 0 otherwise (s >= 1).  f' = s x^(s-1), df/ds =
 * x^s ln x, from the output f' = s y^(1 - 1/s).
 * In float, e^(s ln x) loses |s ln x| ULP (up to ~350 at x = 1e38, s = 4)
 * while the condition number of x^s is only s, so the powers are taken in
 * double: each half of the lanes is widened to a vector of VW/2 doubles
 * (the same byte size as vf, so no ABI change between builds) and goes
 * through SLEEF's 1-ULP double pow/log (libm per lane off x86); the result
 * is rounded once to float.  The double error (<= 1 double ULP, plus the
 * product by s) is 2^-29 float ULP, so f, f' and the from-output form are
 * correctly rounded but for that.  Measured (all three ISAs, s = 2 and
 * random s in [1, 4], densities 0.25/1/1.7): f 0.25 ULP per unit of
 * condition (the condition number is s >= 1), f' 0.31 (exact at s = 2),
 * from y 0.5; bound 0.6 (the 0.5 of one rounding, with margin).  Overflow to +-inf and x = +inf are
 * those of the double code (pow(inf, 0) = 1 gives f' = 1 at s = 1).
 */
#include "kernel.h"

typedef double repu_vd __attribute__((vector_size(VW * 4))); /* VW/2 doubles */
typedef float repu_vh __attribute__((vector_size(VW * 2)));  /* VW/2 floats */

#if defined(ACTIV_HAVE_SLEEF) && defined(ACTIV_BUILD_AVX512)
#define REPU_POW(a, b) ((repu_vd)Sleef_powd8_u10avx512f((__m512d)(a), (__m512d)(b)))
#define REPU_LOG(a) ((repu_vd)Sleef_logd8_u10avx512f((__m512d)(a)))
#elif defined(ACTIV_HAVE_SLEEF) && defined(ACTIV_BUILD_AVX2)
#define REPU_POW(a, b) ((repu_vd)Sleef_powd4_u10avx2((__m256d)(a), (__m256d)(b)))
#define REPU_LOG(a) ((repu_vd)Sleef_logd4_u10avx2((__m256d)(a)))
#elif defined(ACTIV_HAVE_SLEEF)
#define REPU_POW(a, b) ((repu_vd)Sleef_powd2_u10sse2((__m128d)(a), (__m128d)(b)))
#define REPU_LOG(a) ((repu_vd)Sleef_logd2_u10sse2((__m128d)(a)))
#else
#define REPU_POW(a, b) repu_pow_lanes(a, b)
#define REPU_LOG(a) repu_log_lanes(a)
V_INLINE repu_vd repu_pow_lanes(repu_vd a, repu_vd b)
{
    for (int i = 0; i < VW / 2; i++) a[i] = pow(a[i], b[i]);
    return a;
}
V_INLINE repu_vd repu_log_lanes(repu_vd a)
{
    for (int i = 0; i < VW / 2; i++) a[i] = log(a[i]);
    return a;
}
#endif

/* the lanes' halves as VW/2 doubles */
#define REPU_SPLIT(v, lo, hi)                                                                             \
    do {                                                                                                  \
        repu_vh a_, b_;                                                                                   \
        memcpy(&a_, &(v), sizeof a_);                                                                     \
        memcpy(&b_, (char *)&(v) + sizeof a_, sizeof b_);                                                 \
        lo = __builtin_convertvector(a_, repu_vd);                                                        \
        hi = __builtin_convertvector(b_, repu_vd);                                                        \
    } while (0)
#define REPU_JOIN(r, lo, hi)                                                                              \
    do {                                                                                                  \
        repu_vh a_ = __builtin_convertvector(lo, repu_vh), b_ = __builtin_convertvector(hi, repu_vh);     \
        memcpy(&(r), &a_, sizeof a_);                                                                     \
        memcpy((char *)&(r) + sizeof a_, &b_, sizeof b_);                                                 \
    } while (0)

/* what: 0 -> x^s, 1 -> s x^(s-1), 2 -> s x^(1-1/s), 3 -> x^s ln x; for x > 0 (other lanes are
   replaced by the caller).  s per lane, so that the per-unit loops are right too. */
V_INLINE vf repu_eval(vf x, vf s, int what)
{
    x = vsel(x > 0, x, vset(1)); /* keep pow and log off 0 and negatives */
    repu_vd xl, xh, sl, sh;
    REPU_SPLIT(x, xl, xh);
    REPU_SPLIT(s, sl, sh);
    repu_vd el = sl, eh = sh;
    if (what == 1) el = sl - 1.0, eh = sh - 1.0;
    if (what == 2) el = 1.0 - 1.0 / sl, eh = 1.0 - 1.0 / sh;
    repu_vd rl = REPU_POW(xl, el), rh = REPU_POW(xh, eh);
    if (what == 1 || what == 2) rl *= sl, rh *= sh;
    if (what == 3) rl *= REPU_LOG(xl), rh *= REPU_LOG(xh);
    vf r;
    REPU_JOIN(r, rl, rh);
    return r;
}

V_INLINE vf repu_f(vf x, const vf *P) { return vsel(x > 0, repu_eval(x, P[0], 0), vset(0)); }
V_INLINE vf repu_df(vf x, const vf *P) { return vsel(x > 0, repu_eval(x, P[0], 1), vset(0)); }
V_INLINE vf repu_dy(vf y, const vf *P) { return vsel(y > 0, repu_eval(y, P[0], 2), vset(0)); }
V_INLINE void repu_dp(vf x, const vf *P, vf *g)
{
    vm one = x == 1; /* ln 1 = 0 exactly: x^s ln x is 0 there */
    g[0] = vsel((x > 0) & ~one, repu_eval(x, P[0], 3), vset(0));
}
ACTIV_KERNEL_YP(repu, 1, 0.6f, 0.6f, 0, NULL)
