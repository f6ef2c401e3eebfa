/*
 * RePU: x^s for x > 0, 0 otherwise (s >= 1).  f' = s x^(s-1), df/ds =
 * x^s ln x, from the output f' = s y^(1 - 1/s).
 * e^(s ln x) in float loses |s ln x| ULP (up to ~350 at x = 1e38, s = 4)
 * while the condition number of x^s is only s; this was therefore double
 * (SLEEF's pow per half of the lanes, 6 ns per element).  Now float, with
 * the large part of s ln x kept exact: x = 2^k m, m in [3/4, 3/2) (m - 1
 * exact), k s = n + r with n whole and r = k s - n exact (the product's
 * error by fma, or Dekker's split without it), and x^s = 2^n e^t, t = r ln2
 * + s ln m, |t| <= 0.35 + 0.41 s: the roundings of t are relative to t,
 * not to s ln x.  ln m is vec_math.h's log1p on [-1/4, 1/2]; 2^n is applied
 * in two exact factors (n clamped to [-252, 254], beyond which the result
 * is 0 or inf anyway).  The exponent of the from-output form, 1 - 1/s, is
 * carried in two parts (its rounding times ln y was up to 88 ULP).  For s >
 * 64 (|t| could pass vexp's range) the double path is kept, per vector.
 * Overflow to +inf and x = +inf are those of the double code (pow(inf, 0) =
 * 1 gives f' = 1 at s = 1).
 * Measured (all three ISAs, s = 2 and random s in [1, 4], densities 0.25,
 * 1, 1.7; per unit of condition, which is s for f and s - 1 for f'): f 1.37
 * ULP (bound 1.6), f' 2.17 (bound 2.5; 1 at s = 2 without FMA), from y 1.3.
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
   replaced by the caller), in double.  s per lane, so that the per-unit loops are right too. */
V_INLINE vf repu_eval_d(vf x, vf s, int what)
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

/* x^(eh + el) for finite x > 0 and 0 <= eh + el <= 64 (el a low part, |el| <= 2^-20 eh), in float:
   x = 2^k m, m in [3/4, 3/2), k eh = n + r with n whole and r exact, and
   x^e = 2^n e^t, t = r ln2 + eh ln m + el ln x: |t| <= 27, its roundings relative to t, which is
   small where e ln x is large.  *lnx = ln x. */
V_INLINE vf repu_pow(vf x, vf eh, vf el, vf *lnx)
{
    vm sub = x < 0x1p-126f;
    x = vsel(sub, x * 0x1p24f, x);
    vu kb = ((vu)x - 0x3f400000u) & 0xff800000u;
    vf m = (vf)((vu)x - kb);
    vf k = __builtin_convertvector((vm)kb >> 23, vf) - vsel(sub, vset(24), vset(0));
    vf lm = vlog1p_reduced(m - 1.0f, vset(0)); /* m - 1 exact */
    *lnx = vfma(k, vset(V_LN2_HI), vfma(k, vset(V_LN2_LO), lm));
    vf ke = k * eh, n = (ke + 0x1.8p23f) - 0x1.8p23f;
    vf r = vprod_lo(k, eh, ke) + (ke - n); /* k eh - n: the product's error, and a difference that is exact */
    vf t = vfma(eh, lm, vfma(r, vset(0.693147182f), el * *lnx));
    vf nc = vmax(vset(-252), vmin(n, vset(254)));
    vm ni = __builtin_convertvector(nc, vm), n1 = ni >> 1;
    return (vexp(t) * (vf)((n1 + 127) << 23)) * (vf)((ni - n1 + 127) << 23);
}

/* as repu_eval_d, in float while s <= 64 (every ISA; beyond, x^s leaves float for |ln x| >= 1.4
   and the double path is kept) */
V_INLINE vf repu_eval(vf x, vf s, int what)
{
    if (vany(s > 64)) return repu_eval_d(x, s, what);
    vf xs = vsel(x > 0, x, vset(1)), eh = s, el = vset(0), lnx;
    if (what == 1) eh = s - 1.0f; /* exact for s >= 1 */
    if (what == 2) { /* 1 - 1/s = eh + el: 1/s = c + cl, eh = 1 - c rounded, el its error - cl */
        vf c = 1.0f / s, cs = c * s, cl = ((1.0f - cs) - vprod_lo(c, s, cs)) / s; /* 1 - cs exact */
        eh = 1.0f - c;
        el = ((1.0f - eh) - c) - cl;
    }
    vf r = repu_pow(xs, eh, el, &lnx);
    /* x = +inf: x^0 = 1 (f' at s = 1), else inf */
    r = vsel(xs == __builtin_inff(), vsel((eh == 0) & (el == 0), vset(1), xs), r);
    if (what == 1 || what == 2) r *= s;
    if (what == 3) r *= lnx;
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
ACTIV_KERNEL_YP(repu, 1, 1.6f, 2.5f, 0, NULL)
