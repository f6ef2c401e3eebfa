/*
 * Hard mish: x for x > 0, x (x + 2)/2 for -2 < x <= 0, 0 for x <= -2
 * (darknet).  The middle piece as (0.5 x)(x + 2): 0.5 x is exact, so two
 * roundings.  f' = 1, x + 1 (one rounding), 0; f'(-2) = 0 (the left piece).
 * Error (tests/test_kernels.c): f <= 1.5 ULP per unit of condition (roots
 * at -2 and 0), f' <= 0.5.
 */
#include "kernel.h"

V_INLINE vf hard_mish_f(vf x, const vf *P)
{
    (void)P;
    vf mid = (0.5f * x) * (x + 2.0f);
    return vsel(x > 0, x, vsel(x > -2, mid, vset(0)));
}
V_INLINE vf hard_mish_df(vf x, const vf *P)
{
    (void)P;
    return vsel(x > 0, vset(1), vsel(x > -2, x + 1.0f, vset(0)));
}
ACTIV_KERNEL(hard_mish, 0, 1.5f, 0.5f, 0, NULL)
