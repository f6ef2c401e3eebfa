/*
 * The random draws of the stochastic entries: a pure function of
 * (seed, step, element index), so that a backward pass recomputes the
 * forward's draws instead of storing them, and a run repeats exactly.
 *
 * For element i (taken mod 2^32) and the three 32-bit keys of (seed, step):
 *   h_j = lowbias32(i ^ key_j)                    j = 0, 1, 2
 *   u   = (h_0 >> 8) 2^-24                        uniform on [0, 1), exact in float
 *   z   = sqrt(-2 ln(((h_1 | 2^8) >> 8) 2^-24)) cos(2 pi (h_2 >> 8) 2^-24)
 *                                                 standard normal (Box-Muller), independent of u
 * lowbias32 is C. Wellons' 32-bit integer hash ("Prospecting for hash
 * functions", 2018; bias 0.17): a bijection, so the indices of one step never
 * share a draw.  The radius's uniform is odd times 2^-24, never 0, so
 * |z| <= 5.77.
 *
 * The reference layer (activ_layer, src/catalog/layer.c) computes u and z in
 * double from these hashes; the vector kernels in float (vdraw_u, vdraw_z):
 * u is the same number, z within a few float ULP (tests/test_drawn.c checks
 * both against the reference and the distributions' moments).
 */
#ifndef ACTIV_DRAW_H
#define ACTIV_DRAW_H

#include <math.h>
#include <stdint.h>

/* works on uint32_t and on GCC vectors of uint32_t alike */
#define ACTIV_LOWBIAS32(h)                                                                                \
    ((h) ^= (h) >> 16, (h) *= 0x7feb352dU, (h) ^= (h) >> 15, (h) *= 0x846ca68bU, (h) ^= (h) >> 16)

/* splitmix64's finaliser (Steele, Lea, Flood 2014) */
static inline uint64_t activ_draw_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline void activ_draw_keys(uint64_t seed, uint64_t step, uint32_t key[3])
{
    uint64_t s = activ_draw_mix64(seed ^ activ_draw_mix64(step + 0x9E3779B97F4A7C15ull));
    for (int j = 0; j < 3; j++) {
        s = activ_draw_mix64(s + 0x9E3779B97F4A7C15ull);
        key[j] = (uint32_t)(s >> 32);
    }
}

/* u and z of element `index` in double (the reference) */
static inline void activ_draw_uz64(const uint32_t key[3], uint64_t index, double *u, double *z)
{
    uint32_t h[3];
    for (int j = 0; j < 3; j++) {
        h[j] = (uint32_t)index ^ key[j];
        ACTIV_LOWBIAS32(h[j]);
    }
    *u = (double)(h[0] >> 8) * 0x1p-24;
    double u2 = (double)((h[1] | 0x100u) >> 8) * 0x1p-24;
    *z = sqrt(-2 * log(u2)) * cos(6.283185307179586 * ((double)(h[2] >> 8) * 0x1p-24));
}

#ifdef VW /* the vector form, for kernels (after vec.h, whose vec_math.h has vu) */

/* the draws of VW consecutive elements */
typedef struct vdraw {
    vu index;
    const uint32_t *key;
} vdraw;

V_INLINE vf vdraw_unit(vu h) { return __builtin_convertvector((vm)(h >> 8), vf); } /* h >> 8 as a float, exact */

V_INLINE vf vdraw_u(vdraw d)
{
    vu h = d.index ^ d.key[0];
    ACTIV_LOWBIAS32(h);
    return vdraw_unit(h) * 0x1p-24f;
}

/* ln x for normal x > 0: x = 2^k m, m in [3/4, 3/2), as vlog1p (vec_math.h) after its reduction */
V_INLINE vf vdraw_log(vf x)
{
    vu kb = ((vu)x - 0x3f400000u) & 0xff800000u; /* k << 23 */
    return vlog1p_reduced((vf)((vu)x - kb) - 1.0f, __builtin_convertvector((vm)kb >> 23, vf));
}

/* cos(2 pi t) for t in [0, 1): -sin(pi b) with b = 1/2 - |2t - 1| in [-1/2, 1/2] (exact),
   sin(pi b) = b P(b^2), P of degree 4 (least squares on Chebyshev nodes, relative
   error 2^-24.6 with the float coefficients) */
V_INLINE vf vdraw_cos2pi(vf t)
{
    vf b = 0.5f - vabs(2.0f * t - 1.0f), b2 = b * b;
    vf p = vset(0.07755863666534424f);
    p = vfma(p, b2, vset(-0.5982412099838257f));
    p = vfma(p, b2, vset(2.550069570541382f));
    p = vfma(p, b2, vset(-5.167709827423096f));
    p = vfma(p, b2, vset(3.1415927410125732f));
    return -(b * p);
}

/* sqrt(a) for normal a > 0 as a / sqrt(a) with one Newton step from the hardware estimate (vsqrtps,
   a long-latency divider op, held the loop) */
V_INLINE vf vdraw_sqrt(vf a)
{
#if defined(ACTIV_BUILD_AVX512)
    vf r = (vf)_mm512_rsqrt14_ps((__m512)a);
#elif defined(ACTIV_BUILD_AVX2)
    vf r = (vf)_mm256_rsqrt_ps((__m256)a);
#else
    vf r = 1.0f / vsqrt(a);
#endif
    vf s = a * r;
    return vfma(-0.5f * s, vfma(s, r, vset(-1.0f)), s); /* s (1 - (s r - 1)/2) */
}

V_INLINE vf vdraw_z(vdraw d)
{
    vu h1 = d.index ^ d.key[1], h2 = d.index ^ d.key[2];
    ACTIV_LOWBIAS32(h1);
    ACTIV_LOWBIAS32(h2);
    vf u2 = vdraw_unit((h1 | 0x100u)) * 0x1p-24f; /* an odd 24-bit integer: (2j + 1) 2^-24, exact, > 0 */
    return vdraw_sqrt(-2.0f * vdraw_log(u2)) * vdraw_cos2pi(vdraw_unit(h2) * 0x1p-24f);
}
#endif

#endif
