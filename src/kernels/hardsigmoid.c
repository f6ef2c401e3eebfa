/*
 * Hard sigmoid: clip(slope x + offset, 0, 1); f' = slope strictly inside
 * (0, 1), else 0 (PyTorch's convention at both ends, as the double code);
 * d/dslope = x and d/doffset = 1 inside, else 0.
 * u = slope x + offset is formed in double: the product of two floats is
 * exact there, so u is the double code's fma(slope, x, offset) bit for bit,
 * f is its correct rounding (0.5 ULP) on every instruction set (a float
 * u would round twice without FMA), and the inside/outside decision of
 * f' and the gradients is exactly the double code's, even where the
 * exact u is within a float rounding of 0 or 1.
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
V_INLINE vf hardsigmoid_f(vf x, const vf *P)
{
    k_vd u = HSIG_U(x, P);
    k_vd z = (k_vd){0};
    u = (k_vd)(((k_vl)u & (u > 0)) | ((k_vl)z & ~(u > 0)));
    u = (k_vd)(((k_vl)u & (u < 1)) | ((k_vl)(z + 1) & ~(u < 1)));
    return __builtin_convertvector(u, vf);
}
V_INLINE vf hardsigmoid_df(vf x, const vf *P)
{
    return vsel(hsig_in(x, P), P[0], vset(0));
}
V_INLINE vf hardsigmoid_dy(vf y, const vf *P)
{
    return vsel((y > 0) & (y < 1), P[0], vset(0));
}
V_INLINE void hardsigmoid_dp(vf x, const vf *P, vf *g)
{
    vm in = hsig_in(x, P);
    g[0] = vsel(in, x, vset(0));
    g[1] = vsel(in, vset(1), vset(0));
}
ACTIV_KERNEL_YP(hardsigmoid, 2, 0.5f, 0, 0, NULL)
