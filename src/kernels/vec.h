/*
 * The thin vector layer every kernel is written against, once.
 *
 * Each kernel source is compiled once per instruction set, with one of
 * ACTIV_BUILD_AVX512 (16 lanes), ACTIV_BUILD_AVX2 (8 lanes, FMA) or neither
 * (the portable build: 4 lanes of GCC's generic vectors, which x86-64 maps to
 * SSE2 and AArch64 to NEON).  vf is W floats, vm the matching lane mask (-1
 * true, 0 false, as GCC's vector comparisons give).
 *
 * exp and log come from SLEEF's 1.0-ULP (u10) functions for the lane
 * count (Debian libsleef-dev); off x86 the portable build calls libm per
 * lane.  vtanh here and erf, erfc, log1p, expm1 in vec_math.h are inline.
 * Every kernel's own bound is measured by tests/test_kernels.c.
 */
#ifndef ACTIV_VEC_H
#define ACTIV_VEC_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(ACTIV_BUILD_AVX512)
#define VW 16
#define ISA_NAME avx512
#elif defined(ACTIV_BUILD_AVX2)
#define VW 8
#define ISA_NAME avx2
#else
#define VW 4
#define ISA_NAME generic
#endif

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include <sleef.h>
#define ACTIV_HAVE_SLEEF 1
#endif

typedef float vf __attribute__((vector_size(VW * 4)));
typedef int32_t vm __attribute__((vector_size(VW * 4)));

#define V_INLINE static inline __attribute__((always_inline))

V_INLINE vf vset(float s) { return (vf){0} + s; }
V_INLINE vf vload(const float *p) { vf v; memcpy(&v, p, sizeof v); return v; }
V_INLINE void vstore(float *p, vf v) { memcpy(p, &v, sizeof v); }

/* m ? a : b, lane by lane: AVX2's blendv (one instruction against three); on
   AVX-512 the bits, which GCC turns into a masked xor pair from the comparison's
   mask register (a blend from m costs a mask round trip more: GCC 12 does not fold
   the comparison's vpmovm2d/vpmovd2m pair) */
V_INLINE vf vsel(vm m, vf a, vf b)
{
#if defined(ACTIV_BUILD_AVX2) && !defined(ACTIV_BUILD_AVX512)
    return (vf)_mm256_blendv_ps((__m256)b, (__m256)a, (__m256)m);
#else
    return (vf)(((vm)a & m) | ((vm)b & ~m));
#endif
}
V_INLINE vm visnan(vf x) { return x != x; }
V_INLINE vf vabs(vf x) { return (vf)((vm)x & ((vm){0} + 0x7fffffff)); }
V_INLINE vf vcopysign(vf mag, vf sgn) { return (vf)(((vm)vabs(mag)) | ((vm)sgn & ((vm){0} + (int32_t)0x80000000))); }
/* min/max that return b when a is NaN (callers order operands so that x's NaN survives):
   x86's minps/maxps have exactly this rule, one instruction */
V_INLINE vf vmax(vf a, vf b)
{
#if defined(ACTIV_BUILD_AVX512)
    return (vf)_mm512_max_ps((__m512)a, (__m512)b);
#elif defined(ACTIV_BUILD_AVX2)
    return (vf)_mm256_max_ps((__m256)a, (__m256)b);
#elif defined(__SSE2__)
    return (vf)_mm_max_ps((__m128)a, (__m128)b);
#else
    return vsel(a > b, a, b);
#endif
}
V_INLINE vf vmin(vf a, vf b)
{
#if defined(ACTIV_BUILD_AVX512)
    return (vf)_mm512_min_ps((__m512)a, (__m512)b);
#elif defined(ACTIV_BUILD_AVX2)
    return (vf)_mm256_min_ps((__m256)a, (__m256)b);
#elif defined(__SSE2__)
    return (vf)_mm_min_ps((__m128)a, (__m128)b);
#else
    return vsel(a < b, a, b);
#endif
}
/* any lane true: one sign-bit gather where there is one (a lane loop was
   ~0.3 ns per element of a kernel's time) */
V_INLINE int vany(vm m)
{
#if defined(ACTIV_BUILD_AVX512)
    return _mm512_movepi32_mask((__m512i)m) != 0;
#elif defined(ACTIV_BUILD_AVX2)
    return _mm256_movemask_ps((__m256)m) != 0;
#elif defined(__SSE2__)
    return _mm_movemask_ps((__m128)m) != 0;
#else
    for (int i = 0; i < VW; i++) if (m[i]) return 1;
    return 0;
#endif
}

/* a*b + c, fused where the instruction set has it */
V_INLINE vf vfma(vf a, vf b, vf c)
{
#if defined(ACTIV_BUILD_AVX512)
    return (vf)_mm512_fmadd_ps((__m512)a, (__m512)b, (__m512)c);
#elif defined(ACTIV_BUILD_AVX2)
    return (vf)_mm256_fmadd_ps((__m256)a, (__m256)b, (__m256)c);
#else
    return a * b + c;
#endif
}

#define V_LN2_HI 0x1.62e4p-1f                /* 16 bits: k * LN2_HI is exact for |k| < 256 */
#define V_LN2_LO 1.4286067653301870e-06f     /* ln 2 - V_LN2_HI */

/*
 * e^x, inline (SLEEF's expf u10 was ~19 instructions a vector; this is 12
 * on AVX-512): x = k ln2 + r, |r| <= ln2/2 (Cody-Waite, k by the 1.5*2^23
 * rounding trick), e^r = 1 + r + r^2/2 + r^3 P(r), P of degree 3 (minimax,
 * 2^-28 relative on [-ln2/2, ln2/2], Lawson's algorithm on double exp, with
 * 1 and 1/2 held exact and the others rounded to float from the top and
 * refitted), then 2^k: vscalefps on AVX-512 (one rounding, subnormals
 * included); elsewhere two exact power-of-two factors 2^(k>>1) 2^(k-(k>>1)),
 * so that k = 128 and k < -126 need no special case (the second product
 * rounds once).  Measured against double exp: 0.80 ULP with FMA, 0.9 without
 * (kernel.exponential).  x is clamped to [-104, 88.8] (beyond, e^x is 0 or
 * inf in float), in the order that keeps a NaN.
 */
V_INLINE vf vexp(vf x)
{
    vf xc = vmax(vset(-104.0f), vmin(vset(88.8f), x));
    vf z = vfma(xc, vset(1.44269504088896341f), vset(0x1.8p23f));
    vf kf = z - 0x1.8p23f;
    vf r = vfma(kf, vset(-V_LN2_HI), xc);
    r = vfma(kf, vset(-V_LN2_LO), r);
    vf p = vset(1.386378077e-03f);
    p = vfma(p, r, vset(8.367482573e-03f));
    p = vfma(p, r, vset(4.166723788e-02f));
    p = vfma(p, r, vset(1.666653454e-01f));
    p = vfma(p, r, vset(0.5f));
#if defined(ACTIV_BUILD_AVX512) || defined(ACTIV_BUILD_AVX2)
    p = vfma(p, r, vset(1.0f));
    p = vfma(p, r, vset(1.0f));
#else
    p = 1.0f + (r + (r * r) * p); /* without FMA Horner's last steps round twice each at scale 1 */
#endif
#if defined(ACTIV_BUILD_AVX512)
    return (vf)_mm512_scalef_ps((__m512)p, (__m512)kf);
#else
    vm k = (vm)z - 0x4b400000, k1 = k >> 1;
    return (p * (vf)((k1 + 127) << 23)) * (vf)((k - k1 + 127) << 23);
#endif
}

/* 1/d and a/b: the divide, on every instruction set.  vrcp14ps with one Newton
   step (2^-27.9 before the last rounding) and a/b as a vrcp(b) with one
   residual correction (~0.5 ULP) were measured against it on the project
   machine (Zen 5, AVX-512: a sigmoid over 1 Mi floats in L2, min of 40):
   divide 0.265 ns per element, vrcp 0.298, vrcp + residual 0.350; Zen 5's
   vdivps is cheaper than the three to five instructions that replace it.
   Kept as the one place to change on a machine where it is not. */
V_INLINE vf vrcp(vf d) { return 1.0f / d; }
V_INLINE vf vdiv(vf a, vf b) { return a / b; }

#if defined(ACTIV_HAVE_SLEEF) && defined(ACTIV_BUILD_AVX512)
#define V_SLEEF(fn, x) ((vf)Sleef_##fn##f16_u10avx512f((__m512)(x)))
#define V_SQRT(x) ((vf)_mm512_sqrt_ps((__m512)(x)))
#elif defined(ACTIV_HAVE_SLEEF) && defined(ACTIV_BUILD_AVX2)
#define V_SLEEF(fn, x) ((vf)Sleef_##fn##f8_u10avx2((__m256)(x)))
#define V_SQRT(x) ((vf)_mm256_sqrt_ps((__m256)(x)))
#elif defined(ACTIV_HAVE_SLEEF)
#define V_SLEEF(fn, x) ((vf)Sleef_##fn##f4_u10sse2((__m128)(x)))
#define V_SQRT(x) ((vf)_mm_sqrt_ps((__m128)(x)))
#endif

#if defined(ACTIV_HAVE_SLEEF)
V_INLINE vf vlog(vf x) { return V_SLEEF(log, x); }
V_INLINE vf vsqrt(vf x) { return V_SQRT(x); }
#else
#define V_PER_LANE(name, fn)                                                                              \
    V_INLINE vf name(vf x)                                                                                \
    {                                                                                                     \
        for (int i = 0; i < VW; i++) x[i] = fn(x[i]);                                                     \
        return x;                                                                                         \
    }
V_PER_LANE(vlog, logf)
V_PER_LANE(vsqrt, sqrtf)
#endif

/*
 * tanh: |x| < 0.55: x + x^3 P(x^2), P of degree 4 (minimax, 2^-27.8 of tanh
 * on [0, 0.55], Lawson's algorithm on double tanh, coefficients rounded to
 * float from the top and the rest refitted; it was the Taylor series to x^21,
 * ten terms); otherwise 1 - 2t/(1 + t) with t = e^-2|x| <= 0.33, summed in
 * one fma (2t/(1+t) <= 1/2, so its error reaches the result halved).
 * Within 2 ULP (tests: kernel.tanh).
 */
V_INLINE vf vtanh(vf x)
{
    vf a = vabs(x);
    vf t = vexp(-2.0f * vmin(a, vset(10.0f)));
    vf big = vfma(-2.0f * t, vrcp(1.0f + t), vset(1.0f));
    vf x2 = x * x;
    vf p = vset(-6.274222396e-03f);
    p = vfma(p, x2, vset(2.107166685e-02f));
    p = vfma(p, x2, vset(-5.385230854e-02f));
    p = vfma(p, x2, vset(1.333258599e-01f));
    p = vfma(p, x2, vset(-3.333331645e-01f));
    vf small = vfma(x * x2, p, x);
    return vsel(a < 0.55f, small, vcopysign(big, x));
}

#include "vec_math.h"

/* tanh t and sech^2 t from one exp (vtanh's: the compiler merges the two
   calls), h = e^-2|t|: sech^2 = 4h/(1 + h)^2 with (1 + h)^2 carried in two
   parts and the reciprocal's rounding corrected (no cancellation, unlike
   1 - tanh^2); for |t| > 10, 4 e^-2|t| from a second exp, taken only when a
   lane needs it.  Shared by ReLTanh and PTELU (their tests measure it). */
V_INLINE void vtanh_sech2(vf t, vf *th, vf *s2)
{
    vf a = vabs(t);
    vf h = vexp(-2.0f * vmin(a, vset(10.0f)));
    *th = vtanh(t);
    vf q = 1.0f + h, ql = (1.0f - q) + h; /* q + ql = 1 + h exactly (h <= 1) */
    vf Q = q * q, Ql = vprod_lo(q, q, Q) + 2.0f * q * ql;
    vf r = vrcp(Q);
    vf rq = r * Q, e = ((1.0f - rq) - vprod_lo(r, Q, rq)) - r * Ql; /* 1 - r (Q + Ql), 1 - rq exact */
    vf s = 4.0f * h * r;
    *s2 = vfma(s, e, s);
    if (vany(a > 10.0f)) *s2 = vsel(a > 10.0f, 4.0f * vexp(-2.0f * a), *s2);
}

/* Stable compositions shared by many kernels. */

/* 1/(1+e^-x): e^-|x| never overflows; the x < 0 side is e/(1+e); one divide
   (one rounding after the exp where there is no vrcp) */
V_INLINE vf vsigmoid(vf x)
{
    vf e = vexp(-vabs(x));
    return vdiv(vsel(x >= 0, vset(1), e), 1.0f + e);
}

/* sigma'(x) = e/(1+e)^2, e = e^-|x|: symmetric, no overflow, no cancellation */
V_INLINE vf vdsigmoid(vf x)
{
    vf e = vexp(-vabs(x));
    vf d = 1.0f + e;
    return vdiv(e, d * d);
}

/* ln(1+e^x) = max(x,0) + log1p(e^-|x|) */
V_INLINE vf vsoftplus(vf x)
{
    return vmax(x, vset(0)) + vlog1p01(vexp(-vabs(x)));
}

#endif
