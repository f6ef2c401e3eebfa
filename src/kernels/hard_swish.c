/*
 * Hard swish: 0 for x <= -3, x for x >= 3, x (x + 3)/6 between (MobileNetV3,
 * PyTorch).  The middle piece as p = x (x + 3) times 1/6 = HI + LO, as
 * fma(p, HI, p LO): three roundings (x + 3, p, the fma), no divide.
 * f' = 0 for x < -3, (2x + 3)/6 = fma(x, 1/3, 1/2) on [-3, 3], 1 for x > 3
 * (PyTorch's kink values -1/2 at -3 and 3/2 at 3, as the double code).
 * Error (tests/test_kernels.c): f <= 2.5 ULP per unit of condition (1.8
 * measured with FMA, 2.1 generic, where the fma is two roundings; f has
 * roots at -3 and 0), f' <= 1.5 (1.33 measured without FMA, 1 with; its
 * root at -1.5 is ill-conditioned).
 */
#include "kernel.h"

/* 1/6 = HI + LO (LO = 1/6 - HI, rounded) */
#define HS_SIXTH_HI 0.16666667163372040f
#define HS_SIXTH_LO -4.9670538e-09f

V_INLINE vf hard_swish_f(vf x, const vf *P)
{
    (void)P;
    vf p = x * (x + 3.0f);
    vf mid = vfma(p, vset(HS_SIXTH_HI), p * HS_SIXTH_LO);
    return vsel(x >= 3, x, vsel(x > -3, mid, vset(0)));
}
V_INLINE vf hard_swish_df(vf x, const vf *P)
{
    (void)P;
    vf mid = vfma(x, vset(1.0f / 3.0f), vset(0.5f));
    return vsel(x > 3, vset(1), vsel(x >= -3, mid, vset(0)));
}
ACTIV_KERNEL(hard_swish, 0, 2.5f, 1.5f, 0, NULL)
