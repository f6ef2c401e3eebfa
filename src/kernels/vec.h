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

/* m ? a : b, lane by lane */
V_INLINE vf vsel(vm m, vf a, vf b) { return (vf)(((vm)a & m) | ((vm)b & ~m)); }
V_INLINE vm visnan(vf x) { return x != x; }
V_INLINE vf vabs(vf x) { return (vf)((vm)x & ((vm){0} + 0x7fffffff)); }
V_INLINE vf vcopysign(vf mag, vf sgn) { return (vf)(((vm)vabs(mag)) | ((vm)sgn & ((vm){0} + (int32_t)0x80000000))); }
/* min/max that return b when a is NaN (callers order operands so that x's NaN survives) */
V_INLINE vf vmax(vf a, vf b) { return vsel(a > b, a, b); }
V_INLINE vf vmin(vf a, vf b) { return vsel(a < b, a, b); }
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

/* (An inline Cody-Waite + Cephes-polynomial exp measured no faster than
   SLEEF's expf u10 here, 0.34 vs 0.27 ns per element in L1 on AVX-512, so
   exp stays SLEEF's.) */
#if defined(ACTIV_HAVE_SLEEF)
V_INLINE vf vexp(vf x) { return V_SLEEF(exp, x); }
V_INLINE vf vlog(vf x) { return V_SLEEF(log, x); }
V_INLINE vf vsqrt(vf x) { return V_SQRT(x); }
#else
#define V_PER_LANE(name, fn)                                                                              \
    V_INLINE vf name(vf x)                                                                                \
    {                                                                                                     \
        for (int i = 0; i < VW; i++) x[i] = fn(x[i]);                                                     \
        return x;                                                                                         \
    }
V_PER_LANE(vexp, expf)
V_PER_LANE(vlog, logf)
V_PER_LANE(vsqrt, sqrtf)
#endif

/*
 * tanh, twice as fast as SLEEF's tanhf u10 (1.5 against 0.7 ns per element
 * here): |x| < 0.55: x + x^3 P(x^2), its Taylor series to x^21 (the next
 * term is below 2^-33 relative there); otherwise (1 - t)/(1 + t) with
 * t = e^-2|x| <= 0.33, where 1 - t cancels little.  Within 2.5 ULP
 * (tests: kernel.tanh).
 */
V_INLINE vf vtanh(vf x)
{
    vf a = vabs(x);
    vf t = vexp(-2.0f * vmin(a, vset(10.0f)));
    vf big = (1.0f - t) / (1.0f + t);
    vf x2 = x * x;
    vf p = vset(9.691537956929451e-05f);
    p = vfma(p, x2, vset(-0.00023912911424355248f));
    p = vfma(p, x2, vset(0.000590027440945586f));
    p = vfma(p, x2, vset(-0.0014558343870513183f));
    p = vfma(p, x2, vset(0.003592128036572481f));
    p = vfma(p, x2, vset(-0.008863235529902197f));
    p = vfma(p, x2, vset(0.021869488536155203f));
    p = vfma(p, x2, vset(-0.05396825396825397f));
    p = vfma(p, x2, vset(0.13333333333333333f));
    p = vfma(p, x2, vset(-0.3333333333333333f));
    vf small = vfma(x * x2, p, x);
    return vsel(a < 0.55f, small, vcopysign(big, x));
}

#include "vec_math.h"

/* Stable compositions shared by many kernels. */

/* 1/(1+e^-x): e^-|x| never overflows; the x < 0 side is e/(1+e). */
V_INLINE vf vsigmoid(vf x)
{
    vf e = vexp(-vabs(x));
    vf r = 1.0f / (1.0f + e);
    return vsel(x >= 0, r, e * r);
}

/* sigma'(x) = e/(1+e)^2, e = e^-|x|: symmetric, no overflow, no cancellation */
V_INLINE vf vdsigmoid(vf x)
{
    vf e = vexp(-vabs(x));
    vf d = 1.0f + e;
    return e / (d * d);
}

/* ln(1+e^x) = max(x,0) + log1p(e^-|x|) */
V_INLINE vf vsoftplus(vf x)
{
    return vmax(x, vset(0)) + vlog1p01(vexp(-vabs(x)));
}

#endif
