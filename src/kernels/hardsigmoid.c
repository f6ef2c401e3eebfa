/*
 * Hard sigmoid: clip(slope x + offset, 0, 1); f' = slope strictly inside
 * (0, 1), else 0 (PyTorch's convention at both ends, as the double code);
 * d/dslope = x and d/doffset = 1 inside, else 0.
 * f is clip(u) correctly rounded (0.5 ULP) for u = slope x + offset:
 * with FMA from one float fma (the fast path, 2026-11-27: it was ~1.4 ns per
 * element in double lanes); without, u is formed in double, where the
 * product of two floats is exact.  The inside/outside decision of f' and
 * the gradients is exactly the double code's, even where the exact u is
 * within a float rounding of 0 or 1 (those vectors are decided in double).
 */
#include "kernel.h"

typedef double k_vd __attribute__((vector_size(VW * 8)));
typedef int64_t k_vl __attribute__((vector_size(VW * 8)));

/* slope x + offset in double (a macro: a function returning a double vector wider than the
   instruction set's registers would change the ABI) */
#define HSIG_U(x, P)                                                                                      \
    (__builtin_convertvector((P)[0], k_vd) * __builtin_convertvector((x), k_vd) +                         \
     __builtin_convertvector((P)[1], k_vd))
V_INLINE vm hsig_in(vf x, const vf *P)
{
    k_vd u = HSIG_U(x, P);
    k_vl in = (u > 0) & (u < 1);
    return __builtin_convertvector(in, vm);
}
#if defined(ACTIV_BUILD_AVX512) || defined(ACTIV_BUILD_AVX2)
/* With FMA, v = fma(slope, x, offset) is the exact u rounded once, and
   clipping commutes with rounding (monotone; 0 and 1 are floats), so
   clip(v) is f correctly rounded.  v in (0, 1) implies u in (0, 1), and
   u in (0, 1) implies v in [0, 1]: only v == 0 or v == 1 leaves the
   inside/outside decision open, and those (rare) vectors take the double
   test. */
V_INLINE vf hardsigmoid_f(vf x, const vf *P)
{
    vf v = vfma(P[0], x, P[1]);
    return vmin(vmax(v, vset(0)), vset(1));
}
V_INLINE vm hsig_inside(vf x, const vf *P)
{
    vf v = vfma(P[0], x, P[1]);
    if (vany((v == 0) | (v == 1))) return hsig_in(x, P);
    return (v > 0) & (v < 1);
}
#else
/* Without FMA a float u would round twice: u in double, where the product
   of two floats is exact. */
V_INLINE vm hsig_inside(vf x, const vf *P) { return hsig_in(x, P); }
V_INLINE vf hardsigmoid_f(vf x, const vf *P)
{
    k_vd u = HSIG_U(x, P);
    k_vd z = (k_vd){0};
    u = (k_vd)(((k_vl)u & (u > 0)) | ((k_vl)z & ~(u > 0)));
    u = (k_vd)(((k_vl)u & (u < 1)) | ((k_vl)(z + 1) & ~(u < 1)));
    return __builtin_convertvector(u, vf);
}
#endif
V_INLINE vf hardsigmoid_df(vf x, const vf *P)
{
    return vsel(hsig_inside(x, P), P[0], vset(0));
}
V_INLINE vf hardsigmoid_dy(vf y, const vf *P)
{
    return vsel((y > 0) & (y < 1), P[0], vset(0));
}
V_INLINE void hardsigmoid_dp(vf x, const vf *P, vf *g)
{
    vm in = hsig_inside(x, P);
    g[0] = vsel(in, x, vset(0));
    g[1] = vsel(in, vset(1), vset(0));
}
ACTIV_KERNEL_YP(hardsigmoid, 2, 0.5f, 0, 0, NULL)
